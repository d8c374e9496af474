// Words for the resident's pages: states and history steps in plain language, dates in the
// reader's language. Steps the dictionary does not know (new server events) show their code.
import type { AppealRating, AppealState, SolvedAnswer } from '../../api/public.ts';
import type { Language, TextKey, Translate } from '../../i18n/i18n.tsx';

/** The state as a resident reads it ("待回访评价" rather than "reviewed"). */
export function stateLabel(t: Translate, state: AppealState | string): string {
  return t(`public.state.${state}` as TextKey);
}

/** One history step as a resident reads it; unknown steps keep their code. */
export function eventLabel(hasText: (key: string) => key is TextKey, t: Translate, event: string): string {
  const key = `public.event.${event}`;
  return hasText(key) ? t(key) : event;
}

export function ratingLabel(t: Translate, rating: AppealRating): string {
  return t(`public.rating.${rating}` as TextKey);
}

export function solvedLabel(t: Translate, solved: SolvedAnswer): string {
  return t(`public.solved.${solved}` as TextKey);
}

/** Tag colour of a state: open work blue, waiting for the resident gold, rectification red, closed green. */
export function stateColour(state: AppealState): string {
  if (state === 'closed') return 'green';
  if (state === 'merged') return 'default';
  if (state === 'rectifying') return 'red';
  if (state === 'reviewed') return 'gold';
  return 'blue';
}

/** A timestamp as date and minutes in the reader's language and time zone. */
export function formatMoment(language: Language, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(date);
}

/** The tracking-code pattern the API accepts (letters, digits and dashes, 6 to 20 long). */
export const trackingCodePattern = /^[0-9A-Z-]{6,20}$/;

/** A typed code made comparable: trimmed, upper case, full-width dashes and spaces dropped. */
export function normalizeTrackingCode(text: string): string {
  return text
    .trim()
    .toUpperCase()
    .replace(/[－—–]/g, '-')
    .replace(/\s+/g, '');
}
