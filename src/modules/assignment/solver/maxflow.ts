/**
 * Maximum flow on ALL eligible edges: source → enterprise (capacity weight) → officer (unbounded)
 * → sink (capacity = officer capacity). Pure TypeScript (Dinic), independent of HiGHS. It decides
 * how many seats can be placed at all, so that a restricted (top-K) solve never passes off its own
 * shortfall as an infeasibility, and its residual graph yields the Hall violator (diagnose.ts).
 *
 * With all weights 1 the flow is an integral assignment. With larger weights it is a splittable
 * flow: a relaxation, so its deficit is a lower bound on the seats that cannot be placed.
 */
import type { PackedProblem } from './problem.js';

export interface FlowResult {
  /** Seats routed in total. */
  value: number;
  /** Flow on each packed edge (same indexing as edgeOfficer). */
  edgeFlow: Int32Array;
  /** Seats routed per enterprise (≤ weight). */
  routed: Int32Array;
}

export function maxFlow(p: PackedProblem): FlowResult {
  const nE = p.weight.length;
  const nO = p.capacity.length;
  const nEdges = p.edgeOfficer.length;
  const source = 0;
  const sink = nE + nO + 1;
  const nodes = nE + nO + 2;
  let totalWeight = 0;
  for (const w of p.weight) totalWeight += w;
  const unbounded = totalWeight + 1;

  // Arcs come in pairs (forward 2i, backward 2i + 1): source→enterprise, enterprise→officer
  // (one per edge, in packed order), officer→sink.
  const pairs = nE + nEdges + nO;
  const head = new Int32Array(2 * pairs);
  const tail = new Int32Array(2 * pairs);
  const cap = new Int32Array(2 * pairs);
  const setPair = (i: number, from: number, to: number, c: number) => {
    tail[2 * i] = from;
    head[2 * i] = to;
    cap[2 * i] = c;
    tail[2 * i + 1] = to;
    head[2 * i + 1] = from;
  };
  for (let e = 0; e < nE; e++) setPair(e, source, 1 + e, p.weight[e]!);
  for (let e = 0; e < nE; e++) {
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]!; k++) setPair(nE + k, 1 + e, 1 + nE + p.edgeOfficer[k]!, unbounded);
  }
  for (let o = 0; o < nO; o++) setPair(nE + nEdges + o, 1 + nE + o, sink, p.capacity[o]!);

  // Adjacency in CSR form (arcs grouped by tail node).
  const adjStart = new Int32Array(nodes + 1);
  for (let a = 0; a < tail.length; a++) adjStart[tail[a]! + 1]! += 1;
  for (let v = 0; v < nodes; v++) adjStart[v + 1]! += adjStart[v]!;
  const adj = new Int32Array(tail.length);
  const fill = adjStart.slice(0, nodes);
  for (let a = 0; a < tail.length; a++) adj[fill[tail[a]!]!++] = a;

  const push = (a: number, f: number) => {
    cap[a]! -= f;
    cap[a ^ 1]! += f;
  };

  // A greedy start (each enterprise, in index order, into its first officers with room) leaves
  // Dinic only the contested part; it does not change the maximum.
  for (let e = 0; e < nE; e++) {
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]! && cap[2 * e]! > 0; k++) {
      const sinkArc = 2 * (nE + nEdges + p.edgeOfficer[k]!);
      const f = Math.min(cap[2 * e]!, cap[sinkArc]!);
      if (f > 0) {
        push(2 * e, f);
        push(2 * (nE + k), f);
        push(sinkArc, f);
      }
    }
  }

  const level = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const next = new Int32Array(nodes);
  const pathArc = new Int32Array(nodes);
  const pathNode = new Int32Array(nodes);

  const buildLevels = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let qHead = 0;
    let qTail = 0;
    queue[qTail++] = source;
    while (qHead < qTail) {
      const v = queue[qHead++]!;
      for (let i = adjStart[v]!; i < adjStart[v + 1]!; i++) {
        const a = adj[i]!;
        const w = head[a]!;
        if (cap[a]! > 0 && level[w]! < 0) {
          level[w] = level[v]! + 1;
          queue[qTail++] = w;
        }
      }
    }
    return level[sink]! >= 0;
  };

  // Blocking flow with an explicit stack (alternating paths can be long); after each augmentation
  // the search resumes from the tail of the first saturated arc.
  const blockingFlow = () => {
    next.set(adjStart.subarray(0, nodes));
    let v = source;
    let depth = 0;
    for (;;) {
      if (v === sink) {
        let f = Infinity;
        for (let d = 0; d < depth; d++) f = Math.min(f, cap[pathArc[d]!]!);
        let retreat = -1;
        for (let d = 0; d < depth; d++) {
          push(pathArc[d]!, f);
          if (retreat < 0 && cap[pathArc[d]!] === 0) retreat = d;
        }
        depth = retreat;
        v = pathNode[depth]!;
        continue;
      }
      let advanced = false;
      while (next[v]! < adjStart[v + 1]!) {
        const a = adj[next[v]!]!;
        const w = head[a]!;
        if (cap[a]! > 0 && level[w] === level[v]! + 1) {
          pathArc[depth] = a;
          pathNode[depth] = v;
          depth += 1;
          v = w;
          advanced = true;
          break;
        }
        next[v]! += 1;
      }
      if (advanced) continue;
      level[v] = -1; // dead end for the rest of this phase
      if (depth === 0) return;
      depth -= 1;
      v = pathNode[depth]!;
      next[v]! += 1;
    }
  };

  while (buildLevels()) blockingFlow();

  const edgeFlow = new Int32Array(nEdges);
  for (let k = 0; k < nEdges; k++) edgeFlow[k] = cap[2 * (nE + k) + 1]!;
  const routed = new Int32Array(nE);
  let value = 0;
  for (let e = 0; e < nE; e++) {
    routed[e] = cap[2 * e + 1]!;
    value += routed[e]!;
  }
  return { value, edgeFlow, routed };
}
