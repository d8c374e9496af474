// Resolves a region written in a spreadsheet — a code, an official or spoken name, or a partial
// path (河北省沧州市海兴县苏基镇姜庄村, 海兴县苏基镇姜庄村, 姜庄村) — against the divisions loaded
// once per import. Pure: built from plain rows, no I/O.
import { normalizeText } from '../../lib/chinese-text.ts';
import type { Problem } from './cell-values.ts';

export interface RegionRow {
  code: string;
  parent_code: string | null;
  name: string;
  short_name: string;
}

export type RegionResolution = { value: string } | { problem: Problem };

export interface RegionIndex {
  /** Finds the one region the text names inside `scope`; out-of-scope and ambiguous names are problems. */
  resolve(text: string, scope: string, options?: { mayLieOutsideScope?: boolean }): RegionResolution;
  /** The full path of official names (河北省沧州市海兴县苏基镇姜庄村村民委员会). */
  pathOf(code: string): string;
  has(code: string): boolean;
  /** Spoken names from the county down (海兴县苏基镇姜庄村): how exports qualify a point's name. */
  shortPathOf(code: string): string;
  /** True when the text names the region or some of its ancestors, in order (海兴县苏基镇 for a village of 苏基镇). */
  isPathTo(text: string, code: string): boolean;
}

// Spellings of the same place that people use: official name, spoken short name, and a
// village named without 村 (姜庄村民委员会 is said 姜庄村, but also written 姜庄).
function namesOf(region: RegionRow): string[] {
  const names = new Set([normalizeText(region.name), normalizeText(region.short_name)]);
  return [...names].filter(Boolean);
}

/** How people shorten the names of village and community committees: …村民委员会 → …村, …居民委员会 → …社区. */
export function spokenName(text: string): string {
  return text.replace(/村?村民委员会$|村委会$/, '村').replace(/(?:社区)?居民委员会$|居委会$/, '社区');
}

/** Builds the index over the given regions (a province: ≤ 57k rows). */
export function buildRegionIndex(rows: RegionRow[]): RegionIndex {
  const byCode = new Map<string, RegionRow>();
  const byName = new Map<string, RegionRow[]>();
  let longest = 0;
  for (const row of rows) {
    byCode.set(row.code, row);
    for (const name of namesOf(row)) {
      const list = byName.get(name);
      if (list) list.push(row);
      else byName.set(name, [row]);
      longest = Math.max(longest, name.length);
    }
  }
  const memo = new Map<string, RegionRow[]>();

  // Does `prefix` name a chain of ancestors of `region` (each optional, in order, nearest last)?
  function prefixFits(prefix: string, parentCode: string | null): boolean {
    if (prefix === '') return true;
    for (let code = parentCode; code; code = byCode.get(code)?.parent_code ?? null) {
      const ancestor = byCode.get(code);
      if (!ancestor) return false;
      for (const name of namesOf(ancestor)) {
        if (prefix.endsWith(name) && prefixFits(prefix.slice(0, -name.length), ancestor.parent_code)) return true;
      }
    }
    return false;
  }

  function candidates(text: string): RegionRow[] {
    const hit = memo.get(text);
    if (hit) return hit;
    // 姜庄村村民委员会 for an official 姜庄村民委员会, 建北居委会 for 建北社区居民委员会: the spoken form names the same places.
    const spoken = spokenName(text);
    let list = search(text);
    if (spoken !== text) {
      const codes = new Set(list.map((region) => region.code));
      list = [...list, ...search(spoken).filter((region) => !codes.has(region.code))].sort((a, b) => a.code.localeCompare(b.code));
    }
    if (memo.size > 50_000) memo.clear();
    memo.set(text, list);
    return list;
  }

  function search(text: string): RegionRow[] {
    const found = new Map<string, RegionRow>();
    for (let length = Math.min(longest, text.length); length >= 1; length--) {
      for (const region of byName.get(text.slice(text.length - length)) ?? []) {
        if (prefixFits(text.slice(0, text.length - length), region.parent_code)) found.set(region.code, region);
      }
    }
    return [...found.values()].sort((a, b) => a.code.localeCompare(b.code));
  }

  function pathOf(code: string): string {
    const names: string[] = [];
    for (let region = byCode.get(code); region; region = region.parent_code ? byCode.get(region.parent_code) : undefined) names.unshift(region.name);
    return names.join('');
  }

  return {
    has: (code) => byCode.has(code),
    shortPathOf(code) {
      const names: string[] = [];
      for (let region = byCode.get(code); region && region.code.length >= 6; region = region.parent_code ? byCode.get(region.parent_code) : undefined) names.unshift(region.short_name);
      return names.join('');
    },
    isPathTo: (text, code) => text !== '' && prefixFits(normalizeText(text).replace(/\s/g, ''), code),
    pathOf,
    resolve(raw, scope, options = {}) {
      const text = normalizeText(raw).replace(/\s/g, '');
      if (/^\d+$/.test(text)) {
        if (!byCode.has(text)) return { problem: { message: `区划代码“${text}”不存在`, messageEn: `no division has the code "${text}"` } };
        if (!text.startsWith(scope) && !options.mayLieOutsideScope) return outOfScope(text, pathOf(text));
        return { value: text };
      }
      const all = candidates(text);
      const inScope = all.filter((region) => region.code.startsWith(scope));
      const usable = inScope.length > 0 || !options.mayLieOutsideScope ? inScope : all;
      if (usable.length === 1) return { value: usable[0].code };
      if (usable.length > 1) {
        const shown = usable.slice(0, 10).map((region) => `${pathOf(region.code)}（${region.code}）`);
        const more = usable.length > 10 ? `等 ${usable.length} 处` : '';
        return {
          problem: {
            message: `“${text}”对应多个区划：${shown.join('、')}${more}，请写出上级区划或区划代码`,
            messageEn: `"${text}" fits ${usable.length} divisions: ${shown.join(', ')}; add the enclosing division or give the code`,
          },
        };
      }
      if (all.length > 0) return outOfScope(text, pathOf(all[0].code));
      return { problem: { message: `找不到区划“${text}”`, messageEn: `no division is named "${text}"` } };
    },
  };
}

function outOfScope(text: string, path: string): RegionResolution {
  return { problem: { message: `“${text}”（${path}）不在您的管辖范围内`, messageEn: `"${text}" (${path}) is outside your area` } };
}

// Divisions are loaded once with the geography and never edited: one index per database and province.
const cachedIndexes = new WeakMap<object, Map<string, Promise<RegionIndex>>>();

/** The region index of a province of `database`, built on first use from `load`. */
export function cachedRegionIndex(database: object, province: string, load: () => Promise<RegionRow[]>): Promise<RegionIndex> {
  let byProvince = cachedIndexes.get(database);
  if (!byProvince) cachedIndexes.set(database, (byProvince = new Map()));
  let index = byProvince.get(province);
  if (!index) {
    index = load().then(buildRegionIndex);
    byProvince.set(province, index);
    index.catch(() => byProvince.delete(province));
  }
  return index;
}
