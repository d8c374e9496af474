// What one answer value may be: the text an answer is stored as (trimmed, canonical numbers,
// de-duplicated selections) and whether it fits its question's type and choices. Used by
// validateAnswers for answers and by the form checks for defaults.
import { isCalendarDate, splitSelection } from './expression.ts';
import type { AnswerInput, AnswerProblemCode, FormDefinition, Question } from './form-definition.ts';

const integerText = /^-?\d+$/;
const decimalText = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** An answer as text, trimmed and written canonically for its type (unparseable values stay as given). */
export function normalizeAnswer(question: Question, input: AnswerInput): string {
  if (input === null || input === undefined) return '';
  if (Array.isArray(input)) return [...new Set(input.map((value) => String(value).trim()).filter(Boolean))].join(' ');
  const text = String(input).trim();
  if (question.type === 'select_multiple') return [...new Set(splitSelection(text))].join(' ');
  if (question.type === 'integer' && integerText.test(text) && Number.isSafeInteger(Number(text))) return String(Number(text));
  if (question.type === 'decimal' && decimalText.test(text)) {
    // JavaScript prints very small or large numbers with an exponent, which is not decimal text.
    const canonical = String(Number(text));
    return decimalText.test(canonical) ? canonical : text;
  }
  return text;
}

/** Why a non-empty answer does not fit its question's type or choices, or undefined when it fits. */
export function answerTypeProblem(question: Question, value: string, form: FormDefinition): { code: AnswerProblemCode; messageZh: string; messageEn: string } | undefined {
  switch (question.type) {
    case 'integer':
      if (!integerText.test(value) || !Number.isSafeInteger(Number(value))) return { code: 'integer', messageZh: `“${value}”不是整数`, messageEn: `"${value}" is not a whole number` };
      return undefined;
    case 'decimal':
      if (!decimalText.test(value)) return { code: 'decimal', messageZh: `“${value}”不是数字`, messageEn: `"${value}" is not a number` };
      return undefined;
    case 'date':
      if (!isCalendarDate(value)) return { code: 'date', messageZh: `“${value}”不是有效日期，应如 2024-03-01`, messageEn: `"${value}" is not a valid date; write it like 2024-03-01` };
      return undefined;
    case 'select_one':
    case 'select_multiple': {
      const list = question.listName && Object.hasOwn(form.choiceLists, question.listName) ? form.choiceLists[question.listName] : [];
      const allowed = new Set(list.map((choice) => choice.name));
      const values = question.type === 'select_one' ? [value] : splitSelection(value);
      const unknown = values.find((one) => !allowed.has(one));
      if (unknown !== undefined) return { code: 'choice', messageZh: `“${unknown}”不是本题的选项`, messageEn: `"${unknown}" is not one of this question's choices` };
      return undefined;
    }
    default:
      return undefined;
  }
}
