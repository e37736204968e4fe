/**
 * Candidate edges: the LP over every eligible pair (≈ 1.5 M for 5,000 × 300) is far too big, and
 * an enterprise's tenth-best officer is rarely part of the optimum. Each enterprise keeps its K
 * best edges (score descending, lower officer index first on ties) plus the edge to its current
 * officer. solve.ts widens the set when this restriction, rather than capacity, leaves someone out.
 */
import type { PackedProblem } from './problem.js';

/** Mask over packed edges: 1 = candidate. */
export function topCandidates(p: PackedProblem, k: number): Uint8Array {
  const mask = new Uint8Array(p.edgeOfficer.length);
  for (let e = 0; e + 1 < p.edgeStart.length; e++) {
    bestEdgesOf(p, e, k, null, mask);
    const current = p.current[e]!;
    if (current >= 0) {
      for (let edge = p.edgeStart[e]!; edge < p.edgeStart[e + 1]!; edge++) if (p.edgeOfficer[edge] === current) mask[edge] = 1;
    }
  }
  return mask;
}

/** Marks in `into` the k best edges of enterprise e among those `allowed` (all when null). */
export function bestEdgesOf(p: PackedProblem, e: number, k: number, allowed: ((edge: number) => boolean) | null, into: Uint8Array): void {
  const from = p.edgeStart[e]!;
  const to = p.edgeStart[e + 1]!;
  if (!allowed && to - from <= k) {
    into.fill(1, from, to);
    return;
  }
  // Insertion into a sorted buffer of the k best so far. Edges arrive by ascending officer, so a
  // later edge displaces an earlier one only with a strictly higher score: ties go to the lower
  // officer index.
  const best = new Int32Array(k);
  let size = 0;
  for (let edge = from; edge < to; edge++) {
    if (allowed && !allowed(edge)) continue;
    const score = p.edgeScore[edge]!;
    if (size === k && score <= p.edgeScore[best[k - 1]!]!) continue;
    let at = size < k ? size++ : k - 1;
    while (at > 0 && p.edgeScore[best[at - 1]!]! < score) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = edge;
  }
  for (let i = 0; i < size; i++) into[best[i]!] = 1;
}

/** Adds every edge of the given enterprises to the mask. */
export function addAllEdgesOf(p: PackedProblem, mask: Uint8Array, enterprises: Iterable<number>): void {
  for (const e of enterprises) mask.fill(1, p.edgeStart[e]!, p.edgeStart[e + 1]!);
}
