// The demo province, generated as plain rows without touching the database: deterministic
// (every part draws from random streams named by region), so the same size gives the same rows.
import type { Division } from '../features/regions/division-data.ts';
import { generateDemoAccounts } from './accounts.ts';
import { generateCadres, indexHomeVillages } from './cadres.ts';
import type { DemoProvince } from './demo-rows.ts';
import { buildProvinceGeo, restrictProvinceGeo } from './geography.ts';
import { generatePoints } from './points.ts';
import { fitPointCapacity } from './capacity.ts';
import { generatePriorPostings } from './postings.ts';
import { generateUnits } from './units.ts';

/** The region a `small` seed covers: 沧州市, which holds 海兴县 and 苏基镇 of the demo accounts. */
export const smallSeedRegion = '1309';

export type GeneratedSize = 'full' | 'small';

/** Generates units, cadres, points, prior postings and demo accounts; `onPhase` reports progress. */
export function generateDemoProvince(divisions: readonly Division[], size: GeneratedSize, onPhase: (phase: string) => void = () => undefined): DemoProvince {
  const province = buildProvinceGeo(divisions);
  const scope = size === 'small' ? restrictProvinceGeo(province, smallSeedRegion) : province;
  onPhase('units');
  const plans = generateUnits(scope, { includeProvince: size === 'full' });
  const units = plans.map((plan) => plan.unit);
  onPhase('cadres');
  // Home villages come from the whole province: a 沧州 cadre may come from elsewhere even in a small seed.
  const cadres = generateCadres(plans, scope, indexHomeVillages(province));
  onPhase('points');
  const points = generatePoints(province, scope);
  fitPointCapacity(units, cadres, points);
  onPhase('postings');
  const priorPostings = generatePriorPostings(cadres, points);
  const accounts = generateDemoAccounts(scope, units, cadres, new Set(priorPostings.map((posting) => posting.cadreId)));
  return { units, cadres, points, priorPostings, accounts };
}
