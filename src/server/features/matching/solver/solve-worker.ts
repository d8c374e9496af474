/**
 * Worker-thread entry: solves one part network per message and sends the
 * flow and potential buffers back as transferables (no copies).
 */
import { parentPort } from 'node:worker_threads';
import type { FlowNetwork } from './flow-network.ts';
import { solveMinCostFlow } from './network-simplex.ts';

export interface SolveRequest {
  id: number;
  network: FlowNetwork;
}

export interface SolveResponse {
  id: number;
  feasible: boolean;
  cost: number;
  pivots: number;
  flow: Int32Array;
  potential: Float64Array;
  error?: string;
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: SolveRequest) => {
    try {
      const solution = solveMinCostFlow(request.network);
      const response: SolveResponse = { id: request.id, ...solution };
      port.postMessage(response, [solution.flow.buffer as ArrayBuffer, solution.potential.buffer as ArrayBuffer]);
    } catch (error) {
      const response: SolveResponse = {
        id: request.id,
        feasible: false,
        cost: Number.NaN,
        pivots: 0,
        flow: new Int32Array(0),
        potential: new Float64Array(0),
        error: (error as Error).message,
      };
      port.postMessage(response);
    }
  });
}
