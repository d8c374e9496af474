// The expression evaluator on its own: every operator and function a form may use, XPath's
// coercions, blank answers, dates, the clock, and parse errors with their positions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  chinaToday,
  evaluate,
  evaluateBoolean,
  FormExpressionError,
  parseExpression,
  parseExpressionCached,
  referencesOf,
  toNumber,
  usesCurrentAnswer,
  type Value,
} from './expression.ts';

function run(text: string, values: Record<string, Value> = {}, current?: Value): Value {
  return evaluate(text, { resolve: (name) => values[name], current, today: () => '2024-03-01' });
}

function parseFailure(text: string): FormExpressionError {
  try {
    parseExpression(text);
  } catch (error) {
    assert.ok(error instanceof FormExpressionError, `${text}: ${String(error)}`);
    return error;
  }
  assert.fail(`${text} parsed`);
}

function assertParseError(text: string, position: number, englishPart: string): void {
  const error = parseFailure(text);
  assert.equal(error.position, position, `${text}: ${error.messageEn}`);
  assert.ok(error.messageEn.includes(englishPart), `${text}: ${error.messageEn}`);
  assert.ok(error.messageEn.endsWith(`(at character ${position + 1})`), error.messageEn);
  assert.ok(error.messageZh.endsWith(`（第 ${position + 1} 个字符）`), error.messageZh);
}

describe('literals, references and the current answer', () => {
  test('numbers are read in XPath syntax, with or without digits around the point', () => {
    assert.equal(run('42'), 42);
    assert.equal(run('3.25'), 3.25);
    assert.equal(run('.5'), 0.5);
    assert.equal(run('5.'), 5);
  });

  test('strings take single or double quotes, each holding the other, and any text', () => {
    assert.equal(run("'it\"s'"), 'it"s');
    assert.equal(run(`"it's"`), "it's");
    assert.equal(run("'蹲点 驻村'"), '蹲点 驻村');
    assert.equal(run("''"), '');
  });

  test('a reference reads the context, and an absent answer reads as an empty string', () => {
    assert.equal(run('${name}', { name: '张三' }), '张三');
    assert.equal(run('${count}', { count: 3 }), 3);
    assert.equal(run('${missing}'), '');
    assert.equal(run('${村_名.1-a}', { '村_名.1-a': 'ok' }), 'ok');
  });

  test('. is the answer being checked, and empty without one', () => {
    assert.equal(run('.', {}, '17'), '17');
    assert.equal(run('.'), '');
    assert.equal(run('. >= 18', {}, '17'), false);
  });
});

describe('precedence and associativity', () => {
  test('* div mod bind tighter than + -, and parentheses override', () => {
    assert.equal(run('1 + 2 * 3'), 7);
    assert.equal(run('(1 + 2) * 3'), 9);
    assert.equal(run('1 + 6 div 3'), 3);
    assert.equal(run('1 + 7 mod 4'), 4);
  });

  test('operators of one level associate to the left', () => {
    assert.equal(run('10 - 4 - 3'), 3);
    assert.equal(run('12 div 3 div 2'), 2);
    assert.equal(run('7 mod 4 * 2'), 6);
    assert.equal(run('2 * 3 mod 4'), 2);
  });

  test('or is lowest, then and, then = !=, then < <= > >=', () => {
    assert.equal(run('1 = 1 and 2 = 3 or 1 = 1'), true);
    assert.equal(run('true() or false() and false()'), true);
    assert.equal(run('(true() or false()) and false()'), false);
    assert.equal(run('1 < 2 = 1'), true, '(1 < 2) = 1 compares true with 1 as booleans');
    assert.equal(run('3 > 2 > 1'), false, '(3 > 2) > 1 is 1 > 1');
    assert.equal(run('1 + 1 = 2'), true);
  });

  test('unary minus binds tighter than * and can repeat', () => {
    assert.equal(run('-2 * 3'), -6);
    assert.equal(run('2 * -3'), -6);
    assert.equal(run('- - 2'), 2);
    assert.equal(run('3 - -2'), 5);
    assert.equal(run('-${a} + 1', { a: '4' }), -3);
    assert.equal(run('-(1 + 2)'), -3);
  });
});

describe('arithmetic', () => {
  test('+ - * div mod compute on numbers', () => {
    assert.equal(run('2 + 3'), 5);
    assert.equal(run('2 - 3'), -1);
    assert.equal(run('2 * 3.5'), 7);
    assert.equal(run('7 div 2'), 3.5);
    assert.equal(run('7 mod 3'), 1);
  });

  test('mod keeps the sign of the dividend and works on fractions, as in XPath', () => {
    assert.equal(run('-7 mod 3'), -1);
    assert.equal(run('7 mod -3'), 1);
    assert.equal(run('7.5 mod 2'), 1.5);
  });

  test('division by zero is infinite and 0 div 0 is NaN', () => {
    assert.equal(run('1 div 0'), Infinity);
    assert.equal(run('-1 div 0'), -Infinity);
    assert.ok(Number.isNaN(run('0 div 0')));
  });

  test('text answers are numbers in arithmetic, and blank or wordy answers make NaN', () => {
    assert.equal(run('${a} + ${b}', { a: '3', b: ' 4 ' }), 7);
    assert.ok(Number.isNaN(run('${a} + 1', { a: '' })));
    assert.ok(Number.isNaN(run("'abc' * 2")));
    assert.ok(Number.isNaN(run("'1e3' + 0")), 'no exponent in XPath numbers');
    assert.ok(Number.isNaN(run("'+5' + 0")), 'no leading plus in XPath numbers');
    assert.equal(run('true() + true()'), 2);
  });
});

describe('comparisons and XPath coercion', () => {
  test('= and != compare numbers numerically when either side is a number', () => {
    assert.equal(run("1 = '1.0'"), true);
    assert.equal(run("${age} = 30", { age: '30' }), true);
    assert.equal(run("${age} != 30", { age: '030' }), false);
    assert.equal(run('0.1 + 0.2 = 0.3'), false, 'plain floating point, as in XPath');
  });

  test('= and != compare text as text when neither side is a number', () => {
    assert.equal(run("'1' = '1.0'"), false);
    assert.equal(run("${a} = 'yes'", { a: 'yes' }), true);
    assert.equal(run("'a' != 'b'"), true);
    assert.equal(run("'Yes' = 'yes'"), false);
  });

  test('a boolean on either side of = compares as booleans', () => {
    assert.equal(run("true() = 'x'"), true);
    assert.equal(run("false() = ''"), true);
    assert.equal(run('true() = 0'), false);
    assert.equal(run("false() != 'false'"), true, "the text 'false' is true");
  });

  test('< <= > >= always compare numbers, so text numbers order numerically', () => {
    assert.equal(run("'10' < '9'"), false);
    assert.equal(run('2 <= 2'), true);
    assert.equal(run('2 < 2'), false);
    assert.equal(run('3 > 2.5'), true);
    assert.equal(run('2 >= 3'), false);
    assert.equal(run("'b' > 'a'"), false, 'words are NaN');
  });

  test('a blank answer equals the empty string, is not a number, and fails every ordering', () => {
    const blank = { age: '' };
    assert.equal(run("${age} = ''", blank), true);
    assert.equal(run("${age} != ''", blank), false);
    assert.equal(run('${age} > 18', blank), false);
    assert.equal(run('${age} <= 18', blank), false);
    assert.equal(run('${age} = 0', blank), false);
    assert.equal(run('${age} != 5', blank), true);
    assert.equal(run("${missing} = ''"), true);
  });
});

describe('and, or, not()', () => {
  test('and/or read their sides as booleans', () => {
    assert.equal(run("'x' and 1"), true);
    assert.equal(run("'' or 0"), false);
    assert.equal(run('${a} > 1 and ${a} < 10', { a: '5' }), true);
    assert.equal(run('${a} < 1 or ${a} > 10', { a: '5' }), false);
  });

  test('and/or stop as soon as the answer is known', () => {
    const values = { bad: '(' };
    assert.equal(run("1 = 1 or regex('a', ${bad})", values), true);
    assert.equal(run("1 = 2 and regex('a', ${bad})", values), false);
    assert.throws(() => run("1 = 1 and regex('a', ${bad})", values), FormExpressionError);
  });

  test('not() negates XPath truth: empty text, 0 and NaN are false; any other text is true', () => {
    assert.equal(run("not('')"), true);
    assert.equal(run('not(0)'), true);
    assert.equal(run('not(0 div 0)'), true);
    assert.equal(run("not('false')"), false);
    assert.equal(run('not(${a} = 1)', { a: '2' }), true);
    assert.equal(run('not(not(1))'), true);
  });
});

describe('functions', () => {
  test('selected() finds one value among space-separated answers', () => {
    const values = { crops: 'wheat  corn cotton' };
    assert.equal(run("selected(${crops}, 'corn')", values), true);
    assert.equal(run("selected(${crops}, 'cotton')", values), true);
    assert.equal(run("selected(${crops}, 'rice')", values), false);
    assert.equal(run("selected(${crops}, 'whe')", values), false, 'whole values only');
    assert.equal(run("selected(${crops}, ' corn ')", values), true);
    assert.equal(run("selected(${none}, 'corn')"), false);
    assert.equal(run('selected(${codes}, 2)', { codes: '1 2' }), true);
  });

  test('count-selected() counts the chosen values', () => {
    assert.equal(run('count-selected(${crops})', { crops: 'wheat corn cotton' }), 3);
    assert.equal(run('count-selected(${crops})', { crops: '  wheat  ' }), 1);
    assert.equal(run('count-selected(${crops})', { crops: '' }), 0);
    assert.equal(run('count-selected(${crops}) >= 2', { crops: 'a b' }), true);
  });

  test('string-length() counts characters, Chinese and beyond the BMP included, and defaults to .', () => {
    assert.equal(run("string-length('abc')"), 3);
    assert.equal(run("string-length('蹲点驻村')"), 4);
    assert.equal(run("string-length('𠀀a')"), 2);
    assert.equal(run('string-length(${x})'), 0);
    assert.equal(run('string-length(12.5)'), 4);
    assert.equal(run('string-length()', {}, '13812345678'), 11);
  });

  test('regex() searches unless anchored, and reads JavaScript patterns', () => {
    assert.equal(run("regex('abc123', '[0-9]+')"), true);
    assert.equal(run("regex('abc123', '^[0-9]+$')"), false);
    assert.equal(run("regex(., '^1[0-9]{10}$')", {}, '13812345678'), true);
    assert.equal(run("regex(., '^1\\d{10}$')", {}, '1381234567'), false);
    assert.equal(run("regex(., '^[\\u4e00-\\u9fa5]{2,4}$')", {}, '张三'), true);
    assert.equal(run("regex(., '^[\\u4e00-\\u9fa5]{2,4}$')", {}, 'Zhang'), false);
    assert.equal(run("regex(${blank}, '^$')"), true);
  });

  test('regex() with a broken pattern fails at parse time when written, at evaluation when read from an answer', () => {
    assertParseError("regex(., '(')", 9, 'invalid regular expression "("');
    assert.throws(() => run("regex('a', ${pattern})", { pattern: '[' }), (error: FormExpressionError) => error.position === 11 && error.messageZh.includes('无效'));
  });

  test('if() picks a branch, keeps its type, nests, and evaluates only the branch it takes', () => {
    const band = "if(${age} < 18, 'child', if(${age} < 60, 'adult', 'senior'))";
    assert.equal(run(band, { age: '9' }), 'child');
    assert.equal(run(band, { age: '35' }), 'adult');
    assert.equal(run(band, { age: '70' }), 'senior');
    assert.equal(run(band, { age: '' }), 'senior', 'a blank age is not < 18 nor < 60');
    assert.equal(run("if(1, 2, 'x')"), 2);
    assert.equal(run("if('', 2, 'x')"), 'x');
    assert.equal(run("if(true(), 1, regex('a', ${bad}))", { bad: '(' }), 1);
  });

  test('concat() joins any number of values as text, numbers printed the XPath way', () => {
    assert.equal(run("concat(1, '-', 2.5)"), '1-2.5');
    assert.equal(run('concat(10 div 4 * 4)'), '10');
    assert.equal(run('concat(1 div 2)'), '0.5');
    assert.equal(run('concat(true(), false())'), 'truefalse');
    assert.equal(run('concat(0 div 0)'), 'NaN');
    assert.equal(run('concat(-0)'), '0');
    assert.equal(run("concat(${blank}, 'x', ${name})", { name: '李四' }), 'x李四');
    assert.equal(run('concat()'), '');
  });

  test('today() reads the injected clock', () => {
    assert.equal(run('today()'), '2024-03-01');
    assert.equal(evaluate('today()', { resolve: () => undefined, today: () => '2030-12-31' }), '2030-12-31');
  });

  test('today() defaults to the date in China, whatever the machine’s time zone', () => {
    assert.equal(chinaToday(new Date('2024-03-01T15:59:59Z')), '2024-03-01');
    assert.equal(chinaToday(new Date('2024-03-01T16:00:00Z')), '2024-03-02');
    assert.match(String(evaluate('today()', { resolve: () => undefined })), /^\d{4}-\d{2}-\d{2}$/);
  });

  test('number(), string(), boolean(), true() and false() convert the XPath way', () => {
    assert.equal(run("number(' 12.5 ')"), 12.5);
    assert.ok(Number.isNaN(run("number('abc')")));
    assert.equal(run('number(true())'), 1);
    assert.equal(run('number()', {}, '7'), 7);
    assert.equal(run('string(2.50)'), '2.5');
    assert.equal(run('string(1 div 0)'), 'Infinity');
    assert.equal(run('string()', {}, 'x'), 'x');
    assert.equal(run("boolean('0')"), true);
    assert.equal(run('boolean(0)'), false);
    assert.equal(run('true()'), true);
    assert.equal(run('false()'), false);
  });
});

describe('dates', () => {
  test('dates compare in order with < and > and as text with =', () => {
    const values = { visited: '2024-02-28' };
    assert.equal(run('${visited} < today()', values), true);
    assert.equal(run('${visited} >= today()', values), false);
    assert.equal(run("${visited} = '2024-02-28'", values), true);
    assert.equal(run(". <= today()", {}, '2024-03-02'), false);
  });

  test('a date minus a date is a number of days, across a leap day', () => {
    assert.equal(run('today() - ${visited}', { visited: '2024-02-28' }), 2);
    assert.equal(run('today() - ${visited}', { visited: '2023-03-01' }), 366);
    assert.equal(run('today() - ${born} >= 18 * 365', { born: '2000-01-01' }), true);
    assert.equal(run('today() - 7 > ${visited}', { visited: '2024-02-20' }), true);
  });

  test('an impossible or blank date is not a number', () => {
    assert.ok(Number.isNaN(run('today() - ${d}', { d: '2024-02-30' })));
    assert.ok(Number.isNaN(run('today() - ${d}', { d: '' })));
    assert.equal(toNumber('1970-01-02'), 1);
  });
});

describe('evaluateBoolean, referencesOf and the cache', () => {
  test('evaluateBoolean reads any result as XPath truth', () => {
    const context = { resolve: (name: string) => ({ a: '5' })[name] };
    assert.equal(evaluateBoolean('${a} > 3', context), true);
    assert.equal(evaluateBoolean("concat('', '')", context), false);
    assert.equal(evaluateBoolean('${a}', context), true);
  });

  test('referencesOf lists each referenced name once, in order', () => {
    assert.deepEqual(referencesOf('${b} + if(${a} > 0, ${b}, -${c}) + count-selected(${d})'), ['b', 'a', 'c', 'd']);
    assert.deepEqual(referencesOf(parseExpression('. > 3')), []);
  });

  test('usesCurrentAnswer finds `.` and the functions that read it without an argument', () => {
    assert.equal(usesCurrentAnswer('. > 3'), true);
    assert.equal(usesCurrentAnswer('string-length() > 3'), true);
    assert.equal(usesCurrentAnswer('string-length(${a}) > 3'), false);
  });

  test('the cache gives back the same tree for the same text', () => {
    assert.equal(parseExpressionCached('${a} + 1'), parseExpressionCached('${a} + 1'));
    assert.deepEqual(parseExpressionCached('${a} + 1'), parseExpression('${a} + 1'));
  });

  test('the tree records operators and positions', () => {
    assert.deepEqual(parseExpression('1 + ${a}'), {
      kind: 'binary',
      operator: '+',
      left: { kind: 'number', value: 1, position: 0 },
      right: { kind: 'reference', name: 'a', position: 4 },
      position: 2,
    });
  });
});

describe('parse errors name the position and the problem in Chinese and English', () => {
  test('an empty or unfinished expression', () => {
    assertParseError('', 0, 'the expression is empty');
    assertParseError('   ', 0, 'the expression is empty');
    assertParseError('1 +', 3, 'the expression ends where a value is expected');
    assertParseError('(1 + 2', 6, 'expected ")" but found the end of the expression');
    assertParseError('1 +* 2', 3, 'expected a value, not "*"');
    assertParseError('concat(1,)', 9, 'expected a value, not ")"');
  });

  test('two values without an operator', () => {
    assertParseError('1 2', 2, 'unexpected "2" (is an operator missing?)');
    assertParseError("${a} 'x'", 5, `unexpected "'x'"`);
  });

  test('broken references and strings', () => {
    assertParseError('${a', 0, 'missing "}" after "${"');
    assertParseError('$a', 0, 'expected "{" after "$"');
    assertParseError('${bad name}', 0, '"bad name" is not a valid question name');
    assertParseError("'abc", 0, "the string has no closing '");
    assertParseError('1 = "abc', 4, 'the string has no closing "');
  });

  test('bare names, unknown functions and wrong argument counts', () => {
    assertParseError('${age} > foo', 9, 'unknown name "foo": refer to a question as ${foo}');
    assertParseError('foo(1)', 0, 'unknown function "foo()"');
    assertParseError('constructor()', 0, 'unknown function "constructor()"');
    assertParseError('not(1, 2)', 0, 'not() takes 1 argument, not 2');
    assertParseError('today(1)', 0, 'today() takes 0 arguments, not 1');
    assertParseError("if(1, 2)", 0, 'if() takes 3 arguments, not 2');
    assertParseError("selected(${a})", 0, 'selected() takes 2 arguments, not 1');
    assertParseError('string-length(1, 2)', 0, 'string-length() takes 0 to 1 arguments, not 2');
    assertParseError('and 1', 0, 'the operator "and" needs a value on its left');
  });

  test('symbols from other languages get a hint', () => {
    assertParseError('1 / 2', 2, 'use div to divide');
    assertParseError('1 == 1', 2, 'use = to compare');
    assertParseError('!${a}', 0, 'use not()');
    assertParseError('${a} && ${b}', 5, 'use and');
    assertParseError('../a', 0, 'XPath paths are not supported');
    assertParseError('${a} = （1）', 7, 'full-width "（": use "(" instead');
    assertParseError('${a} = ’yes’', 7, 'full-width "’"');
    assertParseError('1 # 2', 2, 'unexpected character "#"');
  });

  test('the Chinese message says the same thing', () => {
    const error = parseFailure('${a} / 2');
    assert.equal(error.messageZh, '不支持 “/”：除法请用 div（/ 在 XPath 中是路径）（第 6 个字符）');
    assert.equal(error.message, error.messageEn);
  });
});
