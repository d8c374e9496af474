// SQL for account management and for issuing cadre logins.
import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Role } from '../../db/schema.ts';
import { inRegionSubtree } from '../../db/scope.ts';

export interface AccountFilter {
  scopeRegionCode: string;
  role?: Role;
  q?: string;
  offset: number;
  limit: number;
}

const accountColumns = [
  'accounts.id',
  'accounts.username',
  'accounts.display_name',
  'accounts.role',
  'accounts.region_code',
  'accounts.unit_id',
  'accounts.cadre_id',
  'accounts.is_active',
  'accounts.must_change_password',
  'accounts.version',
  'accounts.last_login_at',
  'regions.name as region_name',
  'org_units.name as unit_name',
] as const;

/** A page of accounts in a region subtree, with the total. */
export async function listAccounts(db: Executor, filter: AccountFilter) {
  let base = db
    .selectFrom('accounts')
    .innerJoin('regions', 'regions.code', 'accounts.region_code')
    .leftJoin('org_units', 'org_units.id', 'accounts.unit_id')
    .where(inRegionSubtree('accounts.region_code', filter.scopeRegionCode));
  if (filter.role) base = base.where('accounts.role', '=', filter.role);
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    base = base.where((eb) => eb.or([eb('accounts.username', 'ilike', pattern), eb('accounts.display_name', 'like', pattern)]));
  }
  const [items, total] = await Promise.all([
    base.select(accountColumns).orderBy('accounts.username').offset(filter.offset).limit(filter.limit).execute(),
    base.select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: total.count };
}

/** One account with its region and unit names. */
export function findAccount(db: Executor, id: number) {
  return db
    .selectFrom('accounts')
    .innerJoin('regions', 'regions.code', 'accounts.region_code')
    .leftJoin('org_units', 'org_units.id', 'accounts.unit_id')
    .select(accountColumns)
    .where('accounts.id', '=', id)
    .executeTakeFirst();
}

/** True when the username is taken (case-insensitive). */
export async function isUsernameTaken(db: Executor, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewAccount {
  username: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  regionCode: string;
  unitId: number | null;
  cadreId: number | null;
  mustChangePassword: boolean;
}

/** Inserts accounts and returns their ids. */
export async function insertAccounts(db: Executor, accounts: NewAccount[]) {
  if (accounts.length === 0) return [];
  return db
    .insertInto('accounts')
    .values(
      accounts.map((account) => ({
        username: account.username,
        password_hash: account.passwordHash,
        display_name: account.displayName,
        role: account.role,
        region_code: account.regionCode,
        unit_id: account.unitId,
        cadre_id: account.cadreId,
        must_change_password: account.mustChangePassword,
      })),
    )
    .returning(['id', 'username', 'cadre_id'])
    .execute();
}

/** Applies changes to an account if its version still matches; returns the number of rows changed. */
export async function updateAccountIfVersion(
  db: Executor,
  id: number,
  version: number,
  changes: { display_name?: string; is_active?: boolean; password_hash?: string; must_change_password?: boolean },
): Promise<number> {
  const result = await db
    .updateTable('accounts')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The region of a unit, to check a unit lies in scope. */
export function findUnitRegion(db: Executor, unitId: number) {
  return db.selectFrom('org_units').select(['id', 'region_code', 'name']).where('id', '=', unitId).executeTakeFirst();
}

/** The region of a cadre, to check a cadre lies in scope. */
export function findCadreRegion(db: Executor, cadreId: number) {
  return db.selectFrom('cadres').select(['id', 'region_code', 'unit_id', 'name', 'home_region_code']).where('id', '=', cadreId).executeTakeFirst();
}

/** Cadres in a subtree (optionally one unit or a list) that have no account yet. */
export function listCadresWithoutAccount(
  db: Executor,
  filter: { scopeRegionCode: string; unitId?: number; cadreIds?: number[]; limit: number },
) {
  let query = db
    .selectFrom('cadres')
    .innerJoin('org_units', 'org_units.id', 'cadres.unit_id')
    .leftJoin('accounts', 'accounts.cadre_id', 'cadres.id')
    .select(['cadres.id', 'cadres.name', 'cadres.region_code', 'cadres.unit_id', 'cadres.is_leader', 'org_units.name as unit_name'])
    .where(inRegionSubtree('cadres.region_code', filter.scopeRegionCode))
    .where('accounts.id', 'is', null);
  if (filter.unitId) query = query.where('cadres.unit_id', '=', filter.unitId);
  if (filter.cadreIds) query = query.where('cadres.id', 'in', filter.cadreIds.length ? filter.cadreIds : [0]);
  return query.orderBy('cadres.id').limit(filter.limit).execute();
}
