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
  /** Earlier programmes of the cadre's prior postings as bits (`programme_bit()`, 0012), kept by triggers on prior_postings (0011). */
  programme_bits: Generated<number>;
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
  latitude: Generated<number | null>;
  longitude: Generated<number | null>;
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

/** Records created by one roster import, a block of up to 500 ids: `records` maps each id to its sheet row and initial values. */
export interface ImportCreatedTable {
  audit_id: number;
  entity_type: string;
  first_id: number;
  last_id: number;
  records: unknown;
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

export type AppealChannel = 'household_visit' | 'symposium' | 'questionnaire' | 'suggestion_box' | 'hotline' | 'walk_in' | 'proxy_agent' | 'web' | 'open311';
export type AppealUrgency = 'emergency' | 'urgent' | 'general' | 'complex';
export type AppealRating = 'very_satisfied' | 'satisfied' | 'basically_satisfied' | 'dissatisfied' | 'very_dissatisfied';
export type AppealSolved = 'yes' | 'partly' | 'no';
export type AppealStateName = 'registered' | 'dispatched' | 'returned' | 'accepted' | 'in_progress' | 'replied' | 'reviewed' | 'rectifying' | 'closed' | 'merged';

export interface AppealCategoriesTable {
  code: string;
  name_zh: string;
  name_en: string;
  description_zh: Generated<string>;
  default_urgency: AppealUrgency;
  default_level: number;
  sort_order: Generated<number>;
}

export interface AppealTimeLimitsTable {
  id: Generated<number>;
  category_code: string | null;
  urgency: AppealUrgency | 'acceptance' | 'rectification';
  unit: 'hours' | 'working_days';
  amount: number;
}

export interface WorkingCalendarsTable {
  year: number;
  holidays: string[];
  working_weekends: string[];
  updated_at: Generated<Date>;
}

export interface DispatchCatalogueTable {
  id: Generated<number>;
  category_code: string;
  level: number;
  region_code: string;
  unit_id: number;
}

export interface AppealIssuesTable {
  id: Generated<number>;
  title: string;
  category_code: string;
  level: number;
  region_code: string;
  handling_unit_id: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
}

/** Cases per (month created, county, measure bits): the rollup the measures read for whole months (migration 0010). */
export interface AppealMeasureMonthsTable {
  month: string;
  county_code: string;
  measure_flags: number;
  cases: number;
}

/** Signed changes of the rollup logged by the triggers on appeals, folded into appeal_measure_months. */
export interface AppealMeasureDeltasTable {
  month: string;
  county_code: string;
  measure_flags: number;
  delta: number;
}

export interface AppealsTable {
  id: Generated<number>;
  client_id: string;
  tracking_code: string;
  channel: AppealChannel;
  source_kind: string | null;
  source_id: string | null;
  category_code: string;
  urgency: AppealUrgency;
  region_code: string;
  point_id: number | null;
  title: string;
  description: string;
  search_text: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  is_anonymous: Generated<boolean>;
  is_confidential: Generated<boolean>;
  subject_unit_id: number | null;
  subject_cadre_id: number | null;
  state: Generated<AppealStateName>;
  level: Generated<number>;
  escalation_count: Generated<number>;
  is_supervised: Generated<boolean>;
  handling_unit_id: number | null;
  first_unit_id: number | null;
  co_unit_ids: Generated<number[]>;
  merged_into_id: number | null;
  issue_id: number | null;
  clock_kind: 'acceptance' | 'handling' | 'rectification' | null;
  clock_started_at: Timestamp | null;
  warn_at: Timestamp | null;
  due_at: Timestamp | null;
  handling_due_at: Timestamp | null;
  pending_extension_days: number | null;
  pending_extension_reason: string | null;
  first_contact_at: Timestamp | null;
  replied_at: Timestamp | null;
  reply_text: string | null;
  closed_at: Timestamp | null;
  closed_on_time: boolean | null;
  answered_directly: Generated<boolean>;
  return_count: Generated<number>;
  reopen_count: Generated<number>;
  was_rectified: Generated<boolean>;
  rectification_started_at: Timestamp | null;
  callback_at: Timestamp | null;
  callback_contacted: boolean | null;
  callback_solved: AppealSolved | null;
  callback_rating: AppealRating | null;
  followup_at: Timestamp | null;
  followup_solved: AppealSolved | null;
  followup_rating: AppealRating | null;
  is_disputed: Generated<boolean>;
  me_too_count: Generated<number>;
  /** The measure conditions as bits (migration 0007), computed by PostgreSQL: never written. */
  measure_flags: GeneratedAlways<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface AppealEventsTable {
  id: Generated<number>;
  appeal_id: number;
  at: Generated<Date>;
  event: string;
  from_state: string | null;
  to_state: string;
  actor_account_id: number | null;
  actor_kind: 'staff' | 'resident' | 'system' | 'client';
  actor_name: string;
  unit_id: number | null;
  reason: string | null;
  details: unknown;
}

export interface AppealPhotosTable {
  id: Generated<number>;
  appeal_id: number;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  content: Uint8Array;
  created_at: Generated<Date>;
}

export interface AppealMeTooTable {
  id: Generated<number>;
  client_id: string;
  appeal_id: number;
  point_id: number | null;
  region_code: string;
  note: string | null;
  created_at: Generated<Date>;
}

export interface Open311ClientsTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  key_hint: string;
  region_code: string;
  is_active: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface HouseholdsTable {
  id: Generated<number>;
  client_id: string;
  point_id: number;
  region_code: string;
  kind: Generated<'household' | 'unit' | 'person'>;
  head_name: string;
  address: string | null;
  phone: string | null;
  members: Generated<number>;
  flags: Generated<string[]>;
  note: string | null;
  visit_cycle_days: number | null;
  next_visit_on: string | null;
  version: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VisitsTable {
  id: Generated<number>;
  client_id: string;
  household_id: number;
  point_id: number;
  region_code: string;
  visited_on: string;
  account_id: number | null;
  visitors: string;
  outcome: 'received' | 'nobody_home' | 'refused';
  notes: string | null;
  created_at: Generated<Date>;
}

export interface MeetingsTable {
  id: Generated<number>;
  client_id: string;
  point_id: number;
  region_code: string;
  kind: 'symposium' | 'deliberation';
  held_on: string;
  title: string;
  agenda: string | null;
  organisations: Generated<string[]>;
  attendee_count: Generated<number>;
  minutes: string | null;
  account_id: number | null;
  created_at: Generated<Date>;
}

export interface MeetingDecisionsTable {
  id: Generated<number>;
  client_id: string;
  meeting_id: number;
  text: string;
  kind: 'task' | 'appeal';
  owner_name: string | null;
  due_on: string | null;
  progress: Generated<number>;
  appeal_id: number | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ActivitiesTable {
  id: Generated<number>;
  client_id: string;
  point_id: number;
  region_code: string;
  held_on: string;
  title: string;
  note: string | null;
  account_id: number | null;
  created_at: Generated<Date>;
}

export interface DiaryEntriesTable {
  id: Generated<number>;
  client_id: string;
  account_id: number;
  cadre_id: number | null;
  unit_id: number | null;
  point_id: number | null;
  region_code: string;
  entry_on: string;
  is_on_site: Generated<boolean>;
  text: string;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface QuestionnairesTable {
  id: Generated<number>;
  form_id: string;
  title: string;
  definition: unknown;
  region_code: string;
  public_token: string | null;
  is_open: Generated<boolean>;
  created_by: number | null;
  created_at: Generated<Date>;
}

export interface QuestionnaireResponsesTable {
  id: Generated<number>;
  client_id: string;
  questionnaire_id: number;
  point_id: number | null;
  region_code: string;
  household_id: number | null;
  answers: unknown;
  channel: 'cadre' | 'public';
  account_id: number | null;
  created_at: Generated<Date>;
}

export interface Schema {
  households: HouseholdsTable;
  visits: VisitsTable;
  meetings: MeetingsTable;
  meeting_decisions: MeetingDecisionsTable;
  activities: ActivitiesTable;
  diary_entries: DiaryEntriesTable;
  questionnaires: QuestionnairesTable;
  questionnaire_responses: QuestionnaireResponsesTable;
  appeal_categories: AppealCategoriesTable;
  appeal_time_limits: AppealTimeLimitsTable;
  working_calendars: WorkingCalendarsTable;
  dispatch_catalogue: DispatchCatalogueTable;
  appeal_issues: AppealIssuesTable;
  appeals: AppealsTable;
  appeal_measure_months: AppealMeasureMonthsTable;
  appeal_measure_deltas: AppealMeasureDeltasTable;
  appeal_events: AppealEventsTable;
  appeal_photos: AppealPhotosTable;
  appeal_me_too: AppealMeTooTable;
  open311_clients: Open311ClientsTable;
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
  import_created: ImportCreatedTable;
}
