// The SQL fragments of roster imports, per kind (split from queries.ts, which runs them): the
// staging table, how a staged row finds its stored record, which fields count as a change and
// how they are written. Field keys are the column keys of columns.ts; absent columns are left alone.
import type { RosterKind } from './columns.ts';

/** One staged row: staging column → value. */
export type StagedRow = Record<string, unknown>;

export interface FieldSpec {
  /** Column key in columns.ts; `always` fields are required columns. */
  key: string;
  always?: boolean;
  /** SQL (s = staged row, t = stored record): true when the field would change. */
  differs: string;
  /** SET clauses of the update. */
  set: string[];
  /** History entries: [key, before expression, after expression]. */
  history: [string, string, string][];
}

export interface ImportSpec {
  table: 'cadres' | 'points' | 'org_units';
  entityType: string;
  staging: [string, string][];
  /** Conditions (s = staged row, t = stored record) that make a staged row a stored record, strongest first. */
  match: string[];
  /** Statements on the staged rows (import_staged) run before matching. */
  prepare?: string[];
  fields: FieldSpec[];
  /** Columns and values of an insert of a new record. */
  insert: [string, string][];
  /** Follow-up statements after inserts and updates (import_ids: row_number → stored id of every written row). */
  after: (provided: Set<string>) => string[];
}

const differs = (column: string) => `s.${column} IS DISTINCT FROM t.${column}`;
const plain = (key: string, column: string, historyKey = key, always = false): FieldSpec => ({
  key,
  always,
  differs: differs(column),
  set: [`${column} = s.${column}`],
  history: [[historyKey, `t.${column}`, `s.${column}`]],
});
const nameField = (always = true): FieldSpec => ({
  key: 'name',
  always,
  differs: differs('name'),
  set: ['name = s.name', 'search_name = s.search_name', 'pinyin = s.pinyin', 'initials = s.initials'],
  history: [['name', 't.name', 's.name']],
});
// Blank external ids never clear a stored one.
const externalIdField: FieldSpec = {
  key: 'externalId',
  differs: 's.external_id IS NOT NULL AND s.external_id IS DISTINCT FROM t.external_id',
  set: ['external_id = coalesce(s.external_id, t.external_id)'],
  history: [['externalId', 't.external_id', 's.external_id']],
};

const cadres: ImportSpec = {
  table: 'cadres',
  entityType: 'cadre',
  staging: [
    ['row_number', 'integer PRIMARY KEY'], ['external_id', 'text'], ['name', 'text'], ['search_name', 'text'], ['pinyin', 'text'], ['initials', 'text'],
    ['gender', 'text'], ['birth_year', 'smallint'], ['unit_id', 'integer'], ['region_code', 'text'], ['post', 'text'], ['rank', 'text'],
    ['is_leader', 'boolean'], ['leading_body', 'text'], ['category', 'text'], ['is_category_overridden', 'boolean'], ['skills', 'text[]'],
    ['phone', 'text'], ['is_phone_kept', 'boolean'], ['home_region_code', 'text'], ['programme', 'text'], ['point_id', 'integer'], ['starts_on', 'date'], ['ends_on', 'date'],
  ],
  match: ['t.external_id = s.external_id', 't.search_name = s.search_name AND t.unit_id = s.unit_id AND t.birth_year = s.birth_year AND (t.external_id IS NULL OR s.external_id IS NULL)'],
  fields: [
    nameField(),
    plain('gender', 'gender', 'gender', true),
    plain('birthYear', 'birth_year', 'birthYear', true),
    { key: 'unit', always: true, differs: differs('unit_id'), set: ['unit_id = s.unit_id', 'region_code = s.region_code'], history: [['unitId', 't.unit_id', 's.unit_id']] },
    plain('post', 'post', 'post', true),
    plain('rank', 'rank'),
    plain('isLeader', 'is_leader'),
    plain('leadingBody', 'leading_body'),
    { key: 'category', differs: differs('category'), set: ['category = s.category', 'is_category_overridden = s.is_category_overridden'], history: [['category', 't.category', 's.category']] },
    plain('skills', 'skills'),
    {
      key: 'phone',
      differs: 'NOT s.is_phone_kept AND s.phone IS DISTINCT FROM t.phone',
      set: ['phone = CASE WHEN s.is_phone_kept THEN t.phone ELSE s.phone END'],
      // Phones never enter the history in clear: only whether one is set.
      history: [['phone', "CASE WHEN t.phone IS NULL THEN NULL ELSE 'set' END", "CASE WHEN s.phone IS NULL THEN NULL ELSE 'set' END"]],
    },
    plain('homeRegion', 'home_region_code', 'homeRegionCode'),
    {
      key: 'programme',
      differs: 's.programme IS NOT NULL AND NOT EXISTS (SELECT 1 FROM prior_postings p WHERE p.cadre_id = t.id AND p.programme = s.programme AND p.point_id = s.point_id AND p.starts_on IS NOT DISTINCT FROM s.starts_on AND p.ends_on IS NOT DISTINCT FROM s.ends_on)',
      set: [],
      history: [
        ['priorPosting', '(SELECT jsonb_build_object(\'programme\', p.programme, \'pointId\', p.point_id, \'startsOn\', p.starts_on, \'endsOn\', p.ends_on) FROM prior_postings p WHERE p.cadre_id = t.id AND p.programme = s.programme ORDER BY p.id LIMIT 1)', "jsonb_build_object('programme', s.programme, 'pointId', s.point_id, 'startsOn', s.starts_on, 'endsOn', s.ends_on)"],
      ],
    },
    externalIdField,
  ],
  insert: [
    ['external_id', 's.external_id'], ['name', 's.name'], ['search_name', 's.search_name'], ['pinyin', 's.pinyin'], ['initials', 's.initials'], ['gender', 's.gender'],
    ['birth_year', 's.birth_year'], ['unit_id', 's.unit_id'], ['region_code', 's.region_code'], ['post', 's.post'], ['rank', "coalesce(s.rank, '')"],
    ['is_leader', 'coalesce(s.is_leader, false)'], ['leading_body', 's.leading_body'], ['category', 's.category'], ['is_category_overridden', 'coalesce(s.is_category_overridden, false)'],
    ['skills', "coalesce(s.skills, '{}')"], ['phone', 's.phone'], ['home_region_code', 's.home_region_code'],
    // The bit of the prior posting `after` inserts, written with the row: the posting's trigger
    // then finds the bits right and leaves the 150,000-row table alone (an update of thousands of
    // fresh rows would add a second version of each to every index).
    ['programme_bits', 'CASE WHEN s.point_id IS NULL THEN 0 ELSE programme_bit(s.programme) END'],
  ],
  after: (provided) => [
    // Without the column, a cadre whose category follows its unit follows a new unit.
    ...(provided.has('category')
      ? []
      : [`UPDATE cadres c SET category = u.category FROM import_rows s JOIN org_units u ON u.id = s.unit_id
          WHERE c.id = s.match_id AND s.is_changed AND NOT c.is_category_overridden AND c.category <> u.category`]),
    `UPDATE prior_postings p SET point_id = s.point_id, region_code = pt.region_code, starts_on = s.starts_on, ends_on = s.ends_on
     FROM import_rows s JOIN import_ids i ON i.row_number = s.row_number JOIN points pt ON pt.id = s.point_id
     WHERE s.programme IS NOT NULL AND s.match_id IS NOT NULL AND p.cadre_id = i.id AND p.programme = s.programme
       AND (p.point_id, p.starts_on, p.ends_on) IS DISTINCT FROM (s.point_id, s.starts_on, s.ends_on)`,
    `INSERT INTO prior_postings (cadre_id, point_id, region_code, programme, starts_on, ends_on)
     SELECT i.id, s.point_id, pt.region_code, s.programme, s.starts_on, s.ends_on FROM import_rows s JOIN import_ids i ON i.row_number = s.row_number JOIN points pt ON pt.id = s.point_id
     WHERE s.programme IS NOT NULL AND (s.match_id IS NULL OR NOT EXISTS (SELECT 1 FROM prior_postings p WHERE p.cadre_id = i.id AND p.programme = s.programme))`,
  ],
};

const points: ImportSpec = {
  table: 'points',
  entityType: 'point',
  staging: [
    ['row_number', 'integer PRIMARY KEY'], ['external_id', 'text'], ['name', 'text'], ['search_name', 'text'], ['pinyin', 'text'], ['initials', 'text'], ['type', 'text'], ['region_code', 'text'],
    ['disorder_severity', 'smallint'], ['difficulty_severity', 'smallint'], ['poverty_severity', 'smallint'], ['need_notes', 'jsonb'], ['households', 'integer'], ['population', 'integer'],
    ['min_cadres', 'smallint'], ['max_cadres', 'smallint'], ['profile', 'jsonb'],
  ],
  match: ['t.external_id = s.external_id', 't.search_name = s.search_name AND t.type = s.type AND t.region_code = s.region_code AND (t.external_id IS NULL OR s.external_id IS NULL)'],
  fields: [
    nameField(),
    plain('type', 'type', 'type', true),
    plain('region', 'region_code', 'regionCode', true),
    {
      key: 'needs',
      differs: '(s.disorder_severity, s.difficulty_severity, s.poverty_severity) IS DISTINCT FROM (t.disorder_severity, t.difficulty_severity, t.poverty_severity)',
      set: ['disorder_severity = s.disorder_severity', 'difficulty_severity = s.difficulty_severity', 'poverty_severity = s.poverty_severity'],
      history: [['needs', "jsonb_build_object('disorder', t.disorder_severity, 'difficulty', t.difficulty_severity, 'poverty', t.poverty_severity)", "jsonb_build_object('disorder', s.disorder_severity, 'difficulty', s.difficulty_severity, 'poverty', s.poverty_severity)"]],
    },
    plain('needNotes', 'need_notes'),
    plain('households', 'households'),
    plain('population', 'population'),
    {
      key: 'cadres',
      differs: '(s.min_cadres, s.max_cadres) IS DISTINCT FROM (t.min_cadres, t.max_cadres)',
      set: ['min_cadres = s.min_cadres', 'max_cadres = s.max_cadres'],
      history: [['minCadres', 't.min_cadres', 's.min_cadres'], ['maxCadres', 't.max_cadres', 's.max_cadres']],
    },
    plain('profile', 'profile'),
    externalIdField,
  ],
  insert: [
    ['external_id', 's.external_id'], ['name', 's.name'], ['search_name', 's.search_name'], ['pinyin', 's.pinyin'], ['initials', 's.initials'], ['type', 's.type'], ['region_code', 's.region_code'],
    ['disorder_severity', 'coalesce(s.disorder_severity, 0)'], ['difficulty_severity', 'coalesce(s.difficulty_severity, 0)'], ['poverty_severity', 'coalesce(s.poverty_severity, 0)'],
    ['need_notes', "coalesce(s.need_notes, '{}')"], ['households', 'coalesce(s.households, 0)'], ['population', 'coalesce(s.population, 0)'],
    ['min_cadres', 'coalesce(s.min_cadres, 1)'], ['max_cadres', 'coalesce(s.max_cadres, 3)'], ['profile', "coalesce(s.profile, '{}')"],
  ],
  after: () => [],
};

const units: ImportSpec = {
  table: 'org_units',
  entityType: 'unit',
  staging: [
    ['row_number', 'integer PRIMARY KEY'], ['code', 'text'], ['name', 'text'], ['search_name', 'text'], ['pinyin', 'text'], ['initials', 'text'], ['level', 'text'],
    ['region_code', 'text'], ['category', 'text'], ['leading_body', 'text'], ['parent_id', 'integer'], ['parent_name', 'text'],
  ],
  match: ['upper(t.code) = upper(s.code)', 't.name = s.name'],
  // A parent named in the sheet that is already stored is an existing parent.
  prepare: ['UPDATE import_staged s SET parent_id = p.id FROM (SELECT DISTINCT ON (name) id, name FROM org_units ORDER BY name, id) p WHERE s.parent_name IS NOT NULL AND p.name = s.parent_name'],
  fields: [
    nameField(),
    { key: 'code', differs: 's.code IS NOT NULL AND s.code IS DISTINCT FROM t.code', set: ['code = coalesce(s.code, t.code)'], history: [['code', 't.code', 's.code']] },
    {
      key: 'parent',
      differs: 's.parent_id IS DISTINCT FROM t.parent_id OR (s.parent_name IS NOT NULL AND s.parent_id IS NULL)',
      set: ['parent_id = s.parent_id'],
      history: [['parentId', 't.parent_id', 's.parent_id']],
    },
    plain('region', 'region_code', 'regionCode', true),
    plain('level', 'level', 'level', true),
    plain('category', 'category', 'category', true),
    plain('leadingBody', 'leading_body'),
  ],
  insert: [
    ['code', "coalesce(s.code, 'U' || s.region_code || '-' || upper(substr(md5(s.name), 1, 6)))"], ['name', 's.name'], ['search_name', 's.search_name'], ['pinyin', 's.pinyin'],
    ['initials', 's.initials'], ['level', 's.level'], ['region_code', 's.region_code'], ['category', 's.category'], ['leading_body', 's.leading_body'], ['parent_id', 's.parent_id'],
  ],
  after: () => [
    // Parents created by this same import are known only now.
    'UPDATE import_rows s SET parent_id = p.id FROM (SELECT DISTINCT ON (name) id, name FROM org_units ORDER BY name, id) p WHERE s.parent_name IS NOT NULL AND s.parent_id IS NULL AND p.name = s.parent_name',
    'UPDATE org_units u SET parent_id = s.parent_id FROM import_rows s JOIN import_ids i ON i.row_number = s.row_number WHERE u.id = i.id AND s.parent_name IS NOT NULL AND u.parent_id IS DISTINCT FROM s.parent_id',
    // Cadres whose category follows their unit take the unit's new category.
    `UPDATE cadres c SET category = u.category FROM import_rows s JOIN org_units u ON u.id = s.match_id
     WHERE s.is_changed AND c.unit_id = u.id AND NOT c.is_category_overridden AND c.category <> u.category`,
  ],
};

export const importSpecs: Record<RosterKind, ImportSpec> = { cadres, points, units };
