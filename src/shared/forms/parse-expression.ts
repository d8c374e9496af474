// The parser of the questionnaire expression language (semantics and evaluation: expression.ts):
// text → a plain, immutable AST, with errors that name the position and the problem in Chinese
// and English. Grammar: ${name} references, `.` (the answer a constraint checks), '…' and "…"
// strings (no escapes, as in XPath), numbers (`12`, `1.5`, `.5`; no exponent), = != < <= > >=,
// and, or, + - * div mod, unary minus, parentheses and the functions in `functionArity`.
// Precedence, lowest first, all left-associative: or; and; = !=; < <= > >=; + -; * div mod;
// unary minus. Symbols people bring from elsewhere (/, ==, !, &&, paths, full-width punctuation
// and curly quotes) are refused with a hint saying what to write.

export type BinaryOperator = 'or' | 'and' | '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | 'div' | 'mod';

// The functions and how many arguments each takes ([least, most]).
const functionArity = {
  not: [1, 1],
  selected: [2, 2],
  'count-selected': [1, 1],
  'string-length': [0, 1],
  regex: [2, 2],
  if: [3, 3],
  concat: [0, Infinity],
  today: [0, 0],
  number: [0, 1],
  string: [0, 1],
  boolean: [1, 1],
  true: [0, 0],
  false: [0, 0],
} as const satisfies Record<string, readonly [number, number]>;

export type FunctionName = keyof typeof functionArity;

/** A parsed expression; `position` is the 0-based offset of the node in the text. Shared by the cache: never mutate. */
export type Expression =
  | { readonly kind: 'number'; readonly value: number; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'reference'; readonly name: string; readonly position: number }
  | { readonly kind: 'current'; readonly position: number }
  | { readonly kind: 'negate'; readonly operand: Expression; readonly position: number }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: Expression; readonly right: Expression; readonly position: number }
  | { readonly kind: 'call'; readonly name: FunctionName; readonly args: readonly Expression[]; readonly position: number };

/** A broken expression (or a regex() pattern that is not one), in Chinese and English, with where. */
export class FormExpressionError extends Error {
  /** 0-based offset in the expression text. */
  readonly position: number;
  readonly messageZh: string;
  readonly messageEn: string;

  constructor(position: number, problemZh: string, problemEn: string) {
    const messageEn = `${problemEn} (at character ${position + 1})`;
    super(messageEn);
    this.name = 'FormExpressionError';
    this.position = position;
    this.messageZh = `${problemZh}（第 ${position + 1} 个字符）`;
    this.messageEn = messageEn;
  }
}

const namePattern = /^[\p{L}_][\p{L}\p{M}\p{N}_.-]*$/u;

/** True for a valid question, group or list name (an XML name without a colon, as XLSForm requires). */
export function isValidName(name: string): boolean {
  return namePattern.test(name);
}

// ---- Tokens ----

type TokenType = 'number' | 'string' | 'reference' | 'name' | 'symbol' | 'dot' | 'end';

interface Token {
  type: TokenType;
  /** The number's digits, the string's content, the referenced or bare name, or the symbol. */
  value: string;
  /** The token as written. */
  text: string;
  start: number;
}

const numberToken = /\d+(?:\.\d*)?|\.\d+/y;
const nameToken = /[\p{L}_][\p{L}\p{M}\p{N}_.-]*(?::[\p{L}_][\p{L}\p{M}\p{N}_.-]*)?/uy;
const symbols = ['!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '(', ')', ','];
const whitespace = new Set([' ', '\t', '\r', '\n']);

// Full-width punctuation typed with a Chinese input method, and Excel's curly quotes.
const fullWidth: Record<string, string> = {
  '（': '(', '）': ')', '，': ',', '＝': '=', '＜': '<', '＞': '>', '＋': '+', '－': '-', '＊': '*',
  '‘': "'", '’': "'", '“': '"', '”': '"', '！': '!', '＄': '$', '｛': '{', '｝': '}', '　': ' ', '．': '.',
};

// Characters with a known meaning elsewhere, and what to write instead.
const misused: Record<string, [string, string]> = {
  '==': ['比较相等请用 =', 'use = to compare'],
  '/': ['除法请用 div（/ 在 XPath 中是路径）', 'use div to divide (/ is a path in XPath)'],
  '!': ['取反请用 not()', 'use not() to negate'],
  '&': ['“并且”请用 and', 'use and'],
  '|': ['“或者”请用 or', 'use or'],
  '[': ['不支持 XPath 路径，请用 ${名称} 引用题目', 'XPath paths are not supported: refer to a question as ${name}'],
  '@': ['不支持 XPath 路径，请用 ${名称} 引用题目', 'XPath paths are not supported: refer to a question as ${name}'],
  '..': ['不支持 XPath 路径，请用 ${名称} 引用题目', 'XPath paths are not supported: refer to a question as ${name}'],
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    const start = at;
    if (whitespace.has(char)) {
      at++;
    } else if (char === '$') {
      if (text[at + 1] !== '{') throw new FormExpressionError(start, '“$” 后应为 {题目名称}，如 ${age}', 'expected "{" after "$": write ${name}');
      const close = text.indexOf('}', at + 2);
      if (close < 0) throw new FormExpressionError(start, '“${” 缺少右花括号 “}”', 'missing "}" after "${"');
      const name = text.slice(at + 2, close);
      if (!isValidName(name)) throw new FormExpressionError(start, `“${name}”不是有效的题目名称`, `"${name}" is not a valid question name`);
      at = close + 1;
      tokens.push({ type: 'reference', value: name, text: text.slice(start, at), start });
    } else if (char === "'" || char === '"') {
      const close = text.indexOf(char, at + 1);
      if (close < 0) throw new FormExpressionError(start, `字符串缺少结尾的引号 ${char}`, `the string has no closing ${char}`);
      at = close + 1;
      tokens.push({ type: 'string', value: text.slice(start + 1, close), text: text.slice(start, at), start });
    } else if (/\d/.test(char) || (char === '.' && /\d/.test(text[at + 1] ?? ''))) {
      numberToken.lastIndex = at;
      const digits = numberToken.exec(text)![0];
      at += digits.length;
      tokens.push({ type: 'number', value: digits, text: digits, start });
    } else if (char === '.') {
      if (text[at + 1] === '.') throw misusedError(start, '..');
      at++;
      tokens.push({ type: 'dot', value: '.', text: '.', start });
    } else if (text.startsWith('==', at)) {
      throw misusedError(start, '==');
    } else if (symbols.some((symbol) => text.startsWith(symbol, at))) {
      const symbol = symbols.find((candidate) => text.startsWith(candidate, at))!;
      at += symbol.length;
      tokens.push({ type: 'symbol', value: symbol, text: symbol, start });
    } else if (misused[char]) {
      throw misusedError(start, char);
    } else if (fullWidth[char]) {
      throw new FormExpressionError(start, `全角字符 “${char}”，请改用半角 “${fullWidth[char]}”`, `full-width "${char}": use "${fullWidth[char]}" instead`);
    } else {
      nameToken.lastIndex = at;
      const name = nameToken.exec(text)?.[0];
      if (!name) throw new FormExpressionError(start, `无法识别的字符 “${char}”`, `unexpected character "${char}"`);
      at += name.length;
      tokens.push({ type: 'name', value: name, text: name, start });
    }
  }
  tokens.push({ type: 'end', value: '', text: '', start: text.length });
  return tokens;
}

function misusedError(position: number, written: string): FormExpressionError {
  const [zh, en] = misused[written];
  return new FormExpressionError(position, `不支持 “${written}”：${zh}`, `"${written}" is not supported: ${en}`);
}

// ---- Parser (Pratt) ----

const bindingPower: Record<BinaryOperator, number> = { or: 1, and: 2, '=': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4, '+': 5, '-': 5, '*': 6, div: 6, mod: 6 };
// Unary minus binds tighter than * div mod: its operand stops before any binary operator.
const unaryPower = 6;
const operatorWords = new Set(['and', 'or', 'div', 'mod']);

function binaryOperatorOf(token: Token): BinaryOperator | undefined {
  if (token.type === 'symbol' && token.value in bindingPower) return token.value as BinaryOperator;
  if (token.type === 'name' && operatorWords.has(token.value)) return token.value as BinaryOperator;
  return undefined;
}

function describeToken(token: Token): [string, string] {
  return token.type === 'end' ? ['表达式结尾', 'the end of the expression'] : [`“${token.text}”`, `"${token.text}"`];
}

/** Parses an expression; throws FormExpressionError naming the position and the problem. */
export function parseExpression(text: string): Expression {
  const tokens = tokenize(text);
  let index = 0;
  if (tokens[0].type === 'end') throw new FormExpressionError(0, '表达式为空', 'the expression is empty');
  const expression = parseBinary(0);
  const rest = tokens[index];
  if (rest.type !== 'end') {
    const [zh, en] = describeToken(rest);
    throw new FormExpressionError(rest.start, `多余的 ${zh}（是否缺少运算符？）`, `unexpected ${en} (is an operator missing?)`);
  }
  return expression;

  function parseBinary(minimumPower: number): Expression {
    let left = parseOperand();
    for (;;) {
      const token = tokens[index];
      const operator = binaryOperatorOf(token);
      if (!operator || bindingPower[operator] <= minimumPower) return left;
      index++;
      const right = parseBinary(bindingPower[operator]);
      left = { kind: 'binary', operator, left, right, position: token.start };
    }
  }

  function parseOperand(): Expression {
    const token = tokens[index];
    const position = token.start;
    switch (token.type) {
      case 'number':
        index++;
        return { kind: 'number', value: Number(token.value), position };
      case 'string':
        index++;
        return { kind: 'string', value: token.value, position };
      case 'reference':
        index++;
        return { kind: 'reference', name: token.value, position };
      case 'dot':
        index++;
        return { kind: 'current', position };
      case 'name':
        return parseCall(token);
      case 'symbol':
        if (token.value === '-') {
          index++;
          return { kind: 'negate', operand: parseBinary(unaryPower), position };
        }
        if (token.value === '(') {
          index++;
          const inner = parseBinary(0);
          expectClosingParenthesis();
          return inner;
        }
        break;
      case 'end':
        throw new FormExpressionError(position, '表达式不完整，缺少值', 'the expression ends where a value is expected');
    }
    const [zh, en] = describeToken(token);
    throw new FormExpressionError(position, `此处应为值，而不是 ${zh}`, `expected a value, not ${en}`);
  }

  function parseCall(token: Token): Expression {
    const name = token.value;
    index++;
    if (tokens[index].type !== 'symbol' || tokens[index].value !== '(') {
      if (operatorWords.has(name)) throw new FormExpressionError(token.start, `运算符 “${name}” 左边缺少值`, `the operator "${name}" needs a value on its left`);
      throw new FormExpressionError(token.start, `不认识 “${name}”：引用题目请写 \${${name}}，字符串请加引号`, `unknown name "${name}": refer to a question as \${${name}}, quote a string`);
    }
    if (!Object.hasOwn(functionArity, name)) throw new FormExpressionError(token.start, `不支持的函数 “${name}()”`, `unknown function "${name}()"`);
    index++;
    const args: Expression[] = [];
    if (tokens[index].type !== 'symbol' || tokens[index].value !== ')') {
      args.push(parseBinary(0));
      while (tokens[index].type === 'symbol' && tokens[index].value === ',') {
        index++;
        args.push(parseBinary(0));
      }
    }
    expectClosingParenthesis();
    const functionName = name as FunctionName;
    const [least, most] = functionArity[functionName];
    if (args.length < least || args.length > most) {
      const count = least === most ? `${least}` : most === Infinity ? `至少 ${least}` : `${least}–${most}`;
      const countEn = least === most ? `${least}` : most === Infinity ? `at least ${least}` : `${least} to ${most}`;
      throw new FormExpressionError(token.start, `${name}() 需要 ${count} 个参数，实际 ${args.length} 个`, `${name}() takes ${countEn} argument${least === 1 && most === 1 ? '' : 's'}, not ${args.length}`);
    }
    if (functionName === 'regex' && args[1].kind === 'string') compileRegex(args[1].value, args[1].position);
    return { kind: 'call', name: functionName, args, position: token.start };
  }

  function expectClosingParenthesis(): void {
    const token = tokens[index];
    if (token.type === 'symbol' && token.value === ')') {
      index++;
      return;
    }
    const [zh, en] = describeToken(token);
    throw new FormExpressionError(token.start, `缺少右括号 “)”，遇到 ${zh}`, `expected ")" but found ${en}`);
  }
}

// Forms repeat the same few hundred expressions on every answer check: parse each once.
// Bounded, and cleared when full, so odd input cannot grow it without end.
const cacheLimit = 5_000;
const parsedExpressions = new Map<string, Expression>();

/** parseExpression through a bounded cache (the AST is shared: never mutate it). */
export function parseExpressionCached(text: string): Expression {
  let expression = parsedExpressions.get(text);
  if (!expression) {
    expression = parseExpression(text);
    if (parsedExpressions.size >= cacheLimit) parsedExpressions.clear();
    parsedExpressions.set(text, expression);
  }
  return expression;
}

function treeOf(expression: Expression | string): Expression {
  return typeof expression === 'string' ? parseExpressionCached(expression) : expression;
}

function visitNodes(expression: Expression, visit: (node: Expression) => void): void {
  visit(expression);
  if (expression.kind === 'negate') visitNodes(expression.operand, visit);
  else if (expression.kind === 'binary') {
    visitNodes(expression.left, visit);
    visitNodes(expression.right, visit);
  } else if (expression.kind === 'call') for (const arg of expression.args) visitNodes(arg, visit);
}

/** The distinct ${names} an expression refers to, in order of first appearance. */
export function referencesOf(expression: Expression | string): string[] {
  const names = new Set<string>();
  visitNodes(treeOf(expression), (node) => {
    if (node.kind === 'reference') names.add(node.name);
  });
  return [...names];
}

/** True when the expression uses `.` (the answer itself), which only a constraint may. */
export function usesCurrentAnswer(expression: Expression | string): boolean {
  let uses = false;
  visitNodes(treeOf(expression), (node) => {
    if (node.kind === 'current' || (node.kind === 'call' && node.args.length === 0 && ['string-length', 'number', 'string'].includes(node.name))) uses = true;
  });
  return uses;
}

const compiledPatterns = new Map<string, RegExp>();

/** A regex() pattern as a JavaScript RegExp (compiled once); a broken one throws FormExpressionError at `position`. */
export function compileRegex(pattern: string, position: number): RegExp {
  let regex = compiledPatterns.get(pattern);
  if (!regex) {
    try {
      regex = new RegExp(pattern);
    } catch (error) {
      throw new FormExpressionError(position, `正则表达式 “${pattern}” 无效`, `invalid regular expression "${pattern}": ${(error as Error).message}`);
    }
    if (compiledPatterns.size >= cacheLimit) compiledPatterns.clear();
    compiledPatterns.set(pattern, regex);
  }
  return regex;
}
