// Use cases of the admin's Open311 clients: issue a key (shown once), list, deactivate.
// Scoped like everything else: an office sees and issues keys for clients inside its region.
import type { Db, Executor } from '../../db/database.ts';
import { isInScope, type Actor } from '../../lib/actor.ts';
import { forbidden, invalidField, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { generateApiKey, hashApiKey, keyHintOf } from './api-keys.ts';
import { deactivateClient, findClientInScope, findRegionInScope, insertClient, listClientsInScope } from './queries.ts';

type ClientRecord = NonNullable<Awaited<ReturnType<typeof findClientInScope>>>;

/** The API form of a client (never its key or hash). */
function presentClient(row: ClientRecord) {
  return {
    id: row.id,
    name: row.name,
    regionCode: row.region_code,
    regionName: row.region_name,
    keyHint: row.key_hint,
    isActive: row.is_active,
    createdAt: new Date(row.created_at).toISOString(),
    createdByName: row.created_by_name,
  };
}

function requireConfigure(actor: Actor): void {
  if (!can(actor, 'appeals.configure')) throw forbidden();
}

/** Clients of the actor's region subtree. */
export async function listOpen311Clients(options: { db: Executor; actor: Actor }) {
  requireConfigure(options.actor);
  return { items: (await listClientsInScope(options.db, options.actor.regionCode)).map(presentClient) };
}

/** Issues a key for a new client filing cases inside `regionCode`; the key is in this answer only. */
export async function issueOpen311Client(options: { db: Db; actor: Actor; input: { name: string; regionCode: string } }) {
  const { db, actor, input } = options;
  requireConfigure(actor);
  if (!isInScope(actor, input.regionCode) || !(await findRegionInScope(db, input.regionCode, actor.regionCode))) {
    throw invalidField('regionCode', '区划不存在或不在您的管辖范围内', 'no such region in your scope');
  }
  const key = generateApiKey();
  const id = await db.transaction().execute(async (tx) => {
    const newId = await insertClient(tx, { name: input.name, keyHash: hashApiKey(key), keyHint: keyHintOf(key), regionCode: input.regionCode, createdBy: actor.accountId });
    await recordAudit(tx, {
      actorAccountId: actor.accountId,
      actorName: actor.displayName,
      action: 'open311_client.issued',
      entityType: 'open311_client',
      entityId: newId,
      regionCode: input.regionCode,
      after: { name: input.name, regionCode: input.regionCode, keyHint: keyHintOf(key) },
    });
    return newId;
  });
  const row = await findClientInScope(db, id, actor.regionCode);
  return { ...presentClient(row!), key };
}

/** Deactivates a client: its key stops working at once. Idempotent. */
export async function deactivateOpen311Client(options: { db: Db; actor: Actor; id: number }) {
  const { db, actor, id } = options;
  requireConfigure(actor);
  const before = await findClientInScope(db, id, actor.regionCode);
  if (!before) throw notFound('Open311 客户端', 'Open311 client');
  if (before.is_active) {
    await db.transaction().execute(async (tx) => {
      await deactivateClient(tx, id);
      await recordAudit(tx, {
        actorAccountId: actor.accountId,
        actorName: actor.displayName,
        action: 'open311_client.deactivated',
        entityType: 'open311_client',
        entityId: id,
        regionCode: before.region_code,
        before: { isActive: true },
        after: { isActive: false },
      });
    });
  }
  return presentClient({ ...before, is_active: false });
}
