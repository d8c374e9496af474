// Use cases of account management: list, create, change (optimistic locking).
import type { Db, Executor } from '../../db/database.ts';
import { isInScope, type Actor } from '../../lib/actor.ts';
import { AppError, forbidden, invalidField, notFound, staleVersion } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { hashPassword } from '../auth/passwords.ts';
import { can } from '../auth/policy.ts';
import { deleteSessionsOfAccount } from '../auth/queries.ts';
import type { SessionCache } from '../auth/session-cache.ts';
import { findRegion } from '../regions/queries.ts';
import { canManageAccount } from './policy.ts';
import {
  findAccount,
  findCadreRegion,
  findUnitRegion,
  insertAccounts,
  isUsernameTaken,
  listAccounts,
  updateAccountIfVersion,
} from './queries.ts';
import type { Role } from '../../db/schema.ts';

type AccountRow = NonNullable<Awaited<ReturnType<typeof findAccount>>>;

/** The API form of an account (never its hash). */
export function presentAccount(row: AccountRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionCode: row.region_code,
    regionName: row.region_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    cadreId: row.cadre_id,
    isActive: row.is_active,
    mustChangePassword: row.must_change_password,
    version: row.version,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
  };
}

/** A page of the accounts in the actor's scope (or a subtree of it). */
export async function listAccountsInScope(options: {
  db: Executor;
  actor: Actor;
  regionCode?: string;
  role?: Role;
  q?: string;
  page: number;
  pageSize: number;
}) {
  const { db, actor } = options;
  if (!can(actor, 'accounts.manage')) throw forbidden();
  const scope = options.regionCode ?? actor.regionCode;
  if (!isInScope(actor, scope)) throw notFound('行政区划', 'Region');
  const { items, total } = await listAccounts(db, {
    scopeRegionCode: scope,
    role: options.role,
    q: options.q,
    offset: (options.page - 1) * options.pageSize,
    limit: options.pageSize,
  });
  return { total, items: items.map(presentAccount) };
}

/** Checks that the region, unit and cadre of an account exist inside the actor's scope. */
async function checkAccountPlacement(db: Executor, actor: Actor, input: { regionCode: string; unitId: number | null; cadreId: number | null }) {
  if (!isInScope(actor, input.regionCode) || !(await findRegion(db, input.regionCode))) {
    throw invalidField('regionCode', '区划不存在或不在您的管辖范围内', 'no such region in your scope');
  }
  if (input.unitId !== null) {
    const unit = await findUnitRegion(db, input.unitId);
    if (!unit || !isInScope(actor, unit.region_code)) throw invalidField('unitId', '单位不存在或不在您的管辖范围内', 'no such unit in your scope');
  }
  if (input.cadreId !== null) {
    const cadre = await findCadreRegion(db, input.cadreId);
    if (!cadre || !isInScope(actor, cadre.region_code)) throw invalidField('cadreId', '干部不存在或不在您的管辖范围内', 'no such cadre in your scope');
  }
}

/** Creates one account; the office may create accounts only inside its scope. */
export async function createAccount(options: {
  db: Db;
  actor: Actor;
  input: { username: string; displayName: string; role: Role; regionCode: string; unitId: number | null; cadreId: number | null; password: string };
}) {
  const { db, actor, input } = options;
  // The role is a permission question (403); where the account sits is a question of the input (400 on the field).
  if (!can(actor, 'accounts.manage') || !canManageAccount(actor, { role: input.role, regionCode: actor.regionCode })) throw forbidden();
  await checkAccountPlacement(db, actor, input);
  if (await isUsernameTaken(db, input.username)) {
    throw new AppError('CONFLICT', `用户名 ${input.username} 已被使用`, `Username ${input.username} is taken`, {
      details: [{ field: 'username', message: '已被使用', messageEn: 'already taken' }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (tx) => {
    const [created] = await insertAccounts(tx, [{ ...input, passwordHash, mustChangePassword: true }]);
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.username,
      action: 'account.created',
      entityType: 'account',
      entityId: created.id,
      regionCode: input.regionCode,
      after: { username: input.username, displayName: input.displayName, role: input.role, regionCode: input.regionCode, unitId: input.unitId, cadreId: input.cadreId },
    });
    return created.id;
  });
  return presentAccount((await findAccount(db, id))!);
}

/** Changes an account's name, activity or password, refusing a stale version; the account's cached sessions are forgotten. */
export async function updateAccount(options: {
  db: Db;
  sessionCache: SessionCache;
  actor: Actor;
  id: number;
  input: { version: number; displayName?: string; isActive?: boolean; newPassword?: string };
}) {
  const { db, actor, id, input } = options;
  const existing = await findAccount(db, id);
  if (!existing || !isInScope(actor, existing.region_code)) throw notFound('账号', 'Account');
  if (!can(actor, 'accounts.manage') || !canManageAccount(actor, { role: existing.role, regionCode: existing.region_code })) throw forbidden();
  if (existing.id === actor.accountId && input.isActive === false) {
    throw invalidField('isActive', '不能停用自己的账号', 'you cannot deactivate your own account');
  }
  const changes: Parameters<typeof updateAccountIfVersion>[3] = {};
  if (input.displayName !== undefined) changes.display_name = input.displayName;
  if (input.isActive !== undefined) changes.is_active = input.isActive;
  if (input.newPassword !== undefined) {
    changes.password_hash = await hashPassword(input.newPassword);
    changes.must_change_password = true;
  }
  await db.transaction().execute(async (tx) => {
    const changed = await updateAccountIfVersion(tx, id, input.version, changes);
    if (changed === 0) throw staleVersion();
    // A reset password or a deactivation ends the account's sessions.
    if (input.isActive === false || input.newPassword) await deleteSessionsOfAccount(tx, id);
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.username,
      action: 'account.updated',
      entityType: 'account',
      entityId: id,
      regionCode: existing.region_code,
      before: { displayName: existing.display_name, isActive: existing.is_active },
      after: { displayName: input.displayName ?? existing.display_name, isActive: input.isActive ?? existing.is_active, passwordReset: Boolean(input.newPassword) },
    });
  });
  // After the commit: a deactivated or reset account is refused at once, a new name shows at once.
  options.sessionCache.forgetAccount(id);
  return presentAccount((await findAccount(db, id))!);
}
