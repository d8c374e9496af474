// What every place that fills a form shares (the console's fill page, the public link, the cadre's
// phone): which of the form's languages to show, and which answers to send.
import { isEnglishLanguage, type AnswerInput, type FormDefinition, type FormItem } from './form-definition.ts';

export type Answers = Record<string, AnswerInput>;

/** The form's language closest to the app's: the same code, else any English for en, else its default. */
export function formLanguageFor(form: FormDefinition, language: 'zh' | 'en'): string {
  if (form.languages.includes(language)) return language;
  const english = form.languages.find(isEnglishLanguage);
  if (language === 'en' && english) return english;
  return form.settings.defaultLanguage;
}

/** The answers to send: the non-empty ones (the server drops hidden ones and recomputes calculations). */
export function answersToSend(answers: Answers): Record<string, string | number | (string | number)[]> {
  const sent: Record<string, string | number | (string | number)[]> = {};
  for (const [name, value] of Object.entries(answers)) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    sent[name] = Array.isArray(value) ? [...(value as (string | number)[])] : (value as string | number);
  }
  return sent;
}

/** Every group and question name of a form. */
export function allItemNames(items: readonly FormItem[], into = new Set<string>()): Set<string> {
  for (const item of items) {
    into.add(item.name);
    if (item.kind === 'group') allItemNames(item.items, into);
  }
  return into;
}
