// The office issues logins to cadres in bulk: one account per cadre without one, a one-time
// initial password shown once, and one audit entry for the whole operation.
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { isInScope, type Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { hashPassword } from '../auth/passwords.ts';
import { can } from '../auth/policy.ts';
import { insertAccounts, listCadresWithoutAccount } from './queries.ts';

// No 0/O, 1/l/I: the password is read off a printed slip.
const passwordAlphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random initial password of 12 unambiguous characters. */
export function generateInitialPassword(): string {
  let password = '';
  for (let index = 0; index < 12; index += 1) password += passwordAlphabet[randomInt(passwordAlphabet.length)];
  return password;
}

/** Username of a cadre's login. */
export function cadreUsername(cadreId: number): string {
  return `cadre-${cadreId}`;
}

/** Creates logins for the cadres of a subtree/unit that have none; returns the initial passwords once. */
export async function issueCadreLogins(options: {
  db: Db;
  actor: Actor;
  regionCode: string;
  unitId?: number;
  cadreIds?: number[];
  limit: number;
}) {
  const { db, actor } = options;
  if (!can(actor, 'accounts.issue_cadre_logins')) throw forbidden();
  if (!isInScope(actor, options.regionCode)) throw notFound('行政区划', 'Region');
  const cadres = await listCadresWithoutAccount(db, {
    scopeRegionCode: options.regionCode,
    unitId: options.unitId,
    cadreIds: options.cadreIds,
    limit: options.limit,
  });
  const passwords = cadres.map(() => generateInitialPassword());
  const hashes = await Promise.all(passwords.map((password) => hashPassword(password)));
  await db.transaction().execute(async (tx) => {
    await insertAccounts(
      tx,
      cadres.map((cadre, index) => ({
        username: cadreUsername(cadre.id),
        passwordHash: hashes[index],
        displayName: cadre.name,
        role: cadre.is_leader ? ('leader' as const) : ('cadre' as const),
        regionCode: cadre.region_code,
        unitId: cadre.unit_id,
        cadreId: cadre.id,
        mustChangePassword: true,
      })),
    );
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.username,
      action: 'account.cadre_logins_issued',
      entityType: 'account',
      regionCode: options.regionCode,
      details: { issued: cadres.length, unitId: options.unitId ?? null, requested: options.cadreIds?.length ?? null },
    });
  });
  return {
    issued: cadres.length,
    skipped: options.cadreIds ? options.cadreIds.length - cadres.length : 0,
    logins: cadres.map((cadre, index) => ({
      cadreId: cadre.id,
      name: cadre.name,
      unitName: cadre.unit_name,
      username: cadreUsername(cadre.id),
      initialPassword: passwords[index],
    })),
  };
}
