/**
 * Test-side helpers for the solver tests: random instances, and checks written independently of
 * the solver (brute-force enumeration, an Edmonds–Karp max flow on a capacity matrix).
 */
import { Random } from '../../../seeds/random.js';
import fc from 'fast-check';
import type { SolverEdge, SolverOptions, SolverProblem, SolverResult } from '../../../src/modules/assignment/solver/problem.js';

export interface Instance {
  problem: SolverProblem;
  options: Partial<SolverOptions>;
}

/** Random instances: every pair is an edge unless conflicted (about one in `conflictOneIn`). */
export function instanceArbitrary(limits: { enterprises: number; minEnterprises?: number; officers: number; maxWeight: number; maxCapacity: number; conflictOneIn?: number; kOptions?: number[] }): fc.Arbitrary<Instance> {
  return fc.integer({ min: Math.min(2, limits.officers), max: limits.officers }).chain((nO) =>
    fc
      .record({
        capacities: fc.array(fc.integer({ min: 0, max: limits.maxCapacity }), { minLength: nO, maxLength: nO }),
        enterprises: fc.array(
          fc.record({
            weight: fc.integer({ min: 1, max: limits.maxWeight }),
            current: fc.option(fc.integer({ min: 0, max: nO - 1 }), { nil: null }),
            group: fc.constantFrom('11', '54', '65'),
            scores: fc.array(fc.option(fc.integer({ min: 0, max: 400 }).map((q) => q / 4), { nil: null, freq: limits.conflictOneIn ?? 4 }), { minLength: nO, maxLength: nO }),
          }),
          { minLength: limits.minEnterprises ?? 1, maxLength: limits.enterprises, size: 'max' },
        ),
        stabilityWeight: fc.constantFrom(0, 10, 60),
        balanceWeight: fc.constantFrom(0, 5, 17),
        candidatesPerEnterprise: fc.constantFrom(...(limits.kOptions ?? [10])),
      })
      .map(({ capacities, enterprises, stabilityWeight, balanceWeight, candidatesPerEnterprise }) => {
        const edges: SolverEdge[] = [];
        enterprises.forEach((e, i) => e.scores.forEach((score, o) => score !== null && edges.push({ enterprise: i, officer: o, score })));
        return {
          problem: {
            officers: capacities.map((capacity, o) => ({ key: `o${o}`, capacity })),
            enterprises: enterprises.map((e, i) => ({ key: `e${i}`, weight: e.weight, current: e.current, group: e.group })),
            edges,
          },
          options: { stabilityWeight, balanceWeight, candidatesPerEnterprise },
        };
      }),
  );
}

/** The edges as objects, whichever form the problem carries them in. */
export function edgesOf(problem: SolverProblem): readonly SolverEdge[] {
  const edges = problem.edges;
  if (!('score' in edges)) return edges;
  return Array.from(edges.score, (score, i) => ({ enterprise: edges.enterprise[i]!, officer: edges.officer[i]!, score }));
}

/** Officer lists per enterprise, from the edge list. */
export function eligibleOfficers(problem: SolverProblem): number[][] {
  const out = problem.enterprises.map(() => [] as number[]);
  for (const edge of edgesOf(problem)) out[edge.enterprise]!.push(edge.officer);
  return out;
}

/**
 * Every feasible assignment (capacity respected, only edges; -1 = unassigned), depth first.
 * Calls visit with the same array, mutated in place.
 */
export function enumerateAssignments(problem: SolverProblem, visit: (assignment: readonly number[]) => void): void {
  const eligible = eligibleOfficers(problem);
  const room = problem.officers.map((o) => o.capacity);
  const assignment = problem.enterprises.map(() => -1);
  const step = (e: number) => {
    if (e === assignment.length) {
      visit(assignment);
      return;
    }
    assignment[e] = -1;
    step(e + 1);
    const w = problem.enterprises[e]!.weight;
    for (const o of eligible[e]!) {
      if (room[o]! < w) continue;
      room[o]! -= w;
      assignment[e] = o;
      step(e + 1);
      room[o]! += w;
    }
    assignment[e] = -1;
  };
  step(0);
}

/**
 * Maximum (splittable) flow source → enterprise (weight) → eligible officer → sink (capacity), by
 * Edmonds–Karp on a dense capacity matrix. With all weights 1 it is the size of a maximum
 * capacitated matching.
 */
export function independentMaxFlow(problem: SolverProblem): number {
  const nE = problem.enterprises.length;
  const nO = problem.officers.length;
  const n = nE + nO + 2;
  const s = nE + nO;
  const t = s + 1;
  const cap = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  problem.enterprises.forEach((e, i) => (cap[s]![i] = e.weight));
  for (const edge of edgesOf(problem)) cap[edge.enterprise]![nE + edge.officer] = Number.MAX_SAFE_INTEGER;
  problem.officers.forEach((o, j) => (cap[nE + j]![t] = o.capacity));
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(n).fill(-1);
    parent[s] = s;
    const queue = [s];
    while (queue.length > 0 && parent[t] === -1) {
      const v = queue.shift()!;
      for (let w = 0; w < n; w++) {
        if (parent[w] === -1 && cap[v]![w]! > 0) {
          parent[w] = v;
          queue.push(w);
        }
      }
    }
    if (parent[t] === -1) return flow;
    let f = Infinity;
    for (let v = t; v !== s; v = parent[v]!) f = Math.min(f, cap[parent[v]!]![v]!);
    for (let v = t; v !== s; v = parent[v]!) {
      cap[parent[v]!]![v]! -= f;
      cap[v]![parent[v]!]! += f;
    }
    flow += f;
  }
}

/** The structural invariants every result must satisfy. Returns the officers' loads. */
export function checkResult(problem: SolverProblem, result: SolverResult): number[] {
  const eligible = eligibleOfficers(problem).map((list) => new Set(list));
  const load = problem.officers.map(() => 0);
  if (result.assignment.length !== problem.enterprises.length) throw new Error('assignment has the wrong length');
  result.assignment.forEach((o, e) => {
    if (o === -1) return;
    if (!eligible[e]!.has(o)) throw new Error(`enterprise ${e} placed on officer ${o} without an edge`);
    load[o]! += problem.enterprises[e]!.weight;
  });
  load.forEach((l, o) => {
    if (l > problem.officers[o]!.capacity) throw new Error(`officer ${o} overfilled: ${l} > ${problem.officers[o]!.capacity}`);
  });
  const unassigned = result.assignment.flatMap((o, e) => (o === -1 ? [e] : []));
  if (JSON.stringify(unassigned) !== JSON.stringify(result.unassigned)) throw new Error('unassigned list disagrees with the assignment');
  if ((result.status === 'OPTIMAL') !== (unassigned.length === 0)) throw new Error(`status ${result.status} with ${unassigned.length} unassigned`);
  const noEdge = eligible.flatMap((set, e) => (set.size === 0 ? [e] : []));
  if (result.status === 'INFEASIBLE' && JSON.stringify(noEdge) !== JSON.stringify(result.noEligibleOfficer)) throw new Error('noEligibleOfficer is wrong');
  return load;
}

/** A deterministic PRNG for the larger fixed instances (the demo data's mulberry32, seeds/random.ts). */
export function prng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

/**
 * A plan-like instance: officers and enterprises spread over regions, a strong score for a
 * same-region pair, a few percent of pairs conflicted, capacities summing to `slack` × demand.
 */
export function regionalInstance(nE: number, nO: number, opts: { seed: number; slack?: number; conflict?: number; regions?: number }): SolverProblem {
  const random = prng(opts.seed);
  const regions = opts.regions ?? 8;
  const conflict = opts.conflict ?? 0.02;
  const slack = opts.slack ?? 1.2;
  const shares = Array.from({ length: nO }, () => 0.75 + random() * 0.5);
  const total = shares.reduce((a, b) => a + b, 0);
  const officers = shares.map((share, o) => ({ key: `o${o}`, capacity: Math.max(1, Math.round((share / total) * nE * slack)) }));
  const enterprises = Array.from({ length: nE }, (_, e) => ({ key: `e${e}`, weight: 1, current: null as number | null, group: String(10 + Math.floor(random() * regions)) }));
  const n = nE * nO;
  const enterprise = new Int32Array(n);
  const officer = new Int32Array(n);
  const score = new Float64Array(n);
  let m = 0;
  for (let e = 0; e < nE; e++) {
    const region = Number(enterprises[e]!.group) - 10;
    for (let o = 0; o < nO; o++) {
      if (random() < conflict) continue;
      enterprise[m] = e;
      officer[m] = o;
      score[m++] = (o % regions === region ? 60 : 0) + Math.round(random() * 40);
    }
  }
  return { officers, enterprises, edges: { enterprise: enterprise.slice(0, m), officer: officer.slice(0, m), score: score.slice(0, m) } };
}
