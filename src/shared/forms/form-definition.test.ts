// validateAnswers, the answer check shared by the phone and the server: relevance, required,
// types and choices, constraints with the form's own messages, calculations, defaults.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FormDefinitionError, textIn, validateAnswers, type FormDefinition, type FormItem, type Question } from './form-definition.ts';

function question(type: Question['type'], name: string, extra: Partial<Question> = {}): Question {
  return { kind: 'question', type, name, label: { zh: name, en: name }, ...extra };
}

function formOf(items: FormItem[], defaultLanguage = 'zh'): FormDefinition {
  return {
    settings: { formTitle: '入户走访', formId: 'visit', version: '1', defaultLanguage },
    languages: ['zh', 'en'],
    items,
    choiceLists: {
      yes_no: [
        { name: 'yes', label: { zh: '是', en: 'Yes' } },
        { name: 'no', label: { zh: '否', en: 'No' } },
      ],
      needs: [
        { name: 'water', label: { zh: '饮水', en: 'Water' } },
        { name: 'road', label: { zh: '道路', en: 'Road' } },
        { name: 'job', label: { zh: '就业', en: 'Jobs' } },
      ],
    },
  };
}

const visitForm = formOf([
  question('text', 'household', { required: true }),
  question('integer', 'members', { required: true, constraint: '. >= 1 and . <= 20', constraintMessage: { zh: '人数应在 1–20 之间', en: 'Between 1 and 20 people' } }),
  question('select_one', 'has_need', { listName: 'yes_no', required: true }),
  {
    kind: 'group',
    name: 'need_details',
    label: { zh: '诉求', en: 'Needs' },
    relevant: "${has_need} = 'yes'",
    items: [
      question('select_multiple', 'needs', { listName: 'needs', required: true, constraint: 'count-selected(.) <= 2', constraintMessage: { zh: '最多选两项' } }),
      question('text', 'road_detail', { relevant: "selected(${needs}, 'road')", required: true }),
      question('calculate', 'need_count', { calculation: 'count-selected(${needs})' }),
    ],
  },
  question('decimal', 'income', { constraint: '. >= 0' }),
  question('date', 'visited_on', { required: true, constraint: '. <= today()', constraintMessage: { zh: '走访日期不能晚于今天', en: 'The visit cannot be in the future' } }),
  question('calculate', 'income_per_member', { calculation: 'if(${members} > 0, ${income} div ${members}, 0)' }),
  question('note', 'thanks'),
]);

const goodAnswers = { household: '王五家', members: '4', has_need: 'yes', needs: ['road', 'water'], road_detail: '村口路面破损', income: '12000', visited_on: '2024-03-01' };

describe('validateAnswers', () => {
  test('complete answers pass, normalised, with calculations computed and every relevant item visible', () => {
    const check = validateAnswers(visitForm, goodAnswers, { today: '2024-03-01' });
    assert.deepEqual(check.errors, []);
    assert.deepEqual(check.answers, { household: '王五家', members: '4', has_need: 'yes', needs: 'road water', road_detail: '村口路面破损', income: '12000', visited_on: '2024-03-01' });
    assert.deepEqual(check.calculated, { need_count: '2', income_per_member: '3000' });
    assert.deepEqual([...check.visible], ['household', 'members', 'has_need', 'need_details', 'needs', 'road_detail', 'need_count', 'income', 'visited_on', 'income_per_member', 'thanks']);
  });

  test('a hidden group’s questions are not required, their answers are dropped and their calculations not computed', () => {
    const check = validateAnswers(visitForm, { ...goodAnswers, has_need: 'no', road_detail: '' }, { today: '2024-03-01' });
    assert.deepEqual(check.errors, []);
    assert.equal(check.visible.has('need_details'), false);
    assert.equal(check.visible.has('needs'), false);
    assert.equal('needs' in check.answers, false);
    assert.equal('need_count' in check.calculated, false);
  });

  test('a question hidden by its own relevant is not required', () => {
    const check = validateAnswers(visitForm, { ...goodAnswers, needs: 'water', road_detail: undefined }, { today: '2024-03-01' });
    assert.deepEqual(check.errors, []);
    assert.equal(check.visible.has('road_detail'), false);
  });

  test('missing required answers are refused in form order, in the chosen language', () => {
    const answers = { ...goodAnswers, household: '  ', road_detail: '' };
    const zh = validateAnswers(visitForm, answers, { today: '2024-03-01', language: 'zh' });
    assert.deepEqual(zh.errors, [
      { name: 'household', code: 'required', message: '此题必答', messageZh: '此题必答', messageEn: 'This question is required' },
      { name: 'road_detail', code: 'required', message: '此题必答', messageZh: '此题必答', messageEn: 'This question is required' },
    ]);
    const en = validateAnswers(visitForm, answers, { today: '2024-03-01', language: 'en' });
    assert.deepEqual(en.errors.map((error) => error.message), ['This question is required', 'This question is required']);
    const unnamed = validateAnswers(formOf([question('text', 'a', { required: true })], 'default'), {});
    assert.equal(unnamed.errors[0].message, '此题必答', 'Chinese unless the language is English');
  });

  test('a broken constraint is refused with the form’s own message in the chosen language', () => {
    const answers = { ...goodAnswers, members: '25' };
    const [zh] = validateAnswers(visitForm, answers, { today: '2024-03-01', language: 'zh' }).errors;
    assert.deepEqual(zh, { name: 'members', code: 'constraint', message: '人数应在 1–20 之间', messageZh: '人数应在 1–20 之间', messageEn: 'Between 1 and 20 people' });
    const [en] = validateAnswers(visitForm, answers, { today: '2024-03-01', language: 'en' }).errors;
    assert.equal(en.message, 'Between 1 and 20 people');
  });

  test('a constraint message in one language only is used for both', () => {
    const [error] = validateAnswers(visitForm, { ...goodAnswers, needs: 'road water job' }, { today: '2024-03-01', language: 'en' }).errors;
    assert.deepEqual(error, { name: 'needs', code: 'constraint', message: '最多选两项', messageZh: '最多选两项', messageEn: '最多选两项' });
  });

  test('a constraint without a message gets the default one', () => {
    const [error] = validateAnswers(visitForm, { ...goodAnswers, income: '-5' }, { today: '2024-03-01', language: 'en' }).errors;
    assert.deepEqual(error, { name: 'income', code: 'constraint', message: 'The answer does not meet this question’s rule', messageZh: '答案不符合本题要求', messageEn: 'The answer does not meet this question’s rule' });
  });

  test('the constraint reads today() from the given date', () => {
    const answers = { ...goodAnswers, visited_on: '2024-03-02' };
    assert.equal(validateAnswers(visitForm, answers, { today: '2024-03-01' }).errors[0]?.message, '走访日期不能晚于今天');
    assert.deepEqual(validateAnswers(visitForm, answers, { today: () => '2024-03-02' }).errors, []);
  });

  test('answers of the wrong type are refused and their constraint is not checked', () => {
    const check = validateAnswers(visitForm, { ...goodAnswers, members: '4.5', income: '一万', visited_on: '2024-02-30', has_need: 'maybe' }, { today: '2024-03-01', language: 'en' });
    assert.deepEqual(
      check.errors.map(({ name, code, messageEn }) => ({ name, code, messageEn })),
      [
        { name: 'members', code: 'integer', messageEn: '"4.5" is not a whole number' },
        { name: 'has_need', code: 'choice', messageEn: '"maybe" is not one of this question\'s choices' },
        { name: 'income', code: 'decimal', messageEn: '"一万" is not a number' },
        { name: 'visited_on', code: 'date', messageEn: '"2024-02-30" is not a valid date; write it like 2024-03-01' },
      ],
    );
    assert.equal(check.errors[0].messageZh, '“4.5”不是整数');
  });

  test('a select_multiple value outside its list is refused; numbers are written canonically', () => {
    const check = validateAnswers(visitForm, { ...goodAnswers, needs: 'road road school', members: '004', income: '1200.50' }, { today: '2024-03-01' });
    assert.deepEqual(check.errors.map((error) => [error.name, error.code, error.messageZh]), [['needs', 'choice', '“school”不是本题的选项']]);
    assert.equal(check.answers.needs, 'road school');
    assert.equal(check.answers.members, '4');
    assert.equal(check.answers.income, '1200.5');
  });

  test('numbers too long or too small for canonical writing are kept as typed', () => {
    const check = validateAnswers(visitForm, { ...goodAnswers, members: '12345678901234567890', income: '0.00000001' }, { today: '2024-03-01', language: 'en' });
    assert.deepEqual(check.errors.map((error) => error.message), ['"12345678901234567890" is not a whole number']);
    assert.equal(check.answers.income, '0.00000001');
  });

  test('a constraint is not checked on an empty answer', () => {
    const check = validateAnswers(visitForm, { ...goodAnswers, income: '' }, { today: '2024-03-01' });
    assert.deepEqual(check.errors, []);
    assert.equal(check.calculated.income_per_member, '', 'arithmetic on a blank is blank, not NaN');
  });

  test('answers to unknown names and to calculations are ignored: the server recomputes', () => {
    const check = validateAnswers(visitForm, { ...goodAnswers, need_count: '99', hacker: 'x' }, { today: '2024-03-01' });
    assert.equal(check.calculated.need_count, '2');
    assert.equal('hacker' in check.answers, false);
  });
});

describe('calculations, relevance order and defaults', () => {
  test('calculations run in dependency order, whatever their order in the form', () => {
    const form = formOf([
      question('calculate', 'label_text', { calculation: "concat(${total}, ' 人')" }),
      question('calculate', 'total', { calculation: '${adults} + ${children}' }),
      question('integer', 'adults'),
      question('integer', 'children'),
      question('text', 'big_family_note', { relevant: '${total} >= 5' }),
    ]);
    const check = validateAnswers(form, { adults: '2', children: '3', big_family_note: '三代同堂' });
    assert.deepEqual(check.calculated, { label_text: '5 人', total: '5' });
    assert.equal(check.answers.big_family_note, '三代同堂');
    assert.equal(validateAnswers(form, { adults: '2', children: '1', big_family_note: 'x' }).answers.big_family_note, undefined);
  });

  test('a question whose relevant reads a hidden question sees it as blank', () => {
    const form = formOf([
      question('select_one', 'farms', { listName: 'yes_no' }),
      question('integer', 'acres', { relevant: "${farms} = 'yes'" }),
      question('text', 'large_farm', { relevant: '${acres} > 100 or ${acres} = 0' }),
    ]);
    const check = validateAnswers(form, { farms: 'no', acres: '500', large_farm: 'x' });
    assert.deepEqual(check.answers, { farms: 'no' });
    assert.deepEqual([...check.visible], ['farms']);
  });

  test('a default applies when the answer is absent, not when it was cleared', () => {
    const form = formOf([question('integer', 'members', { default: '3' }), question('select_one', 'resident', { listName: 'yes_no', default: 'yes', required: true })]);
    assert.deepEqual(validateAnswers(form, {}).answers, { members: '3', resident: 'yes' });
    assert.deepEqual(validateAnswers(form, { members: null }).answers, { members: '3', resident: 'yes' });
    const cleared = validateAnswers(form, { members: '', resident: '' });
    assert.deepEqual(cleared.answers, {});
    assert.deepEqual(cleared.errors.map((error) => error.name), ['resident']);
  });

  test('an answer whose regex() pattern is itself broken is refused, not thrown', () => {
    const form = formOf([question('text', 'pattern'), question('text', 'code', { constraint: 'regex(., ${pattern})' })]);
    const [error] = validateAnswers(form, { pattern: '[', code: 'a' }, { language: 'en' }).errors;
    assert.equal(error.code, 'expression');
    assert.match(error.messageEn, /^the expression could not be evaluated: invalid regular expression "\["/);
  });

  test('a form with a calculation cycle is refused before any answer is read', () => {
    const form = formOf([question('calculate', 'a', { calculation: '${b} + 1' }), question('calculate', 'b', { calculation: '${a} + 1' })]);
    assert.throws(
      () => validateAnswers(form, {}),
      (error: FormDefinitionError) => error instanceof FormDefinitionError && error.problems.length === 1 && error.problems[0].messageEn === 'circular dependency: a → b → a',
    );
  });
});

describe('textIn', () => {
  test('picks the language, then the fallback, then the unnamed text, then any', () => {
    assert.equal(textIn({ zh: '是', en: 'Yes' }, 'en'), 'Yes');
    assert.equal(textIn({ zh: '是' }, 'en', 'zh'), '是');
    assert.equal(textIn({ default: 'plain', fr: 'Oui' }, 'en'), 'plain');
    assert.equal(textIn({ fr: 'Oui' }, 'en'), 'Oui');
    assert.equal(textIn(undefined, 'en'), '');
  });
});
