// Pure conversions of spreadsheet cells: whatever Excel or a CSV holds (numbers stored as text,
// text stored as numbers, dates, rich text, formulas, full-width digits) becomes one string,
// and the typed readers below turn such strings into values or a bilingual problem.
import { normalizeText, searchKeys, type NameKind, type SearchKeys } from '../../lib/chinese-text.ts';

export interface Problem {
  message: string;
  messageEn: string;
}

export type Parsed<T> = { value: T } | { problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ value });
const fail = (message: string, messageEn: string): Parsed<never> => ({ problem: { message, messageEn } });

/** True when a parse failed. */
export function isProblem<T>(parsed: Parsed<T>): parsed is { problem: Problem } {
  return 'problem' in parsed;
}

/** One cell value as exceljs reads it (string, number, boolean, Date, rich text, formula, hyperlink, error) → text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; formula?: string; text?: unknown; error?: string };
    if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text).join('');
    if ('formula' in cell || 'sharedFormula' in cell) return cellText(cell.result);
    if ('text' in cell) return cellText(cell.text);
    if ('error' in cell) return '';
  }
  return String(value);
}

// Integers below 1e21 print in full (13812345678, not 1.3812345678e10); fractions keep their digits.
function numberText(value: number): string {
  return String(value);
}

// Rosters repeat the same few thousand values (posts, units, names): normalise each once.
// Bounded, and cleared when full, so one odd file cannot grow it without end.
const cacheLimit = 100_000;
const cleaned = new Map<string, string>();
const keysByName = new Map<string, SearchKeys>();
const plainAscii = /^[\x21-\x7e]*$/;

/** Trims and normalises a cell for matching and validation (Traditional → Simplified, full-width → half-width). */
export function clean(text: string): string {
  if (!text) return '';
  // Codes, numbers and phones: nothing to normalise.
  if (plainAscii.test(text)) return text;
  let value = cleaned.get(text);
  if (value === undefined) {
    if (cleaned.size >= cacheLimit) cleaned.clear();
    cleaned.set(text, (value = normalizeText(text)));
  }
  return value;
}

/** The search keys of a name (normalised, pinyin, initials), computed once per distinct name. */
export function searchKeysOf(name: string, kind: NameKind): SearchKeys {
  const key = kind[0] + name;
  let keys = keysByName.get(key);
  if (!keys) {
    if (keysByName.size >= cacheLimit) keysByName.clear();
    keysByName.set(key, (keys = searchKeys(name, kind)));
  }
  return keys;
}

/** Reads a value from a closed list of Chinese labels (or their codes); the problem lists what is allowed. */
export function parseChoice<T extends string>(text: string, labels: Record<T, string>, extra: Record<string, T> = {}): Parsed<T> {
  const value = clean(text);
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    if (value === label || value.toLowerCase() === code) return ok(code);
  }
  if (extra[value] !== undefined) return ok(extra[value]);
  const allowed = Object.values(labels).join('、');
  return fail(`“${value}”不是允许的取值，应为：${allowed}`, `"${value}" is not allowed; use one of: ${allowed}`);
}

/** 是/否 and common equivalents. */
export function parseYesNo(text: string): Parsed<boolean> {
  const value = clean(text).toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', '√'].includes(value)) return ok(true);
  if (['否', 'n', 'no', 'false', '0', '×', ''].includes(value)) return ok(false);
  return fail(`“${value}”不是允许的取值，应为：是、否`, `"${value}" is not allowed; use 是 (yes) or 否 (no)`);
}

/** A whole number within bounds; accepts 12.0 and full-width digits, refuses fractions and words. */
export function parseInteger(text: string, min: number, max: number): Parsed<number> {
  const value = clean(text).replace(/,/g, '');
  if (!/^-?\d+(\.0+)?$/.test(value)) return fail(`“${value}”不是整数`, `"${value}" is not a whole number`);
  const number = Number.parseFloat(value);
  if (number < min || number > max) return fail(`应在 ${min}–${max} 之间`, `must be between ${min} and ${max}`);
  return ok(number);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** An Excel date serial (days since 1899-12-30) as YYYY-MM-DD. */
export function excelSerialToDate(serial: number): string {
  return new Date(EXCEL_EPOCH + Math.round(serial) * 86_400_000).toISOString().slice(0, 10);
}

/** A calendar date: 2014-03-01, 2014/3/1, 2014.3.1, 2014年3月1日, 20140301, or an Excel date serial. */
export function parseDate(text: string): Parsed<string> {
  const value = clean(text).replace(/\s/g, '');
  if (/^\d{5}(\.\d+)?$/.test(value)) return ok(excelSerialToDate(Number.parseFloat(value)));
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T.*)?$/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() === month - 1 && date.getUTCDate() === day && year >= 1900 && year <= 2100) return ok(date.toISOString().slice(0, 10));
  }
  return fail(`“${value}”不是有效日期，应如 2014-03-01`, `"${value}" is not a valid date; write it like 2014-03-01`);
}

/** A birth year 1940–2010, also given as a date of birth (text, or an Excel date serial). */
export function parseBirthYear(text: string): Parsed<number> {
  const value = clean(text).replace(/\s/g, '');
  let year: number | null = null;
  if (/^\d{4}(\.0+)?年?$/.test(value)) year = Number.parseInt(value, 10);
  else if (/^\d{4}[-/.年]\d{1,2}月?$/.test(value)) year = Number.parseInt(value, 10);
  else {
    const date = parseDate(value);
    if (!isProblem(date)) year = Number.parseInt(date.value, 10);
  }
  if (year === null) return fail(`“${value}”不是年份`, `"${value}" is not a year`);
  if (year < 1940 || year > 2010) return fail(`${year} 不在 1940–2010 之间`, `${year} is not between 1940 and 2010`);
  return ok(year);
}

/**
 * A mobile number: 11 digits starting with 1. Numbers written by Excel in exponent form
 * (1.38123E+10) have lost digits and are refused; `+86`, spaces and dashes are dropped.
 */
export function parsePhone(text: string): Parsed<string> {
  const value = clean(text);
  if (/^\d(\.\d+)?e\+?\d+$/i.test(value)) {
    return fail(`“${value}”是科学计数法，号码已丢失位数：请把该列设为文本后重新填写`, `"${value}" is in exponent form and has lost digits: format the column as text and enter the number again`);
  }
  const digits = value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '').replace(/\.0+$/, '');
  if (!/^1\d{10}$/.test(digits)) return fail(`“${value}”不是 11 位手机号`, `"${value}" is not an 11-digit mobile number starting with 1`);
  return ok(digits);
}

/** Splits a list cell at 、 , ， ; ； / or whitespace, dropping empty items. */
export function splitList(text: string): string[] {
  return clean(text)
    .split(/[、,，;；/\s]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}
