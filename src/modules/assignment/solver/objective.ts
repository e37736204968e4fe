/**
 * The objective, defined once: the LP/MIP (model.ts) is built from these functions, and
 * `assignmentObjective` evaluates any complete assignment with the same definition (tests compare
 * the solver against a brute force through it; the reported `objective` comes from it too).
 *
 *   maximise  Σ_e gain(e, a_e)  −  Σ_o penalty_o(load_o)  −  M · #unassigned
 *
 *   gain(e, o)     = score(e, o) + stabilityWeight · [o = current_e]
 *   load_o         = Σ_{e: a_e = o} weight_e
 *   D              = Σ_e weight_e  (all enterprises, eligible or not)
 *   C              = Σ_o capacity_o
 *   target_o       = ⌈D · capacity_o / C⌉  (0 when C = 0), in exact integer arithmetic
 *   upper_o        = target_o + ⌈target_o / 4⌉   (= ⌈1.25 · target_o⌉)
 *   penalty_o(L)   = balanceWeight · (min(L, upper_o) − target_o)⁺ + 3 · balanceWeight · (L − upper_o)⁺
 *
 * penalty_o is convex piecewise linear (slopes 0, b, 3b), so in the LP the officer's load is split
 * into three parallel arcs with increasing cost; the optimum fills them in order.
 *
 * M must make one more placed enterprise worth more than any change in the rest of the objective.
 * Every gain is ≥ 0 and every penalty ≤ penalty_o(capacity_o), so the rest of the objective lies in
 * [−Σ_o penalty_o(capacity_o), Σ_e max_o gain(e, o)] and
 *
 *   M = 1 + Σ_e max_o gain(e, o) + Σ_o penalty_o(capacity_o)
 *
 * exceeds its whole range: the optimum first maximises how many are placed, then the fit.
 */
import { packProblem, resolveOptions, type PackedProblem, type SolverOptions, type SolverProblem } from './problem.js';

export interface BalanceTargets {
  target: Int32Array;
  upper: Int32Array;
}

export function balanceTargets(p: PackedProblem): BalanceTargets {
  const nO = p.capacity.length;
  let demand = 0;
  for (const w of p.weight) demand += w;
  let capacity = 0;
  for (const c of p.capacity) capacity += c;
  const target = new Int32Array(nO);
  const upper = new Int32Array(nO);
  for (let o = 0; o < nO; o++) {
    // demand and capacity are < 2^29 (problem.ts), so the product is exact in a double.
    const t = capacity > 0 ? Math.floor((demand * p.capacity[o]! + capacity - 1) / capacity) : 0;
    target[o] = t;
    upper[o] = t + Math.floor((t + 3) / 4);
  }
  return { target, upper };
}

export function loadPenalty(load: number, target: number, upper: number, balanceWeight: number): number {
  return balanceWeight * Math.max(0, Math.min(load, upper) - target) + 3 * balanceWeight * Math.max(0, load - upper);
}

export function edgeGain(p: PackedProblem, options: SolverOptions, enterprise: number, edge: number): number {
  const keep = p.edgeOfficer[edge] === p.current[enterprise] ? options.stabilityWeight : 0;
  return p.edgeScore[edge]! + keep;
}

export function bigM(p: PackedProblem, options: SolverOptions, targets: BalanceTargets): number {
  let m = 1;
  for (let e = 0; e + 1 < p.edgeStart.length; e++) {
    let best = 0;
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]!; k++) best = Math.max(best, edgeGain(p, options, e, k));
    m += best;
  }
  for (let o = 0; o < p.capacity.length; o++) m += loadPenalty(p.capacity[o]!, targets.target[o]!, targets.upper[o]!, options.balanceWeight);
  return m;
}

/** Index of the edge enterprise → officer, or -1 (each slice is sorted by officer). */
export function findEdge(p: PackedProblem, enterprise: number, officer: number): number {
  let lo = p.edgeStart[enterprise]!;
  let hi = p.edgeStart[enterprise + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const o = p.edgeOfficer[mid]!;
    if (o === officer) return mid;
    if (o < officer) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Objective of an assignment (officer index or -1 per enterprise). Throws if it uses a non-edge or overfills an officer. */
export function packedObjective(
  p: PackedProblem,
  options: SolverOptions,
  assignment: ArrayLike<number>,
  targets = balanceTargets(p),
  m = bigM(p, options, targets),
): number {
  const nE = p.weight.length;
  if (assignment.length !== nE) throw new RangeError(`assignment has ${assignment.length} entries for ${nE} enterprises`);
  const load = new Float64Array(p.capacity.length);
  let gain = 0;
  let unassigned = 0;
  for (let e = 0; e < nE; e++) {
    const o = assignment[e]!;
    if (o === -1) {
      unassigned += 1;
      continue;
    }
    const edge = findEdge(p, e, o);
    if (edge < 0) throw new RangeError(`enterprise ${e} is assigned to officer ${o}, which is not one of its edges`);
    gain += edgeGain(p, options, e, edge);
    load[o]! += p.weight[e]!;
  }
  let penalty = 0;
  for (let o = 0; o < load.length; o++) {
    if (load[o]! > p.capacity[o]!) throw new RangeError(`officer ${o} has load ${load[o]} above its capacity ${p.capacity[o]}`);
    penalty += loadPenalty(load[o]!, targets.target[o]!, targets.upper[o]!, options.balanceWeight);
  }
  return gain - penalty - m * unassigned;
}

/**
 * The objective of objective.ts for one problem, as a function of the assignment (officer index or
 * -1 per enterprise); throws for an assignment that uses a non-edge or overfills an officer.
 */
export function createObjective(problem: SolverProblem, options: Partial<SolverOptions> = {}): (assignment: readonly number[]) => number {
  const p = packProblem(problem);
  const resolved = resolveOptions(options);
  const targets = balanceTargets(p);
  const m = bigM(p, resolved, targets);
  return (assignment) => packedObjective(p, resolved, assignment, targets, m);
}

export function assignmentObjective(problem: SolverProblem, options: Partial<SolverOptions>, assignment: readonly number[]): number {
  return createObjective(problem, options)(assignment);
}
