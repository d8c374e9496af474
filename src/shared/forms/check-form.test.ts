// findFormProblems: what a form built in the console or imported must get right before use.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compileForm, findFormProblems } from './check-form.ts';
import type { Choice, FormDefinition, FormItem, Question } from './form-definition.ts';

function question(type: Question['type'], name: string, extra: Partial<Question> = {}): Question {
  return { kind: 'question', type, name, label: { zh: name }, ...extra };
}

function formOf(items: FormItem[], choiceLists: Record<string, Choice[]> = {}): FormDefinition {
  return { settings: { formTitle: '', formId: 'f', version: '', defaultLanguage: 'zh' }, languages: ['zh'], items, choiceLists };
}

function problemsOf(form: FormDefinition): { name: string | undefined; column: string; messageEn: string }[] {
  return findFormProblems(form).map((problem) => ({ name: problem.item?.name ?? problem.choice?.name, column: problem.column, messageEn: problem.messageEn }));
}

describe('findFormProblems', () => {
  test('a sound form has no problems and evaluates each node after what it reads', () => {
    const form = formOf([
      question('calculate', 'total', { calculation: '${a} + ${b}' }),
      question('integer', 'a'),
      { kind: 'group', name: 'g', relevant: '${a} > 1', items: [question('integer', 'b', { relevant: '${a} > 0' })] },
      question('text', 'last', { relevant: '${total} > 2' }),
    ]);
    const compiled = compileForm(form);
    assert.deepEqual(compiled.problems, []);
    assert.deepEqual(compiled.order.map((node) => node.item.name), ['a', 'g', 'b', 'total', 'last']);
  });

  test('names must be present, valid and unique', () => {
    assert.deepEqual(problemsOf(formOf([question('text', '', { label: { zh: '无名' } }), question('text', '1st'), question('text', 'a b'), question('text', 'x'), question('integer', 'x')])), [
      { name: '', column: 'name', messageEn: 'the name is missing' },
      { name: '1st', column: 'name', messageEn: 'the name "1st" is not valid: start with a letter or _, then letters, digits, _ - or .' },
      { name: 'a b', column: 'name', messageEn: 'the name "a b" is not valid: start with a letter or _, then letters, digits, _ - or .' },
      { name: 'x', column: 'name', messageEn: 'the name "x" is used twice' },
    ]);
  });

  test('questions need labels (except calculations), calculations need a calculation, selects need a known list', () => {
    const form = formOf(
      [
        question('text', 'no_label', { label: { zh: ' ' } }),
        question('calculate', 'no_calculation', { label: undefined }),
        question('select_one', 'no_list'),
        question('select_multiple', 'unknown_list', { listName: 'colours' }),
        question('select_one', 'fine', { listName: 'yes_no' }),
      ],
      { yes_no: [{ name: 'yes', label: { zh: '是' } }] },
    );
    assert.deepEqual(problemsOf(form), [
      { name: 'no_label', column: 'label', messageEn: 'the label is missing' },
      { name: 'no_calculation', column: 'calculation', messageEn: 'a calculate question needs a calculation' },
      { name: 'no_list', column: 'type', messageEn: 'select_one needs the name of a choices list, e.g. select_one yes_no' },
      { name: 'unknown_list', column: 'type', messageEn: 'there is no choices list named "colours"' },
    ]);
  });

  test('expressions must parse, refer to questions that exist, and use . only in a constraint', () => {
    const form = formOf([
      { kind: 'group', name: 'g', items: [question('integer', 'age', { constraint: '. >= 0' })] },
      question('text', 'broken', { relevant: '${age} >' }),
      question('text', 'unknown', { constraint: '${agee} > 1' }),
      question('text', 'group_ref', { relevant: "${g} = ''" }),
      question('calculate', 'dot', { calculation: '. + 1' }),
    ]);
    assert.deepEqual(problemsOf(form), [
      { name: 'broken', column: 'relevant', messageEn: 'the expression is broken: the expression ends where a value is expected (at character 9)' },
      { name: 'unknown', column: 'constraint', messageEn: 'refers to ${agee}, which is not a question of this form' },
      { name: 'group_ref', column: 'relevant', messageEn: '${g} is a group, not a question' },
      { name: 'dot', column: 'calculation', messageEn: '"." (this answer) may only be used in a constraint: refer to questions as ${name}' },
    ]);
  });

  test('cycles through calculations, relevance and enclosing groups are reported once each', () => {
    const form = formOf([
      question('calculate', 'self', { calculation: '${self} + 1' }),
      question('calculate', 'a', { calculation: '${b}' }),
      question('text', 'b', { relevant: '${a} > 1' }),
      { kind: 'group', name: 'g', relevant: "${inside} = 'x'", items: [question('text', 'inside')] },
    ]);
    assert.deepEqual(problemsOf(form), [
      { name: 'self', column: 'calculation', messageEn: 'circular dependency: self → self' },
      { name: 'a', column: 'calculation', messageEn: 'circular dependency: a → b → a' },
      { name: 'g', column: 'relevant', messageEn: 'circular dependency: g → inside → g' },
    ]);
  });

  test('defaults must fit their question', () => {
    const form = formOf(
      [question('integer', 'n', { default: 'three' }), question('select_one', 's', { listName: 'yes_no', default: 'maybe' }), question('date', 'd', { default: '2024-01-01' })],
      { yes_no: [{ name: 'yes', label: { zh: '是' } }] },
    );
    assert.deepEqual(problemsOf(form), [
      { name: 'n', column: 'default', messageEn: 'the default does not fit the question: "three" is not a whole number' },
      { name: 's', column: 'default', messageEn: 'the default does not fit the question: "maybe" is not one of this question\'s choices' },
    ]);
  });

  test('choices need a name without spaces, unique in its list, and a label', () => {
    const form = formOf([question('select_multiple', 's', { listName: 'l' })], {
      l: [
        { name: 'a', label: { zh: 'A' } },
        { name: 'a', label: { zh: 'A again' } },
        { name: 'two words', label: { zh: 'B' } },
        { name: '', label: { zh: 'C' } },
        { name: 'd', label: {} },
      ],
    });
    assert.deepEqual(problemsOf(form), [
      { name: 'a', column: 'name', messageEn: 'the choice name "a" is used twice in list "l"' },
      { name: 'two words', column: 'name', messageEn: 'the choice name "two words" must not contain spaces (a select_multiple answer separates values by spaces)' },
      { name: '', column: 'name', messageEn: 'the choice has no name' },
      { name: 'd', column: 'label', messageEn: 'the choice has no label' },
    ]);
  });

  test('a form without questions is a problem, and every message is also in Chinese', () => {
    const [problem] = findFormProblems(formOf([]));
    assert.deepEqual(problem, { column: 'type', messageZh: '问卷没有任何题目', messageEn: 'the form has no questions' });
    for (const each of findFormProblems(formOf([question('text', 'x', { relevant: '${y}' })]))) assert.equal(each.messageZh, '引用了不存在的题目 ${y}');
  });
});
