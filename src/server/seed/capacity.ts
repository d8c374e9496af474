// Fits contact points' maximum team size to the cadres who may serve there, as an office would: in a
// city district with few communities and a large district government, each community takes more
// cadres; otherwise "every ordinary cadre gets exactly one point" could not hold. Deterministic.
import type { CadreRow, PointRow, UnitRow } from './demo-rows.ts';

/** Spare room kept above the expected demand of each county. */
const headroom = 1.15;
/** The most cadres one point is given. */
const ceiling = 12;

/** Raises `maxCadres` of points (largest first, round robin) until each county's room exceeds its cadres' demand. */
export function fitPointCapacity(units: readonly UnitRow[], cadres: readonly CadreRow[], points: PointRow[]): void {
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  const pointsByCounty = new Map<string, PointRow[]>();
  for (const point of points) {
    const county = point.regionCode.slice(0, 6);
    (pointsByCounty.get(county) ?? pointsByCounty.set(county, []).get(county)!).push(point);
  }
  const countiesOf = (prefix: string) => [...pointsByCounty.keys()].filter((county) => county.startsWith(prefix));
  const pointCount = (counties: string[]) => counties.reduce((sum, county) => sum + pointsByCounty.get(county)!.length, 0);
  // Demand per county: its own township and county cadres, and a share of city and province cadres by points.
  const demand = new Map<string, number>();
  const add = (county: string, amount: number) => demand.set(county, (demand.get(county) ?? 0) + amount);
  for (const cadre of cadres) {
    const unit = unitById.get(cadre.unitId);
    if (!unit) continue;
    const weight = cadre.isLeader ? 3 : 1;
    const reach = unit.level === 'township' ? unit.regionCode.slice(0, 6) : unit.level === 'province' ? '' : unit.regionCode;
    const counties = unit.level === 'township' || unit.level === 'county' ? [reach].filter((county) => pointsByCounty.has(county)) : countiesOf(reach);
    const total = pointCount(counties);
    for (const county of counties) add(county, (weight * pointsByCounty.get(county)!.length) / total);
  }
  for (const [county, countyPoints] of pointsByCounty) {
    const needed = Math.ceil((demand.get(county) ?? 0) * headroom);
    let room = countyPoints.reduce((sum, point) => sum + point.maxCadres, 0);
    if (room >= needed) continue;
    const order = [...countyPoints].sort((a, b) => b.households - a.households || (a.externalId < b.externalId ? -1 : 1));
    for (let index = 0; room < needed; index = (index + 1) % order.length) {
      if (order.every((point) => point.maxCadres >= ceiling)) break;
      if (order[index].maxCadres >= ceiling) continue;
      order[index].maxCadres += 1;
      room += 1;
    }
  }
}
