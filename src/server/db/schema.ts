// Row types of every table, for the typed query builder. Keep in step with migrations/.
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Category = 'political_legal' | 'party_mass' | 'economic' | 'education' | 'health' | 'agriculture' | 'other';
export type LeadingBody = 'party_committee' | 'government' | 'congress' | 'cppcc';
export type UnitLevel = 'province' | 'city' | 'county' | 'township';
export type PointType = 'village' | 'community' | 'enterprise' | 'school' | 'hospital' | 'new_org';
export type Role = 'admin' | 'office' | 'leader' | 'cadre' | 'handler' | 'agent';
export type Programme = 'first_secretary' | 'village_work_team' | 'rural_improvement' | 'young_cadre';

export interface AppStateTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}

export interface RegionsTable {
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
  short_name: string;
  pinyin: string;
  initials: string;
}

export interface OrgUnitsTable {
  id: Generated<number>;
  code: string;
  name: string;
  level: UnitLevel;
  region_code: string;
  category: Category;
  leading_body: LeadingBody | null;
  parent_id: number | null;
  search_name: string;
  pinyin: string;
  initials: string;
  search_bigrams: GeneratedAlways<string[]>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CadresTable {
  id: Generated<number>;
  external_id: string | null;
  name: string;
  gender: 'male' | 'female';
  birth_year: number;
  unit_id: number;
  region_code: string;
  post: string;
  rank: string;
  is_leader: boolean;
  leading_body: LeadingBody | null;
  category: Category;
  is_category_overridden: boolean;
  skills: string[];
  phone: string | null;
  home_region_code: string | null;
  search_name: string;
  pinyin: string;
  initials: string;
  search_bigrams: GeneratedAlways<string[]>;
  phone_reversed: GeneratedAlways<string | null>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PointsTable {
  id: Generated<number>;
  external_id: string | null;
  name: string;
  type: PointType;
  region_code: string;
  disorder_severity: number;
  difficulty_severity: number;
  poverty_severity: number;
  need_notes: unknown;
  households: number;
  population: number;
  profile: unknown;
  min_cadres: number;
  max_cadres: number;
  search_name: string;
  pinyin: string;
  initials: string;
  search_bigrams: GeneratedAlways<string[]>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PriorPostingsTable {
  id: Generated<number>;
  cadre_id: number;
  point_id: number;
  region_code: string;
  programme: Programme;
  starts_on: string | null;
  ends_on: string | null;
}

export interface AccountsTable {
  id: Generated<number>;
  username: string;
  password_hash: string;
  display_name: string;
  role: Role;
  region_code: string;
  unit_id: number | null;
  cadre_id: number | null;
  is_active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  last_login_at: Timestamp | null;
}

export interface SessionsTable {
  token_hash: string;
  account_id: number;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_account_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string;
  before: unknown;
  after: unknown;
  details: unknown;
}

/** Field changes of one record made by a roster import (its audit row holds who, when and the counts). */
export interface ImportChangesTable {
  id: GeneratedAlways<number>;
  audit_id: number;
  entity_type: string;
  entity_id: string;
  region_code: string;
  row_number: number;
  before: unknown;
  after: unknown;
}

export interface PersonalDataRevealsTable {
  id: GeneratedAlways<number>;
  at: Generated<Date>;
  actor_account_id: number;
  actor_name: string;
  entity_type: string;
  entity_id: string;
  field: string;
  reason: string;
  region_code: string;
}

export type PlanStatus = 'queued' | 'running' | 'solved' | 'failed' | 'published' | 'superseded';

export interface CampaignsTable {
  id: Generated<number>;
  name: string;
  region_code: string;
  starts_on: string | null;
  ends_on: string | null;
  weights: unknown;
  created_at: Generated<Date>;
}

export interface MatchingPlansTable {
  id: Generated<number>;
  campaign_id: number;
  region_code: string;
  parent_plan_id: number | null;
  status: PlanStatus;
  weights: unknown;
  progress: Generated<number>;
  phase: Generated<string>;
  error: string | null;
  measures: unknown;
  baseline_measures: unknown;
  breaks: unknown;
  stats: unknown;
  potentials: unknown;
  created_by: number | null;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  published_at: Timestamp | null;
  published_by: number | null;
  version: Generated<number>;
}

export interface PlanPostingsTable {
  plan_id: number;
  cadre_id: number;
  point_id: number;
  region_code: string;
  is_locked: boolean;
  is_pinned: boolean;
  distance_cost: number;
  need_bonus: number;
  answered_need: string | null;
}

export interface MatchingRulesTable {
  id: Generated<number>;
  campaign_id: number;
  cadre_id: number;
  point_id: number;
  kind: 'pin' | 'forbid';
  region_code: string;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface PostingsTable {
  id: Generated<number>;
  campaign_id: number;
  plan_id: number;
  cadre_id: number;
  point_id: number;
  region_code: string;
  cadre_region_code: string;
  is_locked: boolean;
  starts_on: Generated<string>;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: unknown;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  error: string | null;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface Schema {
  campaigns: CampaignsTable;
  matching_plans: MatchingPlansTable;
  plan_postings: PlanPostingsTable;
  matching_rules: MatchingRulesTable;
  postings: PostingsTable;
  jobs: JobsTable;
  personal_data_reveals: PersonalDataRevealsTable;
  app_state: AppStateTable;
  regions: RegionsTable;
  org_units: OrgUnitsTable;
  cadres: CadresTable;
  points: PointsTable;
  prior_postings: PriorPostingsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  import_changes: ImportChangesTable;
}
