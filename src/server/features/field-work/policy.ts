// Who may do what with field records: pure rules over the actor and plain facts of a point or unit.
// The team at a point records its field work; offices and leaders oversee it read-only in their scope.
import { isInScope, type Actor } from '../../lib/actor.ts';

/**
 * How the actor relates to a point's field records: 'team' (a cadre posted there: records, sees
 * phones in full), 'overseer' (an office, admin or leader whose scope holds the point: reads,
 * phones masked), or 'none'.
 */
export type FieldAccess = 'team' | 'overseer' | 'none';

export function fieldAccessAt(actor: Actor, facts: { pointRegionCode: string; isActorPostedAt: boolean }): FieldAccess {
  switch (actor.role) {
    case 'cadre':
      return facts.isActorPostedAt ? 'team' : 'none';
    case 'admin':
    case 'office':
    case 'leader':
      return isInScope(actor, facts.pointRegionCode) ? 'overseer' : 'none';
    default:
      return 'none';
  }
}

/** True when the role records field work at all (a cadre); where, is up to fieldAccessAt. */
export function mayRecordFieldWork(actor: Actor): boolean {
  return actor.role === 'cadre' && actor.cadreId !== null;
}

/** True when the role reads field records of points (its own team's, or those it oversees). */
export function mayReadFieldWork(actor: Actor): boolean {
  return ['cadre', 'admin', 'office', 'leader'].includes(actor.role);
}

/** The team calls the households it looks after, so it sees their phones in full; everyone else sees them masked. */
export function maySeeHouseholdPhones(access: FieldAccess): boolean {
  return access === 'team';
}

/**
 * Days on site of a unit's cadres are seen by the head of that unit (a leading cadre of it) and by
 * offices whose scope holds the unit — never by the cadres themselves as a league table.
 */
export function mayViewUnitDiary(actor: Actor, facts: { unitRegionCode: string; isActorHeadOfUnit: boolean }): boolean {
  if (actor.role === 'admin' || actor.role === 'office') return isInScope(actor, facts.unitRegionCode);
  return facts.isActorHeadOfUnit;
}
