// Reads what a person typed into a search box: a name in Simplified or Traditional characters,
// pinyin or initials, or digits (a phone's last digits, a code).
import { normalizeText } from './chinese-text.ts';

export type SearchText =
  | { kind: 'han'; text: string }
  | { kind: 'latin'; text: string }
  | { kind: 'digits'; text: string }
  | { kind: 'code'; text: string };

/** Classifies and normalises search input; null when nothing searchable is left. */
export function parseSearchText(input: string | undefined): SearchText | null {
  if (!input) return null;
  const text = normalizeText(input).replace(/\s+/g, '');
  if (!text) return null;
  if (/^\d+$/.test(text)) return { kind: 'digits', text };
  if (/^[a-z]+$/i.test(text)) return { kind: 'latin', text: text.toLowerCase() };
  if (/^[a-z0-9_-]+$/i.test(text)) return { kind: 'code', text: text.toUpperCase() };
  return { kind: 'han', text };
}

/** Escapes LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
