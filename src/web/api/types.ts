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
