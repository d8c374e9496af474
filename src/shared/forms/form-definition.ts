// The questionnaire model — a plain, JSON-friendly structure built in the console or imported from
// an XLSForm — and validateAnswers, the one answer check that runs on the cadre's phone and again
// on the server. The checks a form itself must pass (names, lists, expressions, references,
// cycles) are findFormProblems in check-form.ts; validateAnswers refuses a form that fails them.
//
// How answers are read (ODK semantics, with the choices written down):
// - Every value is text, as in an ODK instance; expressions coerce (see expression.ts).
// - A question or group whose relevant is false — or inside such a group — is hidden: it is not
//   required, its answer is dropped, and expressions read it as ''. Calculations in a hidden
//   group are not computed. (ODK blanks non-relevant values on submission; we do it as we go, so
//   the phone and the server see the same values.)
// - relevant and calculation are evaluated in dependency order; constraints, which change no
//   value, are checked afterwards, only on non-empty answers (as ODK does), with `.` = the answer.
// - A default applies when the answer is absent (undefined or null), not when it was cleared ('').
// - Answers are trimmed; integers and decimals are written canonically (007 → 7, 1.50 → 1.5);
//   select_multiple answers may be an array or space-separated text and are de-duplicated.
// - An arithmetic calculation over a blank answer gives '' rather than XPath's 'NaN'.
import { answerTypeProblem, normalizeAnswer } from './answer-values.ts';
import { compileForm, type FormProblem } from './check-form.ts';
import { evaluate, evaluateBoolean, FormExpressionError, valueToString, type EvaluationContext, type Value } from './expression.ts';

export type QuestionType = 'text' | 'integer' | 'decimal' | 'select_one' | 'select_multiple' | 'date' | 'note' | 'calculate';

/** Every question type, in the order the form builder offers them. */
export const questionTypes: readonly QuestionType[] = ['text', 'integer', 'decimal', 'select_one', 'select_multiple', 'date', 'note', 'calculate'];

/** The language key of a plain `label` column when the form names no default language. */
export const unnamedLanguage = 'default';

/** Text in several languages, by language code ('zh', 'en', or `unnamedLanguage`). */
export type LocalizedText = Readonly<Record<string, string>>;

export interface Question {
  readonly kind: 'question';
  readonly type: QuestionType;
  readonly name: string;
  readonly label?: LocalizedText;
  readonly hint?: LocalizedText;
  /** The choices list of a select_one or select_multiple. */
  readonly listName?: string;
  readonly required?: boolean;
  readonly relevant?: string;
  /** Checked on a non-empty answer; `.` is the answer. */
  readonly constraint?: string;
  readonly constraintMessage?: LocalizedText;
  /** The expression a calculate question's value comes from. */
  readonly calculation?: string;
  /** The answer when none is given. */
  readonly default?: string;
}

export interface Group {
  readonly kind: 'group';
  readonly name: string;
  readonly label?: LocalizedText;
  readonly hint?: LocalizedText;
  readonly relevant?: string;
  readonly items: readonly FormItem[];
}

export type FormItem = Question | Group;

export interface Choice {
  /** The value stored in the answer (no spaces: select_multiple separates values by spaces). */
  readonly name: string;
  readonly label: LocalizedText;
}

export interface FormSettings {
  readonly formTitle: string;
  readonly formId: string;
  readonly version: string;
  /** The language shown when a text lacks the chosen one. */
  readonly defaultLanguage: string;
}

export interface FormDefinition {
  readonly settings: FormSettings;
  /** The language codes the form's texts are written in. */
  readonly languages: readonly string[];
  readonly items: readonly FormItem[];
  /** Choices by list name. */
  readonly choiceLists: Readonly<Record<string, readonly Choice[]>>;
}

/** An answer as the phone sends it: text, a number, or the values of a select_multiple. */
export type AnswerInput = string | number | readonly (string | number)[] | null | undefined;

export type AnswerProblemCode = 'required' | 'integer' | 'decimal' | 'date' | 'choice' | 'constraint' | 'expression';

/** One refused answer: `message` in the chosen language, and both languages for the API. */
export interface AnswerProblem {
  readonly name: string;
  readonly code: AnswerProblemCode;
  readonly message: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

export interface AnswerCheck {
  /** Refused answers in form order; empty when the answers may be saved. */
  readonly errors: AnswerProblem[];
  /** Names of the relevant groups and questions (shown, or for calculations computed). */
  readonly visible: Set<string>;
  /** The answers to keep: relevant, non-empty, normalised; hidden questions' answers are dropped. */
  readonly answers: Record<string, string>;
  /** The value of every relevant calculate question. */
  readonly calculated: Record<string, string>;
}

export interface ValidateOptions {
  /** Today's date (YYYY-MM-DD) or a clock for today(); the date in China by default. */
  readonly today?: string | (() => string);
  /** The language of `message` (a code of the form's languages); the form's default language by default. Our own messages are in English for en, else Chinese. */
  readonly language?: string;
}

/** A form that fails its own checks (findFormProblems), so no answer can be checked against it. */
export class FormDefinitionError extends Error {
  readonly problems: readonly FormProblem[];

  constructor(problems: readonly FormProblem[]) {
    super(`the form has ${problems.length} problem(s): ${problems.map((problem) => problem.messageEn).join('; ')}`);
    this.name = 'FormDefinitionError';
    this.problems = problems;
  }
}

/** The text in `language`, else in `fallbackLanguage`, else in the unnamed language, else any ('' if none). */
export function textIn(text: LocalizedText | undefined, language: string, fallbackLanguage?: string): string {
  if (!text) return '';
  for (const key of [language, fallbackLanguage, unnamedLanguage]) {
    if (key !== undefined && Object.hasOwn(text, key) && text[key]) return text[key];
  }
  return Object.values(text).find(Boolean) ?? '';
}

/** True when a language code is English (en, en-US, en_GB…): our own messages are then in English, else in Chinese. */
export function isEnglishLanguage(language: string): boolean {
  return /^en(?:$|[-_])/i.test(language);
}

const requiredMessage = { messageZh: '此题必答', messageEn: 'This question is required' };
const constraintMessage = { messageZh: '答案不符合本题要求', messageEn: 'The answer does not meet this question’s rule' };

/**
 * Checks a set of answers against a form: relevance, required, types and choices, constraints,
 * calculations and defaults. Throws FormDefinitionError when the form itself is broken.
 */
export function validateAnswers(form: FormDefinition, answers: Readonly<Record<string, AnswerInput>>, options: ValidateOptions = {}): AnswerCheck {
  const { nodes, order, problems } = compileForm(form);
  if (problems.length > 0) throw new FormDefinitionError(problems);
  const language = options.language ?? form.settings.defaultLanguage;
  const fixedToday = options.today;
  const today = typeof fixedToday === 'function' ? fixedToday : typeof fixedToday === 'string' ? () => fixedToday : undefined;
  const values = new Map<string, string>();
  const visible = new Set<string>();
  const errors = new Map<string, AnswerProblem>();
  const context: EvaluationContext = { resolve: (name) => values.get(name), today };

  const refuse = (name: string, code: AnswerProblemCode, messages: { messageZh: string; messageEn: string }, message?: string) => {
    if (errors.has(name)) return;
    errors.set(name, { name, code, message: message ?? (isEnglishLanguage(language) ? messages.messageEn : messages.messageZh), ...messages });
  };
  // Only a regex() whose pattern comes from an answer can fail while evaluating.
  const attempt = <T>(name: string, work: () => T, fallback: T): T => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof FormExpressionError)) throw error;
      refuse(name, 'expression', { messageZh: `表达式无法计算：${error.messageZh}`, messageEn: `the expression could not be evaluated: ${error.messageEn}` });
      return fallback;
    }
  };

  for (const node of order) {
    const { item } = node;
    const isParentVisible = !node.parent || visible.has(node.parent.item.name);
    const isVisible = isParentVisible && (!node.relevant || attempt(item.name, () => evaluateBoolean(node.relevant!, context), false));
    if (!isVisible) {
      values.set(item.name, '');
      continue;
    }
    visible.add(item.name);
    if (item.kind === 'group' || item.type === 'note') values.set(item.name, '');
    else if (item.type === 'calculate') values.set(item.name, attempt(item.name, () => calculatedText(evaluate(node.calculation!, context)), ''));
    else {
      const input = Object.hasOwn(answers, item.name) ? answers[item.name] : undefined;
      values.set(item.name, normalizeAnswer(item, input ?? item.default));
    }
  }

  const kept: Record<string, string> = {};
  const calculated: Record<string, string> = {};
  for (const { item, constraint } of nodes) {
    if (item.kind === 'group' || item.type === 'note' || !visible.has(item.name)) continue;
    const value = values.get(item.name) ?? '';
    if (item.type === 'calculate') {
      calculated[item.name] = value;
      continue;
    }
    if (value === '') {
      if (item.required) refuse(item.name, 'required', requiredMessage);
      continue;
    }
    kept[item.name] = value;
    const typeProblem = answerTypeProblem(item, value, form);
    if (typeProblem) {
      refuse(item.name, typeProblem.code, { messageZh: typeProblem.messageZh, messageEn: typeProblem.messageEn });
      continue;
    }
    if (constraint && !attempt(item.name, () => evaluateBoolean(constraint, { ...context, current: value }), true)) {
      const own = item.constraintMessage;
      const fallback = form.settings.defaultLanguage;
      refuse(
        item.name,
        'constraint',
        { messageZh: textIn(own, 'zh', fallback) || constraintMessage.messageZh, messageEn: textIn(own, 'en', fallback) || constraintMessage.messageEn },
        textIn(own, language, fallback) || (isEnglishLanguage(language) ? constraintMessage.messageEn : constraintMessage.messageZh),
      );
    }
  }
  const ordered = nodes.map((node) => errors.get(node.item.name)).filter((error) => error !== undefined);
  return { errors: ordered, visible, answers: kept, calculated };
}

// A calculation's value as stored: XPath string(), except that NaN (arithmetic on a blank) is ''.
function calculatedText(value: Value): string {
  return typeof value === 'number' && Number.isNaN(value) ? '' : valueToString(value);
}
