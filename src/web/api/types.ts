// Shapes of the JSON the server answers with (see /docs for the OpenAPI document).

export type Role = 'admin' | 'office' | 'leader' | 'cadre' | 'handler' | 'agent';
export const roles: Role[] = ['admin', 'office', 'leader', 'cadre', 'handler', 'agent'];

export type Permission = 'regions.view' | 'accounts.manage' | 'accounts.issue_cadre_logins' | 'audit.view' | (string & {});

export interface Profile {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  unitId: number | null;
  unitName: string | null;
  cadreId: number | null;
  mustChangePassword: boolean;
  permissions: Permission[];
}

export interface RegionSummary {
  code: string;
  name: string;
  shortName: string;
  level: number;
}

export interface RegionDetail extends RegionSummary {
  regionCode: string;
  parentCode: string | null;
  cadres: number;
  points: number;
  ancestors: RegionSummary[];
}

export interface ChildRegion extends RegionSummary {
  regionCode: string;
  cadres: number;
  points: number;
  hasChildren: boolean;
}

export interface RegionSearchResult extends RegionSummary {
  regionCode: string;
  path: string;
}

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  unitId: number | null;
  unitName: string | null;
  cadreId: number | null;
  isActive: boolean;
  mustChangePassword: boolean;
  version: number;
  lastLoginAt: string | null;
}

export interface AccountPage {
  total: number;
  items: Account[];
}

export interface IssuedLogin {
  cadreId: number;
  name: string;
  unitName: string;
  username: string;
  initialPassword: string;
}

export interface IssueCadreLoginsResult {
  issued: number;
  skipped: number;
  logins: IssuedLogin[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface FieldProblem {
  field: string;
  message: string;
  messageEn: string;
}

// ---- Rosters: units, cadres, contact points, imports ----

export type Category = 'political_legal' | 'party_mass' | 'economic' | 'education' | 'health' | 'agriculture' | 'other';
export const categories: Category[] = ['political_legal', 'party_mass', 'economic', 'education', 'health', 'agriculture', 'other'];

export type LeadingBody = 'party_committee' | 'government' | 'congress' | 'cppcc';
export const leadingBodies: LeadingBody[] = ['party_committee', 'government', 'congress', 'cppcc'];

export type UnitLevel = 'province' | 'city' | 'county' | 'township';
export const unitLevels: UnitLevel[] = ['province', 'city', 'county', 'township'];

export type PointType = 'village' | 'community' | 'enterprise' | 'school' | 'hospital' | 'new_org';
export const pointTypes: PointType[] = ['village', 'community', 'enterprise', 'school', 'hospital', 'new_org'];

export type Programme = 'first_secretary' | 'village_work_team' | 'rural_improvement' | 'young_cadre';
export const programmes: Programme[] = ['first_secretary', 'village_work_team', 'rural_improvement', 'young_cadre'];

export type NeedTag = 'disorder' | 'difficulty' | 'poverty';
export const needTags: NeedTag[] = ['disorder', 'difficulty', 'poverty'];

export type Gender = 'male' | 'female';

/** One change of a record, from the audit log (newest first). */
export interface HistoryEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  before: unknown;
  after: unknown;
  details: unknown;
  /** Names of what values refer to by id or code (units, regions, a prior posting's point), per field and side. */
  names: Record<string, { before?: string; after?: string }>;
}

export interface Unit {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  regionCode: string;
  regionName: string;
  category: Category;
  leadingBody: LeadingBody | null;
  parentId: number | null;
  parentName: string | null;
  cadres: number;
  version: number;
}

export interface UnitDetail extends Unit {
  leaders: number;
  history: HistoryEntry[];
  canEdit: boolean;
}

export interface Cadre {
  id: number;
  externalId: string | null;
  name: string;
  gender: Gender;
  birthYear: number;
  unitId: number;
  unitName: string;
  regionCode: string;
  regionName: string;
  post: string;
  rank: string;
  isLeader: boolean;
  leadingBody: LeadingBody | null;
  category: Category;
  isCategoryOverridden: boolean;
  skills: string[];
  /** Masked (138****5678) unless revealed. */
  phone: string | null;
  homeRegionCode: string | null;
  programme: Programme | null;
  version: number;
}

export interface CadrePriorPosting {
  id: number;
  programme: Programme;
  pointId: number;
  pointName: string;
  regionCode: string;
  startsOn: string | null;
  endsOn: string | null;
}

export interface CadreDetail extends Cadre {
  homeRegionPath: string | null;
  priorPostings: CadrePriorPosting[];
  history: HistoryEntry[];
  canEdit: boolean;
  canRevealPhone: boolean;
}

export type NeedSeverities = Record<NeedTag, number>;

export interface Point {
  id: number;
  externalId: string | null;
  name: string;
  type: PointType;
  regionCode: string;
  regionPath: string;
  needs: NeedSeverities;
  households: number;
  population: number;
  minCadres: number;
  maxCadres: number;
  version: number;
}

export interface PointDetail extends Point {
  needNotes: Record<string, string>;
  profile: Record<string, unknown>;
  priorPostings: Array<{ id: number; programme: string; cadreId: number; cadreName: string; unitName: string }>;
  history: HistoryEntry[];
  canEdit: boolean;
}

export interface ListPage<T> {
  total: number;
  items: T[];
}

export interface UnitQuery {
  regionCode?: string;
  level?: UnitLevel;
  category?: Category;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface CadreQuery {
  regionCode?: string;
  unitId?: number;
  category?: Category;
  isLeader?: boolean;
  programme?: Programme | 'any' | 'none';
  assigned?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: 'name' | 'birthYear' | 'unit';
}

export interface PointQuery {
  regionCode?: string;
  type?: PointType;
  need?: NeedTag;
  minSeverity?: number;
  assigned?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
  sort?: 'name' | 'severity' | 'population';
}

export interface UnitChanges {
  version: number;
  name?: string;
  category?: Category;
  leadingBody?: LeadingBody | null;
  parentId?: number | null;
}

export interface CadreChanges {
  version: number;
  name?: string;
  gender?: Gender;
  birthYear?: number;
  unitId?: number;
  post?: string;
  rank?: string;
  isLeader?: boolean;
  leadingBody?: LeadingBody | null;
  category?: Category;
  skills?: string[];
  phone?: string | null;
  homeRegionCode?: string | null;
}

export interface PointChanges {
  version: number;
  name?: string;
  type?: PointType;
  needs?: NeedSeverities;
  needNotes?: Partial<Record<NeedTag, string>>;
  households?: number;
  population?: number;
  profile?: Record<string, string | number | boolean | null>;
  minCadres?: number;
  maxCadres?: number;
}

export type RosterKind = 'units' | 'cadres' | 'points';

export interface ImportRowError {
  row: number;
  column: string;
  value: string;
  message: string;
  messageEn: string;
}

/** What an import (dry run or commit) found; `valid` = new + updated + unchanged. */
export interface ImportReport {
  kind: RosterKind;
  fileName: string;
  dryRun: boolean;
  total: number;
  valid: number;
  new: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: ImportRowError[];
  newRows: number[];
  updatedRows: number[];
  errorSheetId?: string;
  progressId?: string;
}

export type ImportPhase = 'uploading' | 'reading' | 'validating' | 'writing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  processed: number;
  total?: number;
}
