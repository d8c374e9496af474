// Splits a solved aggregated network's flow among individual cadres. Every cadre of a sender may take
// every point the sender's flow reaches (home groups reach their home township only through blocks and points that
// leave their village out), so any split is a valid plan of the same cost. Down each hub, the
// cadres arriving at a node are handed on to its children as the flow says.
import { arcKind, type AssignedPosting, type MatchingNetwork } from './matching-network.ts';

export interface SplitResult {
  postings: AssignedPosting[];
  unplaced: { cadreIndex: number; amount: number }[];
}

export function splitGroups(network: MatchingNetwork, flow: Int32Array): SplitResult {
  const { arcs, senders } = network;
  const postings: AssignedPosting[] = [];
  const unplaced: SplitResult['unplaced'] = [];
  // Cadres waiting at a node (a tree node, or a point's target), and each node's outgoing tree arcs with flow.
  const waiting = new Map<number, number[]>();
  const down = new Map<number, { arc: number; amount: number }[]>();
  const entries: { sender: number; node: number; amount: number }[] = [];
  const stayFlows: { sender: number; pointIndex: number; amount: number }[] = [];
  const slack = new Map<number, number>();
  const directPoint = new Map<string, number>();

  for (let arc = 0; arc < arcs.length; arc += 1) {
    const amount = flow[arc];
    const kind = arcs.kind[arc];
    if (amount <= 0) continue;
    if (kind === arcKind.candidate) {
      const sender = senders[arcs.ref[arc]];
      if (sender.stayers) stayFlows.push({ sender: arcs.ref[arc], pointIndex: arcs.point[arc], amount });
      else postings.push({ cadreIndex: sender.members[0], pointIndex: arcs.point[arc] });
    } else if (kind === arcKind.toHub) {
      entries.push({ sender: arcs.ref[arc], node: arcs.target[arc], amount });
      // A cover arc straight into a point's target: that point.
      if (arcs.point[arc] >= 0) directPoint.set(`${arcs.ref[arc]}:${arcs.target[arc]}`, arcs.point[arc]);
    } else if (kind === arcKind.hubToTarget || kind === arcKind.treeArc) {
      (down.get(arcs.source[arc]) ?? down.set(arcs.source[arc], []).get(arcs.source[arc])!).push({ arc, amount });
    } else if (kind === arcKind.unplacedSlack) slack.set(arcs.ref[arc], amount);
  }

  // A group's direct arc to a previous point goes to members who were there (so that as few as possible
  // move); everyone else of the sender waits in its pool for the hub arcs.
  const stayed = new Set<number>();
  for (const { sender, pointIndex, amount } of stayFlows) {
    for (const member of senders[sender].stayers!.get(pointIndex)!.slice(0, amount)) {
      postings.push({ cadreIndex: member, pointIndex });
      stayed.add(member);
    }
  }
  const pool = new Map<number, number[]>();
  senders.forEach((sender, senderIndex) => pool.set(senderIndex, stayed.size > 0 && sender.stayers ? sender.members.filter((member) => !stayed.has(member)) : sender.members));

  // Into the trees: as many cadres as each entry arc carries (leaders and singles carry themselves).
  const taken = new Map<number, number>();
  for (const { sender, node, amount } of entries) {
    const members = pool.get(sender)!;
    const from = senders[sender].kind === 'group' || senders[sender].kind === 'home' ? (taken.get(sender) ?? 0) : 0;
    const arriving = senders[sender].kind === 'group' || senders[sender].kind === 'home' ? members.slice(from, from + amount) : [members[0]];
    taken.set(sender, from + amount);
    const point = directPoint.get(`${sender}:${node}`);
    if (point !== undefined) for (const cadreIndex of arriving) postings.push({ cadreIndex, pointIndex: point });
    else (waiting.get(node) ?? waiting.set(node, []).get(node)!).push(...arriving);
  }
  senders.forEach((sender, senderIndex) => {
    const missing = slack.get(senderIndex) ?? 0;
    if (missing <= 0) return;
    if (sender.kind === 'group' || sender.kind === 'home') {
      const members = pool.get(senderIndex)!;
      for (const member of members.slice(taken.get(senderIndex) ?? 0)) unplaced.push({ cadreIndex: member, amount: 1 });
    } else unplaced.push({ cadreIndex: sender.members[0], amount: missing });
  });

  // Down the trees: a child's node number is above its parent's, so in increasing node order every node
  // has all its cadres before it hands them on along its arcs with flow.
  for (const node of [...down.keys()].sort((x, y) => x - y)) {
    const cadres = waiting.get(node) ?? [];
    let next = 0;
    for (const { arc, amount } of down.get(node)!) {
      const handed = cadres.slice(next, next + amount);
      next += amount;
      if (arcs.kind[arc] === arcKind.hubToTarget) for (const cadreIndex of handed) postings.push({ cadreIndex, pointIndex: arcs.point[arc] });
      else (waiting.get(arcs.target[arc]) ?? waiting.set(arcs.target[arc], []).get(arcs.target[arc])!).push(...handed);
    }
  }
  return { postings, unplaced };
}
