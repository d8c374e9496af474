// summarizeAnswers: counts per choice, numeric summaries with histogram buckets, answered counts,
// and what is left out (notes; calculations whose values are not numbers).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FormDefinition } from '../../../shared/forms/form-definition.ts';
import { answerableQuestions, histogramBuckets, summarizeAnswers } from './summarize-answers.ts';

const form: FormDefinition = {
  settings: { formTitle: 't', formId: 't', version: '1', defaultLanguage: 'zh' },
  languages: ['zh'],
  items: [
    { kind: 'question', type: 'text', name: 'name', label: { zh: '姓名' } },
    {
      kind: 'group',
      name: 'g',
      label: { zh: '组' },
      items: [
        { kind: 'question', type: 'select_one', name: 'ok', label: { zh: '好吗' }, listName: 'yes_no' },
        { kind: 'question', type: 'select_multiple', name: 'needs', label: { zh: '诉求' }, listName: 'needs' },
      ],
    },
    { kind: 'question', type: 'integer', name: 'members', label: { zh: '人数' } },
    { kind: 'question', type: 'calculate', name: 'double', calculation: '${members} * 2' },
    { kind: 'question', type: 'calculate', name: 'greeting', calculation: "concat('hi ', ${name})" },
    { kind: 'question', type: 'note', name: 'thanks', label: { zh: '谢谢' } },
  ],
  choiceLists: {
    yes_no: [
      { name: 'yes', label: { zh: '是' } },
      { name: 'no', label: { zh: '否' } },
    ],
    needs: [
      { name: 'water', label: { zh: '水' } },
      { name: 'road', label: { zh: '路' } },
      { name: 'job', label: { zh: '业' } },
    ],
  },
};

describe('summarizeAnswers', () => {
  test('counts each choice, sums up numbers and counts the answered, question by question in form order', () => {
    const results = summarizeAnswers(form, [
      { name: '甲', ok: 'yes', needs: 'water road', members: '4', double: '8', greeting: 'hi 甲' },
      { name: '乙', ok: 'no', needs: 'road', members: '2', double: '4', greeting: 'hi 乙' },
      { ok: 'yes', members: '3', double: '6' },
    ]);
    assert.equal(results.responses, 3);
    assert.deepEqual(results.questions.map((question) => question.name), ['name', 'ok', 'needs', 'members', 'double', 'greeting']);
    const byName = new Map(results.questions.map((question) => [question.name, question]));
    assert.equal(byName.get('name')!.answered, 2);
    assert.deepEqual(byName.get('ok')!.choices!.map((choice) => [choice.name, choice.count]), [['yes', 2], ['no', 1]]);
    assert.deepEqual(byName.get('needs')!.choices!.map((choice) => [choice.name, choice.count]), [['water', 1], ['road', 2], ['job', 0]]);
    assert.equal(byName.get('needs')!.answered, 2);
    assert.deepEqual(byName.get('members')!.numeric, {
      count: 3,
      mean: 3,
      min: 2,
      max: 4,
      buckets: [
        { from: 2, to: 2, count: 1 },
        { from: 3, to: 3, count: 1 },
        { from: 4, to: 4, count: 1 },
      ],
    });
    assert.equal(byName.get('double')!.numeric!.mean, 6);
    assert.equal(byName.get('greeting')!.numeric, undefined, 'a calculation giving text has no numeric summary');
    assert.equal(byName.get('greeting')!.answered, 2);
  });

  test('a numeric question nobody answered has a null summary; no responses give zero counts', () => {
    const results = summarizeAnswers(form, []);
    assert.equal(results.responses, 0);
    const members = results.questions.find((question) => question.name === 'members')!;
    assert.equal(members.numeric, null);
    assert.equal(members.answered, 0);
  });

  test('leaves notes out of the questions', () => {
    assert.ok(!answerableQuestions(form.items).some((question) => question.type === 'note'));
  });
});

describe('histogramBuckets', () => {
  test('wide or fractional values fall into ten equal buckets, the maximum into the last', () => {
    const buckets = histogramBuckets([0, 5, 10, 99.5, 100]);
    assert.equal(buckets.length, 10);
    assert.deepEqual([buckets[0].from, buckets[9].to], [0, 100]);
    assert.deepEqual(buckets.map((bucket) => bucket.count), [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
  });

  test('one value makes one bucket', () => {
    assert.deepEqual(histogramBuckets([7, 7]), [{ from: 7, to: 7, count: 2 }]);
    assert.deepEqual(histogramBuckets([1.5, 1.5]).reduce((total, bucket) => total + bucket.count, 0), 2);
  });
});
