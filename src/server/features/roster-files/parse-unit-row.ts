// Pure: one org-unit row of a sheet → a record ready to stage, or the problems of its cells.
import type { Category, LeadingBody, UnitLevel } from '../../db/schema.ts';
import { normalizeText } from '../../lib/chinese-text.ts';
import { categoryLabels, leadingBodyLabels, unitLevelLabels } from '../../lib/roster-vocabulary.ts';
import { clean, searchKeysOf, parseChoice } from './cell-values.ts';
import { RowReader, type ParseContext, type RowResult, type SheetRow } from './row-types.ts';

export interface UnitRecord {
  /** null: a new unit whose code is generated. */
  code: string | null;
  name: string;
  searchName: string;
  pinyin: string;
  initials: string;
  level: UnitLevel;
  regionCode: string;
  category: Category;
  leadingBody: LeadingBody | null;
  /** An existing parent. */
  parentId: number | null;
  /** A parent defined in the same sheet (its qualified name). */
  parentName: string | null;
}

const codeLengthOfLevel: Record<UnitLevel, number> = { province: 2, city: 4, county: 6, township: 9 };

/** Validates one unit row; the unit's region must lie in the importer's scope and fit its level. */
export function parseUnitRow(row: SheetRow, context: ParseContext): RowResult<UnitRecord> {
  const reader = new RowReader(row);
  const nameText = reader.required('name');
  const regionText = reader.required('region');
  const regionCode = regionText === undefined ? undefined : reader.take('region', context.regions.resolve(regionText, context.scope));
  const levelText = reader.required('level');
  const level = levelText === undefined ? undefined : reader.take('level', parseChoice(levelText, unitLevelLabels, { 省级: 'province', 市级: 'city', 县级: 'county', 乡级: 'township', 乡镇: 'township', 区: 'county' }));
  if (level && regionCode && regionCode.length !== codeLengthOfLevel[level]) {
    reader.report('level', { message: `层级“${unitLevelLabels[level]}”与所在区划（${context.regions.pathOf(regionCode)}）的层级不符`, messageEn: `level ${level} does not fit the region ${regionCode}` });
  }
  const categoryText = reader.required('category');
  const category = categoryText === undefined ? undefined : reader.take('category', parseChoice(categoryText, categoryLabels));
  const leadingBody = reader.raw('leadingBody') === '' ? null : reader.take('leadingBody', parseChoice(reader.raw('leadingBody'), leadingBodyLabels));
  const name = nameText === undefined ? undefined : normalizeText(nameText);

  let parentId: number | null = null;
  let parentName: string | null = null;
  const parentText = clean(reader.raw('parent'));
  if (parentText !== '') {
    const inSheet = context.sheetUnits?.get(parentText.replace(/\s/g, '').toUpperCase());
    if (inSheet !== undefined && inSheet !== name) parentName = inSheet;
    else if (inSheet === name) reader.report('parent', { message: '上级单位不能是本单位', messageEn: 'a unit cannot be its own parent' });
    else parentId = reader.take('parent', context.units!.find(parentText, context.scope.slice(0, 2)))?.id ?? null;
  }
  if (reader.problems.length > 0) return { problems: reader.problems };
  const keys = searchKeysOf(name!, 'place');
  return {
    record: {
      code: clean(reader.raw('code')) || null,
      name: name!,
      searchName: keys.normalized,
      pinyin: keys.pinyin,
      initials: keys.initials,
      level: level!,
      regionCode: regionCode!,
      category: category!,
      leadingBody: leadingBody ?? null,
      parentId,
      parentName,
    },
  };
}

/** Code and name keys of the units a sheet defines, for resolving 上级单位 to a unit of the same sheet. */
export function sheetUnitKeys(rows: SheetRow[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const row of rows) {
    const name = normalizeText(row.cells.get('name') ?? '').replace(/\s/g, '');
    if (!name) continue;
    keys.set(name.toUpperCase(), normalizeText(row.cells.get('name') ?? ''));
    const code = clean(row.cells.get('code') ?? '').toUpperCase();
    if (code) keys.set(code, normalizeText(row.cells.get('name') ?? ''));
  }
  return keys;
}
