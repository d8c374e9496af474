// In-memory look-ups the row parsers need besides regions: units by code and qualified name,
// points by external id and by name qualified with their region. Pure: built from plain rows.
import { normalizeText } from '../../lib/chinese-text.ts';
import type { Category } from '../../db/schema.ts';
import type { Problem } from './cell-values.ts';
import type { RegionIndex } from './region-index.ts';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  region_code: string;
  category: Category;
}

export interface PointRow {
  id: number;
  external_id: string | null;
  name: string;
  region_code: string;
}

export type Lookup<T> = { value: T } | { problem: Problem };

export interface UnitLookup {
  /** A unit by code or qualified name, which must lie inside `scope`. */
  find(text: string, scope: string): Lookup<UnitRow>;
}

const outside = (text: string): Problem => ({ message: `“${text}”不在您的管辖范围内`, messageEn: `"${text}" is outside your area` });

/** Indexes units by code and by normalised qualified name. */
export function buildUnitLookup(units: UnitRow[]): UnitLookup {
  const byCode = new Map<string, UnitRow>();
  const byName = new Map<string, UnitRow[]>();
  for (const unit of units) {
    byCode.set(unit.code.toUpperCase(), unit);
    const key = normalizeText(unit.name).replace(/\s/g, '');
    byName.set(key, [...(byName.get(key) ?? []), unit]);
  }
  return {
    find(raw, scope) {
      const text = normalizeText(raw).replace(/\s/g, '');
      const matches = byCode.has(text.toUpperCase()) ? [byCode.get(text.toUpperCase())!] : (byName.get(text) ?? []);
      if (matches.length === 0) {
        return { problem: { message: `找不到单位“${text}”（请填单位编码或带区划的全称，如 海兴县财政局）`, messageEn: `no unit "${text}" (give its code or full qualified name, e.g. 海兴县财政局)` } };
      }
      const inScope = matches.filter((unit) => unit.region_code.startsWith(scope));
      if (inScope.length === 0) return { problem: outside(text) };
      if (inScope.length > 1) {
        const codes = inScope.map((unit) => unit.code).join('、');
        return { problem: { message: `“${text}”对应多个单位（编码 ${codes}），请填单位编码`, messageEn: `"${text}" fits several units (codes ${codes}); give the code` } };
      }
      return { value: inScope[0] };
    },
  };
}

export interface PointLookup {
  /** A point by external id, or by its name qualified with (part of) its region path. */
  find(text: string, scope: string): Lookup<PointRow>;
}

/** Indexes points by external id and normalised name. */
export function buildPointLookup(points: PointRow[], regions: RegionIndex): PointLookup {
  const byExternalId = new Map<string, PointRow>();
  const byName = new Map<string, PointRow[]>();
  let longest = 0;
  for (const point of points) {
    if (point.external_id) byExternalId.set(point.external_id.toUpperCase(), point);
    const key = normalizeText(point.name).replace(/\s/g, '');
    byName.set(key, [...(byName.get(key) ?? []), point]);
    longest = Math.max(longest, key.length);
  }
  return {
    find(raw, scope) {
      const text = normalizeText(raw).replace(/\s/g, '');
      const byId = byExternalId.get(text.toUpperCase());
      if (byId) return byId.region_code.startsWith(scope) ? { value: byId } : { problem: outside(text) };
      const found: PointRow[] = [];
      for (let length = Math.min(longest, text.length); length >= 1; length--) {
        for (const point of byName.get(text.slice(text.length - length)) ?? []) {
          const prefix = text.slice(0, text.length - length);
          if (prefix === '') {
            found.push(point);
            continue;
          }
          // The prefix names the point's region or ancestors of it (海兴县苏基镇 + 姜庄村).
          if (regions.isPathTo(prefix, point.region_code)) found.push(point);
        }
      }
      const unique = [...new Set(found)];
      if (unique.length === 0) return { problem: { message: `找不到联系点“${text}”（请填外部编号或带区划的名称）`, messageEn: `no contact point "${text}" (give its external id or its name qualified by region)` } };
      const inScope = unique.filter((point) => point.region_code.startsWith(scope));
      if (inScope.length === 0) return { problem: outside(text) };
      if (inScope.length > 1) {
        const shown = inScope.slice(0, 5).map((point) => `${regions.pathOf(point.region_code)} ${point.name}${point.external_id ? `（${point.external_id}）` : ''}`);
        return { problem: { message: `“${text}”对应多个联系点：${shown.join('、')}，请填外部编号`, messageEn: `"${text}" fits ${inScope.length} points: ${shown.join(', ')}; give the external id` } };
      }
      return { value: inScope[0] };
    },
  };
}
