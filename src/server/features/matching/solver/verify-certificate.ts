/**
 * Independent optimality certificate check for min-cost flow.
 *
 * Deliberately shares no code with the solver: it declares its own input
 * shape and recomputes everything from the raw arrays. A flow is optimal iff
 * it is feasible (bounds, conservation with supplies) and some node
 * potential p makes it satisfy complementary slackness with the reduced
 * costs c_ij - p_i + p_j: arcs with positive reduced cost sit at their lower
 * bound, arcs with negative reduced cost at their capacity (LP duality).
 */

/** Structural view of a network as the verifier needs it (0-based nodes). */
export interface CertifiableNetwork {
  nodeCount: number;
  arcCount: number;
  source: ArrayLike<number>;
  target: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  cost: ArrayLike<number>;
  supply: ArrayLike<number>;
}

export interface CertificateViolation {
  kind: 'bounds' | 'conservation' | 'slackness' | 'shape';
  /** Arc index for bounds/slackness, node index for conservation, -1 for shape. */
  index: number;
  message: string;
}

export interface CertificateReport {
  ok: boolean;
  /** Total number of violations found (the list keeps at most maxViolations). */
  violationCount: number;
  violations: CertificateViolation[];
}

/** Checks feasibility and complementary slackness of (flow, potential) on a network. */
export function verifyCertificate(
  network: CertifiableNetwork,
  flow: ArrayLike<number>,
  potential: ArrayLike<number>,
  maxViolations = 20,
): CertificateReport {
  const violations: CertificateViolation[] = [];
  let violationCount = 0;
  const report = (v: CertificateViolation): void => {
    violationCount++;
    if (violations.length < maxViolations) violations.push(v);
  };
  const n = network.nodeCount;
  const m = network.arcCount;
  if (flow.length !== m) report({ kind: 'shape', index: -1, message: `flow has ${flow.length} entries, expected ${m}` });
  if (potential.length !== n) report({ kind: 'shape', index: -1, message: `potential has ${potential.length} entries, expected ${n}` });
  if (violationCount > 0) return { ok: false, violationCount, violations };

  const balance = new Float64Array(n);
  for (let a = 0; a < m; a++) {
    const u = network.source[a];
    const v = network.target[a];
    const f = flow[a];
    const lo = network.lower[a];
    const up = network.upper[a];
    if (!Number.isInteger(f) || f < lo || f > up) {
      report({ kind: 'bounds', index: a, message: `arc ${a} (${u}->${v}) flow ${f} outside [${lo}, ${up}]` });
    }
    balance[u] += f;
    balance[v] -= f;
    const reduced = network.cost[a] - potential[u] + potential[v];
    if (reduced > 0 && f !== lo) {
      report({ kind: 'slackness', index: a, message: `arc ${a} (${u}->${v}) has reduced cost ${reduced} > 0 but flow ${f} above lower bound ${lo}` });
    } else if (reduced < 0 && f !== up) {
      report({ kind: 'slackness', index: a, message: `arc ${a} (${u}->${v}) has reduced cost ${reduced} < 0 but flow ${f} below capacity ${up}` });
    }
  }
  for (let v = 0; v < n; v++) {
    if (balance[v] !== network.supply[v]) {
      report({ kind: 'conservation', index: v, message: `node ${v} sends net ${balance[v]} but its supply is ${network.supply[v]}` });
    }
  }
  return { ok: violationCount === 0, violationCount, violations };
}

/** Computes sum(cost * flow) exactly with BigInt, independent of the solver's own total. */
export function computeFlowCost(network: CertifiableNetwork, flow: ArrayLike<number>): bigint {
  let total = 0n;
  // Accumulate in doubles while provably exact, flushing into BigInt often.
  let partial = 0;
  for (let a = 0; a < network.arcCount; a++) {
    const f = flow[a];
    if (f === 0) continue;
    const product = f * network.cost[a];
    if (product > 2 ** 52 || product < -(2 ** 52)) {
      total += BigInt(f) * BigInt(network.cost[a]);
      continue;
    }
    partial += product;
    if (partial > 2 ** 52 || partial < -(2 ** 52)) {
      total += BigInt(partial);
      partial = 0;
    }
  }
  return total + BigInt(partial);
}
