/**
 * Shared shape of a min-cost-flow network held in flat typed arrays.
 *
 * Nodes are 0-based. Supplies follow DIMACS semantics: a positive supply is a
 * source, a negative one a demand, and supplies must sum to zero for a
 * feasible flow. Capacities, bounds and supplies are 32-bit integers; costs
 * are integer-valued doubles so that sums stay exact up to 2^53.
 */
export interface FlowNetwork {
  nodeCount: number;
  arcCount: number;
  source: Int32Array;
  target: Int32Array;
  lower: Int32Array;
  upper: Int32Array;
  cost: Float64Array;
  supply: Int32Array;
}

/** Outcome of an exact min-cost-flow solve on the original arc indexing. */
export interface MinCostFlowSolution {
  feasible: boolean;
  /** Objective sum(cost * flow) over all arcs; NaN when infeasible. */
  cost: number;
  /** Flow per original arc, lower bound included. */
  flow: Int32Array;
  /**
   * Node potentials p such that reduced cost c_ij - p_i + p_j is >= 0 on arcs
   * at their lower bound, <= 0 on arcs at their capacity and 0 in between.
   */
  potential: Float64Array;
  /** Number of simplex pivots (summed over parts when decomposed). */
  pivots: number;
}

/** Allocates an empty network with room for the given node and arc counts. */
export function createFlowNetwork(nodeCount: number, arcCount: number): FlowNetwork {
  return {
    nodeCount,
    arcCount,
    source: new Int32Array(arcCount),
    target: new Int32Array(arcCount),
    lower: new Int32Array(arcCount),
    upper: new Int32Array(arcCount),
    cost: new Float64Array(arcCount),
    supply: new Int32Array(nodeCount),
  };
}
