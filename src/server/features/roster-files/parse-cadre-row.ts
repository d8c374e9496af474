// Pure: one cadre row of a sheet → a record ready to stage, or the problems of its cells.
import type { Category, LeadingBody, Programme } from '../../db/schema.ts';
import { isMaskedPhone } from '../../lib/masking.ts';
import { categoryLabels, leadingBodyLabels, programmeLabels } from '../../lib/roster-vocabulary.ts';
import { clean, searchKeysOf, parseBirthYear, parseChoice, parseDate, parsePhone, parseYesNo, splitList } from './cell-values.ts';
import { RowReader, type ParseContext, type RowResult, type SheetRow } from './row-types.ts';

export interface CadreRecord {
  externalId: string | null;
  name: string;
  searchName: string;
  pinyin: string;
  initials: string;
  gender: 'male' | 'female';
  birthYear: number;
  unitId: number;
  regionCode: string;
  post: string;
  rank: string;
  isLeader: boolean;
  leadingBody: LeadingBody | null;
  category: Category;
  isCategoryOverridden: boolean;
  skills: string[];
  phone: string | null;
  /** A masked phone (138****5678, as exported): keep the stored number. */
  isPhoneKept: boolean;
  homeRegionCode: string | null;
  programme: Programme | null;
  pointId: number | null;
  startsOn: string | null;
  endsOn: string | null;
}

const genderLabels = { male: '男', female: '女' } as const;

/** Validates one cadre row against the look-ups; names are kept as written, everything else normalised. */
export function parseCadreRow(row: SheetRow, context: ParseContext): RowResult<CadreRecord> {
  const reader = new RowReader(row);
  const name = reader.required('name');
  const genderText = reader.required('gender');
  const gender = genderText === undefined ? undefined : reader.take('gender', parseChoice<'male' | 'female'>(genderText, genderLabels, { 男性: 'male', 女性: 'female', m: 'male', f: 'female' }));
  const yearText = reader.required('birthYear');
  const birthYear = yearText === undefined ? undefined : reader.take('birthYear', parseBirthYear(yearText));
  const unitText = reader.required('unit');
  const unit = unitText === undefined ? undefined : reader.take('unit', context.units!.find(unitText, context.scope));
  const post = reader.required('post');
  const isLeader = reader.take('isLeader', parseYesNo(reader.raw('isLeader')));
  const leadingBody = reader.raw('leadingBody') === '' ? null : reader.take('leadingBody', parseChoice(reader.raw('leadingBody'), leadingBodyLabels));
  const categoryText = reader.raw('category');
  const category = categoryText === '' ? unit?.category : reader.take('category', parseChoice(categoryText, categoryLabels));

  const phoneText = reader.raw('phone');
  const isPhoneKept = phoneText !== '' && isMaskedPhone(phoneText);
  const phone = phoneText === '' || isPhoneKept ? null : reader.take('phone', parsePhone(phoneText));

  const homeText = reader.raw('homeRegion');
  const home = homeText === '' ? null : reader.take('homeRegion', context.regions.resolve(homeText, context.scope, { mayLieOutsideScope: true }));

  const programmeText = reader.raw('programme');
  const programme = programmeText === '' ? null : reader.take('programme', parseChoice(programmeText, programmeLabels, { 年轻机关干部下基层: 'young_cadre', 农村面貌改造提升行动: 'rural_improvement' }));
  const pointText = reader.raw('programmePoint');
  let pointId: number | null = null;
  if (programmeText !== '' && pointText === '') reader.report('programmePoint', { message: '填写了原项目时必填', messageEn: 'required when 原项目 (programme) is given' });
  if (pointText !== '') {
    if (programmeText === '') reader.report('programme', { message: '填写了原项目联系点时必填', messageEn: 'required when 原项目联系点 (programme point) is given' });
    else pointId = reader.take('programmePoint', context.points!.find(pointText, context.scope))?.id ?? null;
  }
  const startsOn = reader.raw('programmeStart') === '' ? null : reader.take('programmeStart', parseDate(reader.raw('programmeStart')));
  const endsOn = reader.raw('programmeEnd') === '' ? null : reader.take('programmeEnd', parseDate(reader.raw('programmeEnd')));
  if (startsOn && endsOn && startsOn > endsOn) reader.report('programmeEnd', { message: '结束日期早于开始日期', messageEn: 'ends before it starts' });

  if (reader.problems.length > 0) return { problems: reader.problems };
  const keys = searchKeysOf(name!, 'person');
  return {
    record: {
      externalId: clean(reader.raw('externalId')) || null,
      name: name!,
      searchName: keys.normalized,
      pinyin: keys.pinyin,
      initials: keys.initials,
      gender: gender!,
      birthYear: birthYear!,
      unitId: unit!.id,
      regionCode: unit!.region_code,
      post: clean(post!),
      rank: clean(reader.raw('rank')),
      isLeader: isLeader!,
      leadingBody: leadingBody ?? null,
      category: category!,
      isCategoryOverridden: category !== unit!.category,
      skills: splitList(reader.raw('skills')),
      phone: phone ?? null,
      isPhoneKept,
      homeRegionCode: home ?? null,
      programme: programme ?? null,
      pointId,
      startsOn: startsOn ?? null,
      endsOn: endsOn ?? null,
    },
  };
}

/** The key under which two rows are the same person when neither has an external id. */
export function cadreNaturalKey(record: CadreRecord): string {
  return `${record.searchName}|${record.unitId}|${record.birthYear}`;
}
