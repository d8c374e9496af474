// Who may manage which accounts: pure rules over the actor and the target.
import type { Role } from '../../db/schema.ts';
import { isInScope, type Actor } from '../../lib/actor.ts';

/** True when the actor may create or change an account with this role and region. */
export function canManageAccount(actor: Actor, target: { role: Role; regionCode: string }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role !== 'office') return false;
  // An office manages the accounts of its own subtree, never admins or other offices above it.
  return target.role !== 'admin' && isInScope(actor, target.regionCode);
}
