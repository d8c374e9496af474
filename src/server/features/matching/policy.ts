// Who may plan, adjust and publish matchings, as pure rules.
import type { Actor } from '../../lib/actor.ts';
import { isInScope } from '../../lib/actor.ts';

/** Plans cover the province or one city; the office plans inside its own scope. */
export function canPlanRegion(actor: Actor, regionCode: string): boolean {
  if (actor.role !== 'admin' && actor.role !== 'office') return false;
  return (regionCode.length === 2 || regionCode.length === 4) && isInScope(actor, regionCode);
}

/** Plans are readable by offices and leaders of the region they cover (or of a part of it). */
export function canViewPlan(actor: Actor, planRegionCode: string): boolean {
  if (actor.role !== 'admin' && actor.role !== 'office' && actor.role !== 'leader') return false;
  return isInScope(actor, planRegionCode) || planRegionCode.length < actor.regionCode.length && actor.regionCode.startsWith(planRegionCode);
}
