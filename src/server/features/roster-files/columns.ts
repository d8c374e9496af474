// The columns of the three roster sheets: one list per kind, shared by the importer (header
// matching, messages), the template and the export, so that export → import is the identity.
import { categoryLabels, leadingBodyLabels, needTagLabels, pointTypeLabels, programmeLabels, unitLevelLabels } from '../../lib/roster-vocabulary.ts';
import { normalizeText } from '../../lib/chinese-text.ts';

export type RosterKind = 'units' | 'cadres' | 'points';

export interface ColumnSpec {
  /** Field key used by the row parsers. */
  key: string;
  /** Header written in templates and exports. */
  header: string;
  /** Other headers accepted on import (English, synonyms). */
  aliases: string[];
  isRequired: boolean;
  /** What to write in the column, for the template's explanation sheet. */
  help: string;
  helpEn: string;
}

const list = (labels: Record<string, string>) => Object.values(labels).join('、');
const enList = (labels: Record<string, string>) => Object.entries(labels).map(([code, label]) => `${label} (${code})`).join(', ');

const regionHelp = '区划代码，或名称（可写全称或部分路径，如 海兴县苏基镇姜庄村、姜庄村）';
const regionHelpEn = 'a division code, or a name, full or partial path (e.g. 海兴县苏基镇姜庄村 or 姜庄村)';

export const unitColumns: ColumnSpec[] = [
  { key: 'name', header: '单位名称', aliases: ['name', 'unit name', 'unit'], isRequired: true, help: '带区划的单位全称，如 海兴县财政局', helpEn: 'full name qualified by its region, e.g. 海兴县财政局' },
  { key: 'code', header: '单位编码', aliases: ['code', 'unit code', '编码', '外部编号', 'external id'], isRequired: false, help: '单位编码；新单位可留空（自动生成）', helpEn: 'unit code; leave blank for a new unit (generated)' },
  { key: 'parent', header: '上级单位', aliases: ['parent', 'parent unit'], isRequired: false, help: '上级单位的编码或全称', helpEn: "the parent unit's code or full name" },
  { key: 'region', header: '所在区划', aliases: ['region', 'region code'], isRequired: true, help: regionHelp, helpEn: regionHelpEn },
  { key: 'level', header: '层级', aliases: ['level'], isRequired: true, help: list(unitLevelLabels), helpEn: enList(unitLevelLabels) },
  { key: 'category', header: '部门类别', aliases: ['category'], isRequired: true, help: list(categoryLabels), helpEn: enList(categoryLabels) },
  { key: 'leadingBody', header: '领导班子', aliases: ['leading body'], isRequired: false, help: `四大班子之一：${list(leadingBodyLabels)}；其他单位留空`, helpEn: `one of the four leading bodies: ${enList(leadingBodyLabels)}; blank otherwise` },
];

export const cadreColumns: ColumnSpec[] = [
  { key: 'name', header: '姓名', aliases: ['name'], isRequired: true, help: '姓名', helpEn: 'full name' },
  { key: 'gender', header: '性别', aliases: ['gender', 'sex'], isRequired: true, help: '男、女', helpEn: '男 (male), 女 (female)' },
  { key: 'birthYear', header: '出生年份', aliases: ['birth year', 'year of birth', '出生年月', '出生日期'], isRequired: true, help: '1940–2010 的年份，也可填出生日期', helpEn: 'a year from 1940 to 2010, or the date of birth' },
  { key: 'unit', header: '单位', aliases: ['unit', '工作单位'], isRequired: true, help: '单位编码或带区划的单位全称，如 海兴县财政局', helpEn: 'unit code or full qualified name, e.g. 海兴县财政局' },
  { key: 'post', header: '职务', aliases: ['post', 'position'], isRequired: true, help: '职务', helpEn: 'post' },
  { key: 'rank', header: '职级', aliases: ['rank', 'grade'], isRequired: false, help: '职级，如 一级主任科员', helpEn: 'rank' },
  { key: 'isLeader', header: '是否领导', aliases: ['leader', 'is leader'], isRequired: false, help: '是、否（留空为否）', helpEn: '是 (yes), 否 (no); blank means no' },
  { key: 'leadingBody', header: '领导班子', aliases: ['leading body'], isRequired: false, help: `四大班子成员填所在班子：${list(leadingBodyLabels)}`, helpEn: `for members of the four leading bodies: ${enList(leadingBodyLabels)}` },
  { key: 'category', header: '部门类别', aliases: ['category'], isRequired: false, help: `${list(categoryLabels)}；留空则随单位`, helpEn: `${enList(categoryLabels)}; blank follows the unit` },
  { key: 'skills', header: '技能', aliases: ['skills'], isRequired: false, help: '专长，用“、”分隔，如 法律、医疗', helpEn: 'skills separated by 、 e.g. 法律、医疗' },
  { key: 'phone', header: '手机', aliases: ['phone', 'mobile', '手机号', '手机号码', '联系电话'], isRequired: false, help: '11 位手机号；含 * 的（导出的脱敏号码）保留原号码不变', helpEn: '11-digit mobile number; a value containing * (masked, as exported) keeps the stored number' },
  { key: 'homeRegion', header: '户籍地', aliases: ['home region', 'home'], isRequired: false, help: regionHelp, helpEn: regionHelpEn },
  { key: 'programme', header: '原项目', aliases: ['programme', 'program', 'prior programme'], isRequired: false, help: list(programmeLabels), helpEn: enList(programmeLabels) },
  { key: 'programmePoint', header: '原项目联系点', aliases: ['programme point', 'program point'], isRequired: false, help: '联系点的外部编号，或带区划的名称（如 海兴县苏基镇姜庄村）', helpEn: "the point's external id, or its name qualified by region" },
  { key: 'programmeStart', header: '原项目开始', aliases: ['programme start', 'programme starts'], isRequired: false, help: '日期，如 2014-03-01', helpEn: 'a date, e.g. 2014-03-01' },
  { key: 'programmeEnd', header: '原项目结束', aliases: ['programme end', 'programme ends'], isRequired: false, help: '日期，如 2015-03-01', helpEn: 'a date, e.g. 2015-03-01' },
  { key: 'externalId', header: '外部编号', aliases: ['external id', 'externalid', 'id'], isRequired: false, help: '原系统中的编号（用于再次导入时识别同一人）', helpEn: 'the id in the source system (identifies the same person on re-import)' },
];

export const pointColumns: ColumnSpec[] = [
  { key: 'name', header: '名称', aliases: ['name', '联系点名称'], isRequired: true, help: '联系点名称，如 姜庄村', helpEn: 'name of the point' },
  { key: 'type', header: '类型', aliases: ['type'], isRequired: true, help: list(pointTypeLabels), helpEn: enList(pointTypeLabels) },
  { key: 'region', header: '所在区划', aliases: ['region', 'region code'], isRequired: true, help: regionHelp, helpEn: regionHelpEn },
  { key: 'needs', header: '需求标签', aliases: ['needs', 'need tags', 'tags'], isRequired: false, help: `${list(needTagLabels)}，多个用“、”、逗号或空格分隔；可带程度，如 乱2、穷3`, helpEn: '乱 (disorder), 难 (difficulty), 穷 (poverty), several separated by 、 , or a space; with a severity each, e.g. 乱2、穷3' },
  { key: 'severity', header: '严重程度', aliases: ['severity'], isRequired: false, help: '1–3，适用于本行所有未带程度的标签（留空为 1）', helpEn: '1–3, for every tag of the row without its own severity (blank means 1)' },
  { key: 'needNotes', header: '需求说明', aliases: ['need notes', 'notes'], isRequired: false, help: '如 乱：宅基地纠纷；穷：缺产业（只有一个标签时可省略“乱：”）', helpEn: 'e.g. 乱：…；穷：… (the tag may be left out when the row has one tag)' },
  { key: 'households', header: '户数', aliases: ['households'], isRequired: false, help: '非负整数', helpEn: 'a non-negative integer' },
  { key: 'population', header: '人口', aliases: ['population'], isRequired: false, help: '非负整数', helpEn: 'a non-negative integer' },
  { key: 'minCadres', header: '最少干部数', aliases: ['min cadres', 'minimum cadres'], isRequired: false, help: '0–20 的整数（留空为 1）', helpEn: 'an integer 0–20 (blank means 1)' },
  { key: 'maxCadres', header: '最多干部数', aliases: ['max cadres', 'maximum cadres'], isRequired: false, help: '0–20 的整数，不小于最少干部数（留空为 3）', helpEn: 'an integer 0–20, at least min cadres (blank means 3)' },
  { key: 'profile', header: '概况', aliases: ['profile'], isRequired: false, help: '其他情况，如 主导产业：冬枣；党员数：35（项与项用“；”分隔）', helpEn: 'other facts as key：value pairs separated by ；' },
  { key: 'externalId', header: '外部编号', aliases: ['external id', 'externalid', 'id'], isRequired: false, help: '原系统中的编号（用于再次导入时识别同一联系点）', helpEn: 'the id in the source system (identifies the same point on re-import)' },
];

/** The columns of a roster kind, in template order. */
export function columnsOf(kind: RosterKind): ColumnSpec[] {
  return kind === 'units' ? unitColumns : kind === 'cadres' ? cadreColumns : pointColumns;
}

/** Normalises a header cell for matching: Simplified, half-width, lower case, no spaces, no `*` or bracketed hints. */
export function headerKey(text: string): string {
  return normalizeText(text)
    .toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .replace(/[*\s_:：]/g, '');
}

export interface HeaderMatch {
  /** Field key per sheet column index (undefined: column not recognised). */
  keyAt: (string | undefined)[];
  /** Header text as written, per field key. */
  headerOf: Map<string, string>;
  /** Column index per field key. */
  indexOf: Map<string, number>;
  missing: ColumnSpec[];
}

/** Recognises the header row of a sheet: every column by its Chinese or English name, in any order. */
export function matchHeader(kind: RosterKind, cells: string[]): HeaderMatch {
  const byHeader = new Map<string, string>();
  for (const column of columnsOf(kind)) {
    for (const name of [column.header, ...column.aliases]) if (!byHeader.has(headerKey(name))) byHeader.set(headerKey(name), column.key);
  }
  const keyAt: (string | undefined)[] = [];
  const headerOf = new Map<string, string>();
  const indexOf = new Map<string, number>();
  cells.forEach((cell, index) => {
    const key = byHeader.get(headerKey(cell ?? ''));
    if (!key || indexOf.has(key)) return;
    keyAt[index] = key;
    headerOf.set(key, cell.trim());
    indexOf.set(key, index);
  });
  const missing = columnsOf(kind).filter((column) => column.isRequired && !indexOf.has(column.key));
  return { keyAt, headerOf, indexOf, missing };
}

/** True when a row can be the header of a sheet of this kind: it names at least two known columns. */
export function looksLikeHeader(kind: RosterKind, cells: string[]): boolean {
  return matchHeader(kind, cells).indexOf.size >= 2;
}
