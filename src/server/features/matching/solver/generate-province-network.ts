/**
 * Seeded generator of synthetic province assignment networks in DIMACS form.
 *
 *   super-source -> cadre        ordinary cadre low=cap=1, leader low 2 cap 4
 *   cadre -> point               candidate arcs, cap 1, cost = distance + affinity
 *   point -> sink                one arc low=cap=min (cost 0) plus max-min
 *                                parallel cap-1 arcs with convex rising costs
 *   super-source -> sink         "leader slack": the unused leader capacity
 *
 * The source supplies the sum of all cadre capacities; whatever leader
 * capacity is not worth using goes through the slack arc at a fixed cost, so
 * the instance is always balanced. Cadres and points live in 11 cities split
 * into counties. In variant "city" every candidate arc stays inside its city,
 * so without source and sink the network falls apart into 11 parts; in
 * variant "province" province-level leaders (about 2% of cadres) get
 * candidates anywhere, which glues the province together.
 *
 * Usage: tsx generate-province-network.ts --seed 1 --cadres 145000
 *          --points 63500 --arcs 9000000 --variant city|province --out FILE
 */
import { pathToFileURL } from 'node:url';
import type { FlowNetwork } from './flow-network.ts';
import { writeDimacsMinFile } from './dimacs.ts';

export type ProvinceVariant = 'city' | 'province';

export interface ProvinceNetworkOptions {
  seed: number;
  cadres: number;
  points: number;
  /** Target total arc count (all arc kinds); the result is within a few arcs of it. */
  arcs: number;
  variant: ProvinceVariant;
  cities?: number;
}

export interface ProvinceNetwork {
  network: FlowNetwork;
  /** City index of every node; -1 for the source and the sink. */
  nodeCity: Int32Array;
  sourceNode: number;
  sinkNode: number;
}

/** Cost per unit of leader capacity left unused (flow over the slack arc). */
const LEADER_SLACK_COST = 900;
/** Marginal cost step of filling a point beyond its minimum: step * k^2. */
const BALANCE_STEP = 60;
const LEADER_SHARE = 0.04;
const PROVINCE_LEADER_SHARE = 0.5;
const KM_COST = 12;

/** Creates a mulberry32 PRNG returning floats in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits total into parts proportional to weights (largest remainder). */
function splitProportionally(total: number, weights: number[]): number[] {
  const sum = weights.reduce((x, y) => x + y, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let rest = total - parts.reduce((x, y) => x + y, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((p, q) => q[0] - p[0]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) parts[order[k][1]]++;
  return parts;
}

class ArcBuilder {
  count = 0;
  source: Int32Array;
  target: Int32Array;
  lower: Int32Array;
  upper: Int32Array;
  cost: Float64Array;
  constructor(capacity: number) {
    this.source = new Int32Array(capacity);
    this.target = new Int32Array(capacity);
    this.lower = new Int32Array(capacity);
    this.upper = new Int32Array(capacity);
    this.cost = new Float64Array(capacity);
  }
  add(s: number, t: number, low: number, cap: number, cost: number): void {
    if (this.count === this.source.length) this.growTo(Math.ceil(this.count * 1.25) + 16);
    const i = this.count++;
    this.source[i] = s;
    this.target[i] = t;
    this.lower[i] = low;
    this.upper[i] = cap;
    this.cost[i] = cost;
  }
  private growTo(size: number): void {
    const g = <T extends Int32Array | Float64Array>(a: T): T => {
      const out = new (a.constructor as new (n: number) => T)(size);
      out.set(a);
      return out;
    };
    this.source = g(this.source);
    this.target = g(this.target);
    this.lower = g(this.lower);
    this.upper = g(this.upper);
    this.cost = g(this.cost);
  }
}

/** Builds a deterministic synthetic province network from the options' seed. */
export function generateProvinceNetwork(options: ProvinceNetworkOptions): ProvinceNetwork {
  const rnd = createRandom(options.seed);
  const cityCount = options.cities ?? 11;
  const C = options.cadres;
  const P = options.points;
  if (C < cityCount || P < cityCount) throw new Error('need at least one cadre and one point per city');

  // Geography: cities on a 400 x 300 km plane, 6-13 counties each.
  const cityWeight: number[] = [];
  const cityX: number[] = [];
  const cityY: number[] = [];
  const countyStart: number[] = [];
  const countyX: number[] = [];
  const countyY: number[] = [];
  const countyWeight: number[] = [];
  for (let c = 0; c < cityCount; c++) {
    cityWeight.push(0.5 + rnd());
    cityX.push(rnd() * 400);
    cityY.push(rnd() * 300);
    countyStart.push(countyX.length);
    const counties = 6 + Math.floor(rnd() * 8);
    for (let k = 0; k < counties; k++) {
      const angle = rnd() * 2 * Math.PI;
      const radius = 5 + rnd() * 35;
      countyX.push(cityX[c] + radius * Math.cos(angle));
      countyY.push(cityY[c] + radius * Math.sin(angle));
      countyWeight.push(0.5 + rnd());
    }
  }
  countyStart.push(countyX.length);

  const cadresPerCity = splitProportionally(C, cityWeight);
  const pointsPerCity = splitProportionally(P, cityWeight);

  const source = 0;
  const sink = C + P + 1;
  const nodeCount = C + P + 2;
  const nodeCity = new Int32Array(nodeCount).fill(-1);
  const nodeCounty = new Int32Array(nodeCount).fill(-1);
  const posX = new Float64Array(nodeCount);
  const posY = new Float64Array(nodeCount);

  // Lay out cadres then points, grouped by city and county (roster order).
  const cityPointStart = new Int32Array(cityCount + 1);
  const countyPointStart = new Int32Array(countyX.length + 1);
  const placeGroup = (first: number, perCity: number[], recordPoints: boolean): void => {
    let node = first;
    for (let c = 0; c < cityCount; c++) {
      if (recordPoints) cityPointStart[c] = node;
      const k0 = countyStart[c];
      const k1 = countyStart[c + 1];
      const perCounty = splitProportionally(perCity[c], countyWeight.slice(k0, k1));
      for (let k = k0; k < k1; k++) {
        if (recordPoints) countyPointStart[k] = node;
        for (let i = 0; i < perCounty[k - k0]; i++, node++) {
          nodeCity[node] = c;
          nodeCounty[node] = k;
          posX[node] = countyX[k] + (rnd() + rnd() + rnd() - 1.5) * 12;
          posY[node] = countyY[k] + (rnd() + rnd() + rnd() - 1.5) * 12;
        }
      }
    }
    if (recordPoints) {
      cityPointStart[cityCount] = node;
      countyPointStart[countyX.length] = node;
    }
  };
  placeGroup(1, cadresPerCity, false);
  placeGroup(C + 1, pointsPerCity, true);

  // Cadre kinds and point bounds.
  const cadreLow = new Int32Array(nodeCount);
  const cadreCap = new Int32Array(nodeCount);
  const provinceWide = new Uint8Array(nodeCount);
  let leaderSlack = 0;
  for (let v = 1; v <= C; v++) {
    if (rnd() < LEADER_SHARE) {
      cadreLow[v] = 2;
      cadreCap[v] = 4;
      leaderSlack += 2;
      if (options.variant === 'province' && rnd() < PROVINCE_LEADER_SHARE) provinceWide[v] = 1;
    } else {
      cadreLow[v] = 1;
      cadreCap[v] = 1;
    }
  }
  const pointMin = new Int32Array(nodeCount);
  const pointMax = new Int32Array(nodeCount);
  for (let v = C + 1; v <= C + P; v++) {
    pointMin[v] = rnd() < 0.7 ? 1 : 2;
    pointMax[v] = pointMin[v] + 1 + Math.floor(rnd() * 3);
  }
  // Make every city balanced on its own: sum of minima <= cadre capacity and
  // sum of maxima >= cadre lower bounds.
  let cadreNode = 1;
  for (let c = 0; c < cityCount; c++) {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < cadresPerCity[c]; i++, cadreNode++) {
      lo += cadreLow[cadreNode];
      hi += cadreCap[cadreNode];
    }
    let minSum = 0;
    let maxSum = 0;
    for (let v = cityPointStart[c]; v < cityPointStart[c + 1]; v++) {
      minSum += pointMin[v];
      maxSum += pointMax[v];
    }
    for (let v = cityPointStart[c]; minSum > lo; v = v + 1 < cityPointStart[c + 1] ? v + 1 : cityPointStart[c]) {
      if (pointMin[v] > 0) {
        pointMin[v]--;
        minSum--;
      }
    }
    for (let v = cityPointStart[c]; maxSum < hi; v = v + 1 < cityPointStart[c + 1] ? v + 1 : cityPointStart[c]) {
      pointMax[v]++;
      maxSum++;
    }
  }

  let pointSinkArcs = 0;
  for (let v = C + 1; v <= C + P; v++) pointSinkArcs += (pointMin[v] > 0 ? 1 : 0) + pointMax[v] - pointMin[v];
  const candidateBudget = Math.max(options.arcs - C - pointSinkArcs - 1, C);
  const arcs = new ArcBuilder(options.arcs + P + 16);

  // Source arcs.
  let totalSupply = 0;
  for (let v = 1; v <= C; v++) {
    arcs.add(source, v, cadreLow[v], cadreCap[v], 0);
    totalSupply += cadreCap[v];
  }

  // Candidate arcs, without duplicate pairs per cadre.
  const stamp = new Int32Array(nodeCount).fill(-1);
  const inDegree = new Int32Array(nodeCount);
  const addCandidate = (cadre: number, point: number): void => {
    const dx = posX[cadre] - posX[point];
    const dy = posY[cadre] - posY[point];
    const km = Math.sqrt(dx * dx + dy * dy);
    const cost = Math.round(km * KM_COST) + Math.floor(rnd() * 300);
    arcs.add(cadre, point, 0, 1, cost);
    inDegree[point]++;
  };
  const perCadre = Math.floor(candidateBudget / C);
  const extra = candidateBudget - perCadre * C;
  for (let v = 1; v <= C; v++) {
    const city = nodeCity[v];
    const county = nodeCounty[v];
    const cityLo = cityPointStart[city];
    const citySize = cityPointStart[city + 1] - cityLo;
    const countyLo = countyPointStart[county];
    const countySize = countyPointStart[county + 1] - countyLo;
    const wide = provinceWide[v] === 1;
    const poolSize = wide ? P : citySize;
    const want = Math.min(perCadre + (v <= extra ? 1 : 0), poolSize);
    let made = 0;
    let attempts = 0;
    while (made < want) {
      let point: number;
      const r = rnd();
      if (wide) point = C + 1 + Math.floor(rnd() * P);
      else if (r < 0.7 && countySize > 0 && attempts < want * 4) point = countyLo + Math.floor(rnd() * countySize);
      else point = cityLo + Math.floor(rnd() * citySize);
      attempts++;
      if (stamp[point] === v) continue;
      stamp[point] = v;
      addCandidate(v, point);
      made++;
    }
  }
  // Every point needs at least max(min, 2) candidates for a sane instance.
  for (let p = C + 1; p <= C + P; p++) {
    const need = Math.max(pointMin[p], 2);
    const city = nodeCity[p];
    const cadreLo = 1 + cadresPerCity.slice(0, city).reduce((x, y) => x + y, 0);
    let guard = 0;
    while (inDegree[p] < need && guard++ < 1000) addCandidate(cadreLo + Math.floor(rnd() * cadresPerCity[city]), p);
  }

  // Sink arcs with convex balance cost.
  for (let v = C + 1; v <= C + P; v++) {
    if (pointMin[v] > 0) arcs.add(v, sink, pointMin[v], pointMin[v], 0);
    for (let k = 1; k <= pointMax[v] - pointMin[v]; k++) arcs.add(v, sink, 0, 1, BALANCE_STEP * k * k);
  }
  arcs.add(source, sink, 0, leaderSlack, LEADER_SLACK_COST);

  const m = arcs.count;
  const supply = new Int32Array(nodeCount);
  supply[source] = totalSupply;
  supply[sink] = -totalSupply;
  const network: FlowNetwork = {
    nodeCount,
    arcCount: m,
    source: arcs.source.slice(0, m),
    target: arcs.target.slice(0, m),
    lower: arcs.lower.slice(0, m),
    upper: arcs.upper.slice(0, m),
    cost: arcs.cost.slice(0, m),
    supply,
  };
  return { network, nodeCity, sourceNode: source, sinkNode: sink };
}

function parseArgs(argv: string[]): ProvinceNetworkOptions & { out: string } {
  const get = (name: string, fallback?: string): string => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
    if (fallback === undefined) throw new Error(`missing --${name}`);
    return fallback;
  };
  const variant = get('variant', 'city');
  if (variant !== 'city' && variant !== 'province') throw new Error('--variant must be city or province');
  return {
    seed: Number(get('seed', '1')),
    cadres: Number(get('cadres', '145000')),
    points: Number(get('points', '63500')),
    arcs: Number(get('arcs', '9000000')),
    variant,
    out: get('out'),
  };
}

/** Generates a province network and writes it as a DIMACS file. */
export async function writeProvinceNetworkFile(options: ProvinceNetworkOptions, out: string): Promise<FlowNetwork> {
  const { network } = generateProvinceNetwork(options);
  await writeDimacsMinFile(network, out, [
    `dundian synthetic province network: variant=${options.variant} seed=${options.seed}`,
    `cadres=${options.cadres} points=${options.points} target-arcs=${options.arcs}`,
    'node 1 = super-source, 2..cadres+1 = cadres, then points, last node = sink',
  ]);
  return network;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { out, ...options } = parseArgs(process.argv.slice(2));
    const network = await writeProvinceNetworkFile(options, out);
    process.stderr.write(`wrote ${out}: ${network.nodeCount} nodes, ${network.arcCount} arcs\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}
