/**
 * The solve itself, on one thread: candidate edges → LP (→ MIP when the LP optimum is fractional)
 * → widen the candidates when they, not capacity, left someone out → diagnosis.
 *
 * Rounds. Round 1 uses the top-K candidates. If it leaves enterprises out, the maximum flow on ALL
 * eligible edges (maxflow.ts) says how many seats can be placed at all. When the round placed
 * fewer, round 2 adds the edges carrying that flow and every edge of the enterprises left out.
 * With all weights 1 the flow is itself an assignment inside round 2's candidates, so round 2
 * places as many as any assignment can: top-K never creates a false infeasibility. With weights
 * > 1 (a packing problem, where the splittable flow is only a bound) a round 3 over all edges
 * follows if still needed, as long as the problem is small enough for the exact MIP
 * (FULL_MIP_EDGES); beyond that the weighted result is a heuristic one (see solveRound).
 *
 * Determinism: every choice made here (candidates, rounding, repair, diagnosis order) is by index;
 * HiGHS runs single-threaded with a fixed seed, so the same input gives the same output. Between
 * plans of exactly equal objective, HiGHS's pivoting picks one (the same one every time).
 */
import type { Highs } from 'highs';
import { addAllEdgesOf, bestEdgesOf, topCandidates } from './candidates.js';
import { diagnose } from './diagnose.js';
import { maxFlow, type FlowResult } from './maxflow.js';
import { solveModel, type ObjectiveTerms } from './model.js';
import { balanceTargets, bigM, edgeGain, packedObjective } from './objective.js';
import type { PackedProblem, SolverOptions, SolverResult } from './problem.js';

/**
 * With weights > 1, the exact MIP over all candidates runs up to this many candidate edges
 * (measured: 3,000 → 0.7 s, 10,000 → 2.7–3.9 s, 20,000 → 4.8–11 s); larger models settle only the
 * LP's fractional enterprises by MIP (solveRound).
 */
const FULL_MIP_EDGES = 5_000;
const INTEGRAL = 1e-6;

interface Round {
  assignment: Int32Array;
  method: 'lp' | 'mip';
  variables: number;
  constraints: number;
  edgesUsed: number;
}

export function solvePacked(highs: Highs, p: PackedProblem, options: SolverOptions): SolverResult {
  const started = performance.now();
  const deadline = started + options.timeLimitSeconds * 1000;
  const secondsLeft = () => (deadline - performance.now()) / 1000;
  const targets = balanceTargets(p);
  const terms: ObjectiveTerms = { targets, bigM: bigM(p, options, targets) };
  const nE = p.weight.length;
  const unitWeights = p.weight.every((w) => w === 1);
  const totalEdges = p.edgeOfficer.length;

  let edgedDemand = 0;
  for (let e = 0; e < nE; e++) if (p.edgeStart[e]! < p.edgeStart[e + 1]!) edgedDemand += p.weight[e]!;

  let mask = topCandidates(p, options.candidatesPerEnterprise);
  let flow: FlowResult | null = null;
  let rounds = 0;
  let round: Round;
  for (;;) {
    if (secondsLeft() <= 0) throw new Error(`assignment solve reached its time limit of ${options.timeLimitSeconds} s after ${rounds} round(s)`);
    round = solveRound(highs, p, options, terms, mask, unitWeights, secondsLeft());
    rounds += 1;
    const missing: number[] = [];
    let missingDemand = 0;
    for (let e = 0; e < nE; e++) {
      if (round.assignment[e] === -1 && p.edgeStart[e]! < p.edgeStart[e + 1]!) {
        missing.push(e);
        missingDemand += p.weight[e]!;
      }
    }
    if (missing.length === 0 || round.edgesUsed === totalEdges) break;
    flow ??= maxFlow(p);
    if (missingDemand <= edgedDemand - flow.value) break; // capacity, not the candidates, is the limit
    if (rounds === 1) {
      mask = mask.slice();
      for (let k = 0; k < totalEdges; k++) if (flow.edgeFlow[k]! > 0) mask[k] = 1;
      addAllEdgesOf(p, mask, missing);
    } else if (!unitWeights && totalEdges <= FULL_MIP_EDGES) {
      mask = new Uint8Array(totalEdges).fill(1);
    } else {
      break;
    }
  }

  const assignment = Array.from(round.assignment);
  const unassigned: number[] = [];
  assignment.forEach((o, e) => {
    if (o === -1) unassigned.push(e);
  });
  const diagnosis = unassigned.length > 0 ? diagnose(p, (flow ??= maxFlow(p))) : { noEligibleOfficer: [], shortfalls: [] };
  return {
    status: unassigned.length === 0 ? 'OPTIMAL' : 'INFEASIBLE',
    assignment,
    objective: packedObjective(p, options, assignment, targets, terms.bigM),
    unassigned,
    noEligibleOfficer: diagnosis.noEligibleOfficer,
    shortfalls: diagnosis.shortfalls,
    stats: {
      variables: round.variables,
      constraints: round.constraints,
      edgesUsed: round.edgesUsed,
      solveMs: Math.round(performance.now() - started),
      method: round.method,
      rounds,
    },
  };
}

function maskedEdges(p: PackedProblem, mask: Uint8Array, only: Uint8Array | null): { enterprises: Int32Array; edges: Int32Array } {
  const enterprises: number[] = [];
  const edges: number[] = [];
  for (let e = 0; e + 1 < p.edgeStart.length; e++) {
    if (only && !only[e]) continue;
    const before = edges.length;
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]!; k++) if (mask[k]) edges.push(k);
    if (edges.length > before) enterprises.push(e);
  }
  return { enterprises: Int32Array.from(enterprises), edges: Int32Array.from(edges) };
}

/** Writes each enterprise's officer (or -1) into `into` from x; returns the enterprises whose values are fractional (left untouched). */
function readAssignment(p: PackedProblem, enterprises: Int32Array, edges: Int32Array, x: Float64Array, into: Int32Array): number[] {
  const fractional: number[] = [];
  let j = 0;
  for (const e of enterprises) {
    let chosen = -1;
    let clean = true;
    for (; j < edges.length && edges[j]! < p.edgeStart[e + 1]!; j++) {
      const v = x[j]!;
      if (v >= 1 - INTEGRAL && chosen === -1) chosen = p.edgeOfficer[edges[j]!]!;
      else if (v > INTEGRAL) clean = false;
    }
    if (clean) into[e] = chosen;
    else fractional.push(e);
  }
  return fractional;
}

function solveRound(
  highs: Highs,
  p: PackedProblem,
  options: SolverOptions,
  terms: ObjectiveTerms,
  mask: Uint8Array,
  unitWeights: boolean,
  seconds: number,
): Round {
  const started = performance.now();
  const left = () => seconds - (performance.now() - started) / 1000;
  const nE = p.weight.length;
  const nO = p.capacity.length;
  const { enterprises, edges } = maskedEdges(p, mask, null);
  const assignment = new Int32Array(nE).fill(-1);
  if (edges.length === 0) return { assignment, method: 'lp', variables: 0, constraints: 0, edgesUsed: 0 }; // HiGHS rejects an empty model
  const noLoad = new Int32Array(nO);
  const lp = solveModel(highs, p, options, terms, { enterprises, edges, fixedLoad: noLoad, integer: false }, left());
  const fractional = readAssignment(p, enterprises, edges, lp.x, assignment);
  const round: Round = { assignment, method: 'lp', variables: lp.variables, constraints: lp.constraints, edgesUsed: edges.length };
  if (fractional.length === 0) return round;

  round.method = 'mip';
  if (!unitWeights && edges.length <= FULL_MIP_EDGES) {
    // Weights > 1 on a small model: the exact MIP over the same edges, started from the LP's
    // integral part completed greedily (a feasible incumbent, so a time limit still leaves a plan).
    const start = greedyCompletion(p, options, mask, assignment, fractional);
    const startRows = Int32Array.from(enterprises, (e) => start[e]!);
    const mip = solveModel(highs, p, options, terms, { enterprises, edges, fixedLoad: noLoad, integer: true, start: startRows }, left());
    assignment.fill(-1);
    readAssignment(p, enterprises, edges, roundValues(mip.x), assignment);
    round.variables = mip.variables;
    round.constraints = mip.constraints;
    return round;
  }
  // Otherwise keep the LP's integral part and settle only the fractional enterprises by MIP on top
  // of it, over their candidates plus their K best edges to officers that still have room for them
  // (the candidates may all be full). With all weights 1 this only happens by numerical accident (a
  // network LP has integral vertices). With weights > 1 the LP leaves about one fractional
  // enterprise per three officers; the exact MIP over all candidates measured 17 s / 680 MB for
  // 5,000 × 300 (weights 1–3), this 0.6–1 s on top of the LP.
  const fixedLoad = new Int32Array(nO);
  assignment.forEach((o, e) => {
    if (o >= 0) fixedLoad[o]! += p.weight[e]!;
  });
  const only = new Uint8Array(nE);
  for (const e of fractional) only[e] = 1;
  const reach = mask.slice();
  for (const e of fractional) {
    const fits = (k: number) => fixedLoad[p.edgeOfficer[k]!]! + p.weight[e]! <= p.capacity[p.edgeOfficer[k]!]!;
    bestEdgesOf(p, e, options.candidatesPerEnterprise, fits, reach);
  }
  const sub = maskedEdges(p, reach, only);
  const start = greedyCompletion(p, options, reach, assignment, fractional);
  const startRows = Int32Array.from(sub.enterprises, (e) => start[e]!);
  const mip = solveModel(highs, p, options, terms, { ...sub, fixedLoad, integer: true, start: startRows }, left());
  readAssignment(p, sub.enterprises, sub.edges, roundValues(mip.x), assignment);
  return round;
}

function roundValues(x: Float64Array): Float64Array {
  return x.map((v) => (v >= 0.5 ? 1 : 0));
}

/**
 * The integral part of `assignment` plus, in index order, each fractional enterprise on its best
 * edge (within `mask`, or any) whose officer still has room.
 */
function greedyCompletion(p: PackedProblem, options: SolverOptions, mask: Uint8Array | null, assignment: Int32Array, fractional: readonly number[]): Int32Array {
  const start = assignment.slice();
  const load = new Int32Array(p.capacity.length);
  start.forEach((o, e) => {
    if (o >= 0) load[o]! += p.weight[e]!;
  });
  for (const e of fractional) {
    let best = -1;
    for (let k = p.edgeStart[e]!; k < p.edgeStart[e + 1]!; k++) {
      const o = p.edgeOfficer[k]!;
      if ((mask && !mask[k]) || load[o]! + p.weight[e]! > p.capacity[o]!) continue;
      if (best < 0 || edgeGain(p, options, e, k) > edgeGain(p, options, e, best)) best = k;
    }
    start[e] = best < 0 ? -1 : p.edgeOfficer[best]!;
    if (best >= 0) load[start[e]!]! += p.weight[e]!;
  }
  return start;
}
