// Pure: the results of a form over its stored responses, one summary per question — counts per
// choice for select_one and select_multiple; count, mean, min, max and histogram buckets for
// integer, decimal and numeric calculations; how many answered for text, date and the rest.
// Responses are added one by one (a tally), so a caller can stream them in batches.
import type { FormDefinition, FormItem, LocalizedText, Question } from '../../../shared/forms/form-definition.ts';

export interface NumericSummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  /** Equal-width buckets from min to max; `to` is inclusive only for the last one. */
  buckets: { from: number; to: number; count: number }[];
}

export interface QuestionSummary {
  name: string;
  type: Question['type'];
  label: LocalizedText;
  /** Responses with a non-empty value for the question. */
  answered: number;
  /** Per choice in list order (select questions only). */
  choices?: { name: string; label: LocalizedText; count: number }[];
  /** For integer and decimal questions, and calculations whose every value is a number (null when none answered). */
  numeric?: NumericSummary | null;
}

export interface FormResults {
  responses: number;
  questions: QuestionSummary[];
}

/** The questions of a form in document order, groups opened; notes carry no answer and are left out. */
export function answerableQuestions(items: readonly FormItem[]): Question[] {
  return items.flatMap((item) => (item.kind === 'group' ? answerableQuestions(item.items) : item.type === 'note' ? [] : [item]));
}

const numberText = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const maxBuckets = 10;

/** Histogram buckets: one per whole number when the values are integers over a short range, else ten of equal width. */
export function histogramBuckets(values: readonly number[]): NumericSummary['buckets'] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min === max) return [{ from: min, to: max, count: values.length }];
  if (values.every(Number.isInteger) && max - min < maxBuckets) {
    const buckets = Array.from({ length: max - min + 1 }, (_, index) => ({ from: min + index, to: min + index, count: 0 }));
    for (const value of values) buckets[value - min].count += 1;
    return buckets;
  }
  const width = (max - min) / maxBuckets;
  const buckets = Array.from({ length: maxBuckets }, (_, index) => ({ from: min + index * width, to: index === maxBuckets - 1 ? max : min + (index + 1) * width, count: 0 }));
  for (const value of values) buckets[Math.min(maxBuckets - 1, Math.floor((value - min) / width))].count += 1;
  return buckets;
}

function summarizeNumbers(values: readonly number[]): NumericSummary | null {
  if (values.length === 0) return null;
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    total += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return { count: values.length, mean: total / values.length, min, max, buckets: histogramBuckets(values) };
}

interface QuestionTally {
  question: Question;
  answered: number;
  choiceCounts?: Map<string, number>;
  numbers?: number[];
  /** A calculation with a value that is not a number gets no numeric summary. */
  hasText: boolean;
}

/** A running tally of a form's results: add each response's stored values, then read the results. */
export function createResultsTally(form: FormDefinition) {
  const tallies: QuestionTally[] = answerableQuestions(form.items).map((question) => ({
    question,
    answered: 0,
    choiceCounts: question.type === 'select_one' || question.type === 'select_multiple' ? new Map() : undefined,
    numbers: question.type === 'integer' || question.type === 'decimal' || question.type === 'calculate' ? [] : undefined,
    hasText: false,
  }));
  let responses = 0;
  return {
    add(values: Readonly<Record<string, unknown>>): void {
      responses += 1;
      for (const tally of tallies) {
        const raw = values[tally.question.name];
        const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
        if (value === '') continue;
        tally.answered += 1;
        if (tally.choiceCounts) {
          const selected = tally.question.type === 'select_multiple' ? new Set(value.split(/\s+/)) : [value];
          for (const name of selected) tally.choiceCounts.set(name, (tally.choiceCounts.get(name) ?? 0) + 1);
        } else if (tally.numbers) {
          if (numberText.test(value)) tally.numbers.push(Number(value));
          else tally.hasText = true;
        }
      }
    },
    results(): FormResults {
      return {
        responses,
        questions: tallies.map((tally) => {
          const { question } = tally;
          const summary: QuestionSummary = { name: question.name, type: question.type, label: question.label ?? {}, answered: tally.answered };
          if (tally.choiceCounts) {
            const list = question.listName ? (form.choiceLists[question.listName] ?? []) : [];
            summary.choices = list.map((choice) => ({ name: choice.name, label: choice.label, count: tally.choiceCounts!.get(choice.name) ?? 0 }));
          }
          if (tally.numbers && !(question.type === 'calculate' && tally.hasText)) summary.numeric = summarizeNumbers(tally.numbers);
          return summary;
        }),
      };
    },
  };
}

/** The results of a form over a list of responses' values (a tally over all of them). */
export function summarizeAnswers(form: FormDefinition, responses: Iterable<Readonly<Record<string, unknown>>>): FormResults {
  const tally = createResultsTally(form);
  for (const values of responses) tally.add(values);
  return tally.results();
}
