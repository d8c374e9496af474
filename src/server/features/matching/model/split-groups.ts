// Splits a solved aggregated network's flow among individual cadres. Every cadre of a sender may take
// every point the sender's flow reaches (home groups reach their home township only through blocks and points that
// leave their village out), so any split is a valid plan of the same cost. Down each hub, the
// cadres arriving at a node are handed on to its children as the flow says.
//
// Province scale (3 million arcs, 150,000 cadres) is why it works in typed arrays: the arcs with flow in
// one pass, the tree arcs grouped by tail with a counting sort, and the cadres waiting at each node in a
// first-in-first-out list threaded through typed arrays.
import { arcKind, type AssignedPosting, type MatchingNetwork } from './matching-network.ts';

export interface SplitResult {
  postings: AssignedPosting[];
  unplaced: { cadreIndex: number; amount: number }[];
}

export function splitGroups(network: MatchingNetwork, flow: Int32Array): SplitResult {
  const { arcs, senders } = network;
  const postings: AssignedPosting[] = [];
  const unplaced: SplitResult['unplaced'] = [];
  const nodeCount = network.nodeCount;
  const cadreCount = network.input.cadres.length;
  // Entries into the trees (sender arcs with flow), stayers' direct arcs with flow, tree arcs with flow.
  const entryArcs: number[] = [];
  const stayArcs: number[] = [];
  const treeArcs: number[] = [];
  const slack = new Int32Array(senders.length);
  for (let arc = 0; arc < arcs.length; arc += 1) {
    if (flow[arc] <= 0) continue;
    const kind = arcs.kind[arc];
    if (kind === arcKind.candidate) {
      const sender = senders[arcs.ref[arc]];
      if (sender.stayers) stayArcs.push(arc);
      else postings.push({ cadreIndex: sender.members[0], pointIndex: arcs.point[arc] });
    } else if (kind === arcKind.toHub) entryArcs.push(arc);
    else if (kind === arcKind.hubToTarget || kind === arcKind.treeArc) treeArcs.push(arc);
    else if (kind === arcKind.unplacedSlack) slack[arcs.ref[arc]] = flow[arc];
  }

  // A group's direct arc to a previous point goes to members who were there (so that as few as possible
  // move); everyone else of the sender waits in its pool for the hub arcs.
  const stayed = new Uint8Array(cadreCount);
  let anyStayed = false;
  for (const arc of stayArcs) {
    const pointIndex = arcs.point[arc];
    const staying = senders[arcs.ref[arc]].stayers!.get(pointIndex)!;
    const amount = Math.min(flow[arc], staying.length);
    for (let index = 0; index < amount; index += 1) {
      postings.push({ cadreIndex: staying[index], pointIndex });
      stayed[staying[index]] = 1;
      anyStayed = true;
    }
  }
  const pools = new Map<number, number[]>();
  const poolOf = (senderIndex: number): number[] => {
    const sender = senders[senderIndex];
    if (!anyStayed || !sender.stayers) return sender.members;
    let pool = pools.get(senderIndex);
    if (!pool) pools.set(senderIndex, (pool = sender.members.filter((member) => stayed[member] === 0)));
    return pool;
  };

  // Cadres waiting at each node, first in first out, as items (a leader enters several trees at once, one
  // item each): head and tail item by node, each item's cadre and next item. An item handed down keeps its slot.
  let units = 0;
  for (const arc of entryArcs) units += flow[arc];
  const head = new Int32Array(nodeCount).fill(-1);
  const tail = new Int32Array(nodeCount).fill(-1);
  const itemCadre = new Int32Array(units);
  const next = new Int32Array(units).fill(-1);
  let items = 0;
  const enqueue = (node: number, item: number) => {
    next[item] = -1;
    if (head[node] < 0) head[node] = item;
    else next[tail[node]] = item;
    tail[node] = item;
  };
  const wait = (node: number, cadreIndex: number) => {
    itemCadre[items] = cadreIndex;
    enqueue(node, items++);
  };

  // Into the trees: as many cadres as each entry arc carries (leaders and singles carry themselves).
  const taken = new Int32Array(senders.length);
  for (const arc of entryArcs) {
    const senderIndex = arcs.ref[arc];
    const sender = senders[senderIndex];
    const node = arcs.target[arc];
    // A cover arc straight into a point's target: that point.
    const point = arcs.point[arc];
    const isGroup = sender.kind === 'group' || sender.kind === 'home';
    const members = poolOf(senderIndex);
    const from = isGroup ? taken[senderIndex] : 0;
    const end = isGroup ? Math.min(members.length, from + flow[arc]) : Math.min(members.length, 1);
    if (isGroup) taken[senderIndex] = from + flow[arc];
    for (let index = from; index < end; index += 1) {
      if (point >= 0) postings.push({ cadreIndex: members[index], pointIndex: point });
      else wait(node, members[index]);
    }
  }
  senders.forEach((sender, senderIndex) => {
    const missing = slack[senderIndex];
    if (missing <= 0) return;
    if (sender.kind === 'group' || sender.kind === 'home') {
      const members = poolOf(senderIndex);
      for (let index = taken[senderIndex]; index < members.length; index += 1) unplaced.push({ cadreIndex: members[index], amount: 1 });
    } else unplaced.push({ cadreIndex: sender.members[0], amount: missing });
  });

  // Down the trees: a child's node number is above its parent's, so in increasing node order every node
  // has all its cadres before it hands them on along its arcs with flow (in arc order).
  const start = new Int32Array(nodeCount + 1);
  for (const arc of treeArcs) start[arcs.source[arc] + 1] += 1;
  for (let node = 0; node < nodeCount; node += 1) start[node + 1] += start[node];
  const byTail = new Int32Array(treeArcs.length);
  const fill = start.slice(0, nodeCount);
  for (const arc of treeArcs) byTail[fill[arcs.source[arc]]++] = arc;
  for (let node = 0; node < nodeCount; node += 1) {
    let item = head[node];
    for (let slot = start[node]; slot < start[node + 1]; slot += 1) {
      const arc = byTail[slot];
      const isPoint = arcs.kind[arc] === arcKind.hubToTarget;
      for (let handed = 0; handed < flow[arc] && item >= 0; handed += 1) {
        const following = next[item];
        if (isPoint) postings.push({ cadreIndex: itemCadre[item], pointIndex: arcs.point[arc] });
        else enqueue(arcs.target[arc], item);
        item = following;
      }
    }
  }
  return { postings, unplaced };
}
