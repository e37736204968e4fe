/**
 * Why not everyone can be placed: a Hall violator read off the residual graph of the maximum flow
 * on ALL eligible edges (maxflow.ts).
 *
 * Start from every enterprise the flow could not route completely and alternate: enterprise → all
 * its eligible officers; officer → the enterprises whose flow it carries. Call the reached
 * enterprises S and the reached officers N. N is exactly the set of officers eligible for some
 * enterprise in S (N(S)), every officer in N is full (otherwise the flow would have an augmenting
 * path), and all the flow into N comes from S. Hence
 *
 *   capacity(N(S)) = flow out of S < demand(S),
 *
 * strictly, because S contains an enterprise that is not fully routed. (S is the source side of
 * the minimum cut closest to the source, the same for every maximum flow: the diagnosis does not
 * depend on which optimal assignment the solver happened to return.) Each connected component of
 * S ∪ N(S) is a violator on its own.
 *
 * The report is S split by `group`. For a group g: enterprises = |S ∩ g|, demand = their total
 * weight, officers = N(S ∩ g) (the officers eligible for those enterprises) and capacity = the
 * seats of all those officers, each counted once per group. An officer eligible for enterprises of
 * two groups counts in both, so per-group capacities must not be added up; the violation
 * (demand > capacity) is guaranteed for the union of the reported groups with the union of their
 * officers, and for a group on its own only when it shares no officer with another reported group.
 *
 * Enterprises without any eligible officer are reported separately (noEligibleOfficer) and kept
 * out of S: they would only add groups with capacity 0.
 *
 * With weights > 1 the flow is splittable, so it can route every seat while whole enterprises
 * still do not fit (seats scattered over officers). Then there is no Hall violator: `shortfalls`
 * is empty although some enterprises are unassigned.
 */
import type { FlowResult } from './maxflow.js';
import type { PackedProblem, SolverGroupShortfall } from './problem.js';

export interface Diagnosis {
  noEligibleOfficer: number[];
  shortfalls: SolverGroupShortfall[];
}

export function enterprisesWithoutEdges(p: PackedProblem): number[] {
  const out: number[] = [];
  for (let e = 0; e + 1 < p.edgeStart.length; e++) if (p.edgeStart[e] === p.edgeStart[e + 1]) out.push(e);
  return out;
}

/** Enterprise sets for each officer, from the flow: which enterprises send it flow. */
function flowByOfficer(p: PackedProblem, flow: FlowResult): { start: Int32Array; enterprise: Int32Array } {
  const nO = p.capacity.length;
  const nE = p.weight.length;
  const start = new Int32Array(nO + 1);
  for (let k = 0; k < flow.edgeFlow.length; k++) if (flow.edgeFlow[k]! > 0) start[p.edgeOfficer[k]! + 1]! += 1;
  for (let o = 0; o < nO; o++) start[o + 1]! += start[o]!;
  const fill = start.slice(0, nO);
  const enterprise = new Int32Array(start[nO]!);
  for (let e = 0; e < nE; e++) {
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]!; k++) if (flow.edgeFlow[k]! > 0) enterprise[fill[p.edgeOfficer[k]!]!++] = e;
  }
  return { start, enterprise };
}

/** The reached sets S (enterprises) and N(S) (officers) as membership masks. */
export function hallViolator(p: PackedProblem, flow: FlowResult): { enterprises: Uint8Array; officers: Uint8Array } {
  const nE = p.weight.length;
  const nO = p.capacity.length;
  const inS = new Uint8Array(nE);
  const inN = new Uint8Array(nO);
  const carried = flowByOfficer(p, flow);
  const stack: number[] = [];
  for (let e = 0; e < nE; e++) {
    if (flow.routed[e]! < p.weight[e]! && p.edgeStart[e]! < p.edgeStart[e + 1]!) {
      inS[e] = 1;
      stack.push(e);
    }
  }
  while (stack.length > 0) {
    const e = stack.pop()!;
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]!; k++) {
      const o = p.edgeOfficer[k]!;
      if (inN[o]) continue;
      inN[o] = 1;
      for (let i = carried.start[o]!; i < carried.start[o + 1]!; i++) {
        const next = carried.enterprise[i]!;
        if (!inS[next]) {
          inS[next] = 1;
          stack.push(next);
        }
      }
    }
  }
  return { enterprises: inS, officers: inN };
}

export function diagnose(p: PackedProblem, flow: FlowResult): Diagnosis {
  const { enterprises: inS } = hallViolator(p, flow);
  const byGroup = new Map<number, { enterprises: number; demand: number; officers: Set<number> }>();
  for (let e = 0; e < inS.length; e++) {
    if (!inS[e]) continue;
    const g = p.group[e]!;
    let entry = byGroup.get(g);
    if (!entry) {
      entry = { enterprises: 0, demand: 0, officers: new Set() };
      byGroup.set(g, entry);
    }
    entry.enterprises += 1;
    entry.demand += p.weight[e]!;
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]!; k++) entry.officers.add(p.edgeOfficer[k]!);
  }
  const shortfalls: SolverGroupShortfall[] = [...byGroup].map(([g, entry]) => {
    const officers = [...entry.officers].sort((a, b) => a - b);
    return {
      group: p.groupNames[g]!,
      enterprises: entry.enterprises,
      demand: entry.demand,
      capacity: officers.reduce((sum, o) => sum + p.capacity[o]!, 0),
      officers: officers.map((o) => p.officerKeys[o]!),
    };
  });
  // Largest deficit first; group code as the tie-break keeps the order deterministic.
  shortfalls.sort((a, b) => b.demand - b.capacity - (a.demand - a.capacity) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  return { noEligibleOfficer: enterprisesWithoutEdges(p), shortfalls };
}
