// The rows the demo generator produces, one interface per table, named as the columns are
// (camelCase). Ids are assigned by the generator so that rows can refer to each other.

export type Category = 'political_legal' | 'party_mass' | 'economic' | 'education' | 'health' | 'agriculture' | 'other';
export type LeadingBody = 'party_committee' | 'government' | 'congress' | 'cppcc';
export type UnitLevel = 'province' | 'city' | 'county' | 'township';
export type PointType = 'village' | 'community' | 'enterprise' | 'school' | 'hospital' | 'new_org';
export type Programme = 'first_secretary' | 'village_work_team' | 'rural_improvement' | 'young_cadre';
export type Role = 'admin' | 'office' | 'leader' | 'cadre' | 'handler' | 'agent';
export type Need = 'poverty' | 'disorder' | 'difficulty';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  regionCode: string;
  category: Category;
  leadingBody: LeadingBody | null;
  parentId: number | null;
}

export interface CadreRow {
  id: number;
  externalId: string;
  name: string;
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
  phone: string;
  homeRegionCode: string;
}

export interface PointRow {
  id: number;
  externalId: string;
  name: string;
  type: PointType;
  regionCode: string;
  disorderSeverity: number;
  difficultySeverity: number;
  povertySeverity: number;
  needNotes: Partial<Record<Need, string>>;
  households: number;
  population: number;
  profile: Record<string, unknown>;
  minCadres: number;
  maxCadres: number;
}

export interface PriorPostingRow {
  id: number;
  cadreId: number;
  pointId: number;
  regionCode: string;
  programme: Programme;
  startsOn: string;
  endsOn: string;
}

/** A demo login; the password hash is added by the loader (hashing is not pure). */
export interface AccountRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  unitId: number | null;
  cadreId: number | null;
}

export interface DemoProvince {
  units: UnitRow[];
  cadres: CadreRow[];
  points: PointRow[];
  priorPostings: PriorPostingRow[];
  accounts: AccountRow[];
}
