// Pure: one contact-point row of a sheet → a record ready to stage, or the problems of its cells.
import type { PointType } from '../../db/schema.ts';
import { needTagLabels, pointTypeLabels, type NeedTag } from '../../lib/roster-vocabulary.ts';
import { clean, searchKeysOf, parseChoice, parseInteger, type Parsed } from './cell-values.ts';
import { RowReader, type ParseContext, type RowResult, type SheetRow } from './row-types.ts';

export interface PointRecord {
  externalId: string | null;
  name: string;
  searchName: string;
  pinyin: string;
  initials: string;
  type: PointType;
  regionCode: string;
  severities: Record<NeedTag, number>;
  needNotes: Partial<Record<NeedTag, string>>;
  households: number;
  population: number;
  minCadres: number;
  maxCadres: number;
  profile: Record<string, string | number | boolean>;
}

const tagByWord: Record<string, NeedTag> = { 乱: 'disorder', 难: 'difficulty', 穷: 'poverty', disorder: 'disorder', difficulty: 'difficulty', poverty: 'poverty' };
const tagList = '乱、难、穷';

/** Reads 需求标签 (乱、穷 / 乱2、穷3 / "乱 难"); tags without their own severity take `shared` (严重程度). */
export function parseNeeds(tagsText: string, shared: number): Parsed<Record<NeedTag, number>> {
  const severities: Record<NeedTag, number> = { disorder: 0, difficulty: 0, poverty: 0 };
  // Chinese drops spaces between characters, so 难 乱 arrives as 难乱: read tags wherever they stand.
  let problem: Parsed<never> | undefined;
  const rest = clean(tagsText)
    .toLowerCase()
    .replace(/(乱|难|穷|disorder|difficulty|poverty)\s*(\d+)?/g, (token: string, word: string, digits: string | undefined) => {
      const tag = tagByWord[word];
      if (digits === undefined) severities[tag] = shared;
      else {
        const own = parseInteger(digits, 1, 3);
        if ('problem' in own) problem ??= { problem: { message: `“${token}”的程度${own.problem.message}`, messageEn: `the severity of "${token}" ${own.problem.messageEn}` } };
        else severities[tag] = own.value;
      }
      return ' ';
    });
  const unknown = rest.split(/[、,;/\s]+/).find(Boolean);
  if (unknown) return { problem: { message: `“${unknown}”不是需求标签，应为：${tagList}`, messageEn: `"${unknown}" is not a need tag; use ${tagList} (disorder, difficulty, poverty)` } };
  if (problem) return problem;
  return { value: severities };
}

/** Reads 需求说明: `乱：…；穷：…`, or plain text when the row has exactly one tag. The text is kept as written. */
export function parseNeedNotes(text: string, severities: Record<NeedTag, number>): Parsed<Partial<Record<NeedTag, string>>> {
  const notes: Partial<Record<NeedTag, string>> = {};
  const tags = (Object.keys(severities) as NeedTag[]).filter((tag) => severities[tag] > 0);
  for (const segment of segments(text)) {
    const match = /^\s*(乱|难|穷|亂|難|窮)\s*[:：]\s*([\s\S]*)$/.exec(segment);
    if (match) notes[tagByWord[clean(match[1])]] = match[2].trim();
    else if (tags.length === 1) notes[tags[0]] = segment;
    else return { problem: { message: '有多个或没有需求标签时，说明要写成“乱：…；穷：…”', messageEn: 'with several or no tags, write notes as 乱：…；穷：…' } };
  }
  return { value: notes };
}

// Items of a notes or profile cell, separated by ； ; or line breaks, trimmed, as written.
function segments(text: string): string[] {
  return text.split(/[;；\n]+/).map((part) => part.trim()).filter(Boolean);
}

/** Reads 概况: `主导产业：冬枣；党员数：35` → { 主导产业: '冬枣', 党员数: 35 }; text values are kept as written. */
export function parseProfile(text: string): Parsed<Record<string, string | number | boolean>> {
  const profile: Record<string, string | number | boolean> = {};
  for (const segment of segments(text)) {
    const match = /^([^:：]+?)\s*[:：]\s*([\s\S]*)$/.exec(segment);
    if (!match) return { problem: { message: `“${segment}”应写成“项目：内容”`, messageEn: `"${segment}" should be written as key：value` } };
    const value = match[2].trim();
    profile[clean(match[1])] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value === 'true' || value === 'false' ? value === 'true' : value;
  }
  return { value: profile };
}

/** Validates one point row; the region must lie in the importer's scope. */
export function parsePointRow(row: SheetRow, context: ParseContext): RowResult<PointRecord> {
  const reader = new RowReader(row);
  const name = reader.required('name');
  const typeText = reader.required('type');
  const type = typeText === undefined ? undefined : reader.take('type', parseChoice(typeText, pointTypeLabels));
  const regionText = reader.required('region');
  const regionCode = regionText === undefined ? undefined : reader.take('region', context.regions.resolve(regionText, context.scope));
  const shared = reader.raw('severity') === '' ? 1 : reader.take('severity', parseInteger(reader.raw('severity'), 1, 3));
  if (shared !== undefined && reader.raw('needs') === '' && reader.raw('severity') !== '') {
    reader.report('severity', { message: '填写了严重程度但没有需求标签', messageEn: 'a severity without need tags' });
  }
  const severities = shared === undefined ? undefined : reader.take('needs', parseNeeds(reader.raw('needs'), shared));
  const needNotes = severities ? reader.take('needNotes', parseNeedNotes(reader.raw('needNotes'), severities)) : undefined;
  const count = (key: string, fallback: number, max: number) => (reader.raw(key) === '' ? fallback : reader.take(key, parseInteger(reader.raw(key), 0, max)));
  const households = count('households', 0, 1_000_000);
  const population = count('population', 0, 10_000_000);
  const minCadres = count('minCadres', 1, 20);
  const maxCadres = count('maxCadres', 3, 20);
  if (minCadres !== undefined && maxCadres !== undefined && minCadres > maxCadres) {
    reader.report(reader.raw('maxCadres') === '' ? 'minCadres' : 'maxCadres', { message: `最少干部数（${minCadres}）大于最多干部数（${maxCadres}）`, messageEn: `min cadres (${minCadres}) exceeds max cadres (${maxCadres})` });
  }
  const profile = reader.take('profile', parseProfile(reader.raw('profile')));
  if (reader.problems.length > 0) return { problems: reader.problems };
  const keys = searchKeysOf(name!, 'place');
  return {
    record: {
      externalId: clean(reader.raw('externalId')) || null,
      name: name!,
      searchName: keys.normalized,
      pinyin: keys.pinyin,
      initials: keys.initials,
      type: type!,
      regionCode: regionCode!,
      severities: severities!,
      needNotes: needNotes!,
      households: households!,
      population: population!,
      minCadres: minCadres!,
      maxCadres: maxCadres!,
      profile: profile!,
    },
  };
}

/** The key under which two rows are the same point when neither has an external id. */
export function pointNaturalKey(record: PointRecord): string {
  return `${record.searchName}|${record.type}|${record.regionCode}`;
}

/** 需求标签 as exported: every tag with its own severity (乱2、穷3). */
export function formatNeeds(severities: Record<NeedTag, number>): string {
  return (Object.keys(needTagLabels) as NeedTag[])
    .filter((tag) => severities[tag] > 0)
    .map((tag) => `${needTagLabels[tag]}${severities[tag]}`)
    .join('、');
}

/** 需求说明 as exported: 乱：…；穷：… */
export function formatNeedNotes(notes: Partial<Record<NeedTag, string>>): string {
  return (Object.keys(needTagLabels) as NeedTag[])
    .filter((tag) => notes[tag])
    .map((tag) => `${needTagLabels[tag]}：${notes[tag]}`)
    .join('；');
}

/** 概况 as exported: key：value；key：value */
export function formatProfile(profile: Record<string, unknown>): string {
  return Object.entries(profile)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}：${String(value)}`)
    .join('；');
}
