// Use case: reveal a cadre's masked phone; the reveal and its reason are logged before it is shown.
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';
import { recordAudit, recordReveal } from '../audit/queries.ts';
import { can } from '../auth/policy.ts';
import { findCadreInScope } from './browse-cadres.ts';
import { findCadrePhone } from './queries.ts';

/** Returns the phone in clear after logging who asked and why. */
export async function revealCadrePhone(options: { db: Db; actor: Actor; id: number; reason: string }) {
  const { db, actor, id, reason } = options;
  if (!can(actor, 'personal_data.reveal')) throw forbidden();
  const cadre = await findCadreInScope(db, actor, id);
  return db.transaction().execute(async (tx) => {
    const entry = { actorAccountId: actor.accountId, actorName: actor.username, entityType: 'cadre', entityId: id, regionCode: cadre.region_code };
    await recordReveal(tx, { ...entry, field: 'phone', reason });
    await recordAudit(tx, { ...entry, action: 'personal_data.revealed', details: { field: 'phone', reason } });
    const row = await findCadrePhone(tx, id);
    return { phone: row?.phone ?? null };
  });
}
