/**
 * The assignment problem as the solver sees it: plain indices and numbers, no entities. The caller
 * (the assignment module) maps officers/enterprises to these arrays and maps the result back.
 */

export interface SolverOfficer {
  key: string;
  /** Integer seats free for this plan (already excludes load kept outside the plan). */
  capacity: number;
}

export interface SolverEnterprise {
  key: string;
  /** Integer ≥ 1: seats it uses (1 = counting enterprises). */
  weight: number;
  /** Index of the officer currently assigned (for stability), or null. */
  current: number | null;
  /** E.g. region code '65'; used to group the infeasibility diagnosis. */
  group: string;
}

export interface SolverEdge {
  enterprise: number;
  officer: number;
  /** Fit, 0..100, higher is better. Only eligible, non-conflicted pairs are edges. */
  score: number;
}

/**
 * The edges as three parallel columns: the same data as SolverEdge[] without a million small
 * objects (a national plan has about 1.5 M eligible pairs; as objects they cost ~150 MB and a
 * ~100 ms walk on the caller's thread). In (enterprise, officer) order they are packed without a
 * sort; with SolveControl.adoptColumns they are even handed to the worker as they are (transferred).
 */
export interface SolverEdgeColumns {
  enterprise: Int32Array;
  officer: Int32Array;
  score: Float64Array;
}

export interface SolverProblem {
  officers: readonly SolverOfficer[];
  enterprises: readonly SolverEnterprise[];
  edges: readonly SolverEdge[] | SolverEdgeColumns;
}

export interface SolverOptions {
  /** Bonus added to the objective for keeping an enterprise with its current officer (0 = ignore). */
  stabilityWeight: number;
  /** Cost per seat of load above an officer's target (see objective.ts); default 5. */
  balanceWeight: number;
  /** K, default 10 (the current officer's edge is always kept in addition). */
  candidatesPerEnterprise: number;
  /** Default 60. */
  timeLimitSeconds: number;
}

export const DEFAULT_SOLVER_OPTIONS: Readonly<SolverOptions> = Object.freeze({
  stabilityWeight: 0,
  balanceWeight: 5,
  candidatesPerEnterprise: 10,
  timeLimitSeconds: 60,
});

export interface SolverGroupShortfall {
  group: string;
  enterprises: number;
  demand: number;
  capacity: number;
  /** Officer keys whose capacity binds. */
  officers: string[];
}

export interface SolverResult {
  /** INFEASIBLE = not every enterprise can be assigned. */
  status: 'OPTIMAL' | 'INFEASIBLE';
  /** Per enterprise: officer index, or -1 when unassigned. */
  assignment: number[];
  objective: number;
  /** Enterprise indices left unassigned (empty when OPTIMAL). */
  unassigned: number[];
  /** Enterprises with no edge at all. */
  noEligibleOfficer: number[];
  /** Hall-type violators grouped by `group` (diagnose.ts). */
  shortfalls: SolverGroupShortfall[];
  stats: { variables: number; constraints: number; edgesUsed: number; solveMs: number; method: 'lp' | 'mip'; rounds: number };
}

/**
 * The problem in flat, structured-clone-friendly form (what crosses into the worker thread): typed
 * arrays instead of thousands of small objects, edges sorted by (enterprise, officer) and indexed
 * by `edgeStart` so each enterprise's edges are one contiguous slice.
 */
export interface PackedProblem {
  officerKeys: string[];
  capacity: Int32Array;
  weight: Int32Array;
  /** -1 when the enterprise has no current officer. */
  current: Int32Array;
  groupNames: string[];
  /** Index into groupNames, per enterprise. */
  group: Int32Array;
  /** Enterprise e's edges are edgeStart[e] .. edgeStart[e + 1] - 1. */
  edgeStart: Int32Array;
  edgeOfficer: Int32Array;
  edgeScore: Float64Array;
}

/** Seats and weights stay far below this, so max-flow capacities fit in Int32 arithmetic. */
const MAX_TOTAL = 2 ** 29;

function checkInteger(value: number, min: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > MAX_TOTAL) throw new RangeError(`${what} must be an integer ≥ ${min}, got ${value}`);
}

function checkNumber(value: number, what: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${value}`);
}

export function resolveOptions(options: Partial<SolverOptions> = {}): SolverOptions {
  const resolved = { ...DEFAULT_SOLVER_OPTIONS, ...options };
  checkNumber(resolved.stabilityWeight, 'stabilityWeight');
  checkNumber(resolved.balanceWeight, 'balanceWeight');
  checkInteger(resolved.candidatesPerEnterprise, 1, 'candidatesPerEnterprise');
  if (!(resolved.timeLimitSeconds > 0) || !Number.isFinite(resolved.timeLimitSeconds)) {
    throw new RangeError(`timeLimitSeconds must be a positive number, got ${resolved.timeLimitSeconds}`);
  }
  return resolved;
}

/** Validates the problem and flattens it. Throws RangeError on malformed input. */
export function packProblem(problem: SolverProblem, options: { adoptColumns?: boolean } = {}): PackedProblem {
  const { officers, enterprises, edges } = problem;
  const nO = officers.length;
  const nE = enterprises.length;
  const capacity = new Int32Array(nO);
  let totalCapacity = 0;
  officers.forEach((o, i) => {
    checkInteger(o.capacity, 0, `officer ${i} capacity`);
    capacity[i] = o.capacity;
    totalCapacity += o.capacity;
  });
  const weight = new Int32Array(nE);
  const current = new Int32Array(nE);
  const group = new Int32Array(nE);
  const groupNames: string[] = [];
  const groupIndex = new Map<string, number>();
  let totalWeight = 0;
  enterprises.forEach((e, i) => {
    checkInteger(e.weight, 1, `enterprise ${i} weight`);
    weight[i] = e.weight;
    totalWeight += e.weight;
    if (e.current !== null && !(Number.isInteger(e.current) && e.current >= 0 && e.current < nO)) {
      throw new RangeError(`enterprise ${i} current officer ${e.current} is not an officer index`);
    }
    current[i] = e.current ?? -1;
    let g = groupIndex.get(e.group);
    if (g === undefined) {
      g = groupNames.length;
      groupNames.push(e.group);
      groupIndex.set(e.group, g);
    }
    group[i] = g;
  });
  if (totalWeight > MAX_TOTAL || totalCapacity > MAX_TOTAL) throw new RangeError('total weight or capacity is too large');

  // One pass reads and checks the edges into typed arrays; two stable counting sorts (by officer,
  // then by enterprise) order them by (enterprise, officer) in linear time, so each enterprise's
  // slice is ascending by officer index. (Plain loops: this runs on the caller's thread, over
  // about 1.5 M edges for a national plan.)
  const columns = 'score' in edges ? edges : null;
  const list = columns ? null : (edges as readonly SolverEdge[]);
  const nEdges = columns ? columns.score.length : list!.length;
  if (columns && (columns.enterprise.length !== nEdges || columns.officer.length !== nEdges)) throw new RangeError('edge columns differ in length');
  if (columns) {
    const packed = packSortedColumns(columns, nE, nO, options.adoptColumns ?? false);
    if (packed) return { officerKeys: officers.map((o) => o.key), capacity, weight, current, groupNames, group, ...packed };
  }
  const fromE = new Int32Array(nEdges);
  const toO = new Int32Array(nEdges);
  const score = new Float64Array(nEdges);
  for (let i = 0; i < nEdges; i++) {
    const edge = list ? list[i]! : null;
    const e = edge ? edge.enterprise : columns!.enterprise[i]!;
    const o = edge ? edge.officer : columns!.officer[i]!;
    const value = edge ? edge.score : columns!.score[i]!;
    if (!(Number.isInteger(e) && e >= 0 && e < nE)) throw new RangeError(`edge ${i}: bad enterprise ${e}`);
    if (!(Number.isInteger(o) && o >= 0 && o < nO)) throw new RangeError(`edge ${i}: bad officer ${o}`);
    checkNumber(value, `edge ${i} score`);
    fromE[i] = e;
    toO[i] = o;
    score[i] = value;
  }
  const byOfficer = countingSort(toO, nO, null);
  const byEnterprise = countingSort(fromE, nE, byOfficer);
  const edgeStart = new Int32Array(nE + 1);
  for (let i = 0; i < nEdges; i++) edgeStart[fromE[i]! + 1]! += 1;
  for (let e = 0; e < nE; e++) edgeStart[e + 1]! += edgeStart[e]!;
  const edgeOfficer = new Int32Array(nEdges);
  const edgeScore = new Float64Array(nEdges);
  for (let at = 0; at < nEdges; at++) {
    const i = byEnterprise[at]!;
    edgeOfficer[at] = toO[i]!;
    edgeScore[at] = score[i]!;
    if (at > edgeStart[fromE[i]!]! && edgeOfficer[at - 1] === toO[i]) {
      throw new RangeError(`duplicate edge enterprise ${fromE[i]} → officer ${toO[i]}`);
    }
  }
  return { officerKeys: officers.map((o) => o.key), capacity, weight, current, groupNames, group, edgeStart, edgeOfficer, edgeScore };
}

/**
 * Columns already in (enterprise, officer) order, as the assignment module builds them: checked and
 * indexed in one pass, with no sort and no intermediate copies (a national plan's 1.5 M edges would
 * otherwise hold about 70 MB more on the caller's thread while it packs). Null when out of order,
 * so the general path sorts them. With `adopt`, whole-buffer columns are used as they are (and
 * solveAssignment transfers them to the worker: the caller must not read them afterwards).
 */
function packSortedColumns(columns: SolverEdgeColumns, nE: number, nO: number, adopt: boolean): Pick<PackedProblem, 'edgeStart' | 'edgeOfficer' | 'edgeScore'> | null {
  const n = columns.score.length;
  const edgeStart = new Int32Array(nE + 1);
  for (let i = 0; i < n; i++) {
    const e = columns.enterprise[i]!;
    const o = columns.officer[i]!;
    const value = columns.score[i]!;
    if (!(Number.isInteger(e) && e >= 0 && e < nE)) throw new RangeError(`edge ${i}: bad enterprise ${e}`);
    if (!(Number.isInteger(o) && o >= 0 && o < nO)) throw new RangeError(`edge ${i}: bad officer ${o}`);
    checkNumber(value, `edge ${i} score`);
    if (i > 0) {
      const pe = columns.enterprise[i - 1]!;
      if (e < pe || (e === pe && o <= columns.officer[i - 1]!)) {
        if (e === pe && o === columns.officer[i - 1]) throw new RangeError(`duplicate edge enterprise ${e} → officer ${o}`);
        return null;
      }
    }
    edgeStart[e + 1]! += 1;
  }
  for (let e = 0; e < nE; e++) edgeStart[e + 1]! += edgeStart[e]!;
  // Buffers of exactly this length are transferred to the worker: the caller's own when it gives
  // them up (adopt: the assignment module, which does not read them after the solve), else copies.
  const own = (a: Int32Array | Float64Array) => adopt && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
  return { edgeStart, edgeOfficer: own(columns.officer) ? columns.officer : columns.officer.slice(), edgeScore: own(columns.score) ? columns.score : Float64Array.from(columns.score) };
}

/** Stable counting sort of `input` (or 0..n-1) by key[i] ∈ [0, keys). */
function countingSort(key: Int32Array, keys: number, input: Int32Array | null): Int32Array {
  const n = key.length;
  const start = new Int32Array(keys + 1);
  for (let i = 0; i < n; i++) start[key[i]! + 1]! += 1;
  for (let k = 0; k < keys; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const i = input ? input[j]! : j;
    out[start[key[i]!]!++] = i;
  }
  return out;
}

/** Buffers to hand to postMessage's transfer list (the packed problem is not used after sending). */
export function packedBuffers(p: PackedProblem): ArrayBuffer[] {
  return [p.capacity, p.weight, p.current, p.group, p.edgeStart, p.edgeOfficer, p.edgeScore].map((a) => a.buffer as ArrayBuffer);
}
