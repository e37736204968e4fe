/**
 * Small-count suppression of a public table (docs/reporting.md, "Public figures").
 *
 * A table is a set of cells keyed by dimension values, a null standing for "all" (a total). Every
 * published additive relation is a **line**: a cell with one dimension totalled equals the sum of
 * the cells that differ from it only in that dimension (a province is the sum of its regions, a
 * row margin the sum of its row). Three steps, the classic ones of statistical offices:
 *
 * The table is protected **level by level**: the grand total first, then the one-way margins
 * (cells with one dimension given), then the interior; a level never changes what a coarser level
 * decided. So every margin is hidden or published exactly as in the smaller table it belongs to,
 * and two public tables that share a margin never disagree about it (one publishing what the other
 * hides would undo the protection). At each level:
 *
 * 1. **Primary**: a cell counting 1 … k−1 units is hidden (zeros are published).
 * 2. **Complementary**: while some line has exactly one hidden cell (which its other cells would
 *    reveal by subtraction), hide the smallest non-zero published part of that line (then zeros;
 *    ties: the one touching more hidden cells, then key order).
 * 3. **Audit**: for each primary cell so far, the interval of values it could take is computed by
 *    linear programming (HiGHS: minimise and maximise it) from what a reader knows: every line,
 *    every published cell, and that a hidden cell counts ≥ 0. Why a cell is hidden is not published
 *    (a reader who knew a complementary cell is "not small" could pin its partner). The target: the
 *    interval holds all of 1 … k−1, or, where the coarser levels make that impossible (a small total
 *    of two parts), it is as wide as hiding this whole level would make it. Short of it, the smallest
 *    published part on one of its lines is hidden too, then 2–3 again.
 * 4. **Owners**: with `owners` (the position of the jurisdiction in the key), a jurisdiction's bureau
 *    knows its own cells; no line may be left with a single hidden cell once any one jurisdiction's
 *    own cells are taken as known (its cell, hidden as a complement, would otherwise give a
 *    neighbour's small cell away to it).
 *
 * Deterministic: cells are taken in key order, whatever order they come in.
 */
import type { Highs } from 'highs';
import { loadHighs } from '../assignment/solver/model.js';

export interface TableCell {
  /** One value per dimension; null = the total over that dimension. */
  key: readonly (string | null)[];
  /** A count of units (public measures are counts: the threshold applies to the value itself). */
  value: number;
}

export type SuppressionReason = 'PRIMARY' | 'COMPLEMENTARY';

interface Line {
  /** Index of the cell that is the sum. */
  total: number;
  parts: number[];
}

const keyOf = (key: readonly (string | null)[]) => JSON.stringify(key);

/** Every additive relation among the cells that are present (a missing cell is a zero nobody publishes). */
export function linesOf(cells: readonly TableCell[]): Line[] {
  const index = new Map(cells.map((c, i) => [keyOf(c.key), i]));
  const lines = new Map<string, Line>();
  cells.forEach((cell, i) => {
    cell.key.forEach((v, p) => {
      if (v === null) return;
      const parentKey = cell.key.map((x, q) => (q === p ? null : x));
      const total = index.get(keyOf(parentKey));
      if (total === undefined) return;
      const id = `${p}|${keyOf(parentKey)}`;
      const line = lines.get(id) ?? { total, parts: [] };
      line.parts.push(i);
      lines.set(id, line);
    });
  });
  return [...lines.values()];
}

const MAX_AUDIT_ROUNDS = 20;
const OPTIMAL = 7;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;
const EPSILON = 1e-9;

const levelOf = (c: TableCell) => c.key.filter((v) => v !== null).length;

/**
 * Which cells to hide, and why (the reason is for the caller's records, not for publication); `k` is
 * the threshold (cells of 1 … k−1 units are hidden); `owners`: the key position of the jurisdiction.
 */
export async function suppress(cells: readonly TableCell[], k: number, owners?: number): Promise<Map<number, SuppressionReason>> {
  const hidden = new Map<number, SuppressionReason>();
  if (!cells.some((c) => c.value > 0 && c.value < k)) return hidden;
  const order = cells.map((_, i) => i).sort((a, b) => levelOf(cells[a]!) - levelOf(cells[b]!) || (keyOf(cells[a]!.key) < keyOf(cells[b]!.key) ? -1 : 1));
  const rank = new Map(order.map((i, r) => [i, r]));
  const byKey = (a: number, b: number) => rank.get(a)! - rank.get(b)!;
  const lines = linesOf(cells)
    .map((l) => ({ total: l.total, parts: l.parts.slice().sort(byKey) }))
    .sort((a, b) => byKey(a.total, b.total) || byKey(a.parts[0]!, b.parts[0]!));
  const linesOfCell = new Map<number, Line[]>();
  for (const line of lines) for (const i of [line.total, ...line.parts]) linesOfCell.set(i, [...(linesOfCell.get(i) ?? []), line]);
  const highs = await loadHighs();
  const levels = [...new Set(cells.map(levelOf))].sort((a, b) => a - b);
  for (const level of levels) {
    const here = order.filter((i) => levelOf(cells[i]!) === level);
    const known = new Set(order.filter((i) => levelOf(cells[i]!) <= level));
    const lineSet = lines.filter((l) => known.has(l.total) && l.parts.every((p) => known.has(p)));
    for (const i of here) if (cells[i]!.value > 0 && cells[i]!.value < k) hidden.set(i, 'PRIMARY');
    /** The published part of `members` (this level only) to hide next. */
    const pick = (members: readonly number[]): number | undefined => {
      const open = members.filter((i) => !hidden.has(i) && levelOf(cells[i]!) === level);
      const touching = (i: number) => (linesOfCell.get(i) ?? []).filter((l) => [l.total, ...l.parts].some((j) => hidden.has(j))).length;
      return open.sort((a, b) => Number(cells[a]!.value === 0) - Number(cells[b]!.value === 0) || cells[a]!.value - cells[b]!.value || touching(b) - touching(a) || byKey(a, b))[0];
    };
    const complete = () => {
      for (let changed = true; changed; ) {
        changed = false;
        for (const line of lineSet) {
          const members = [line.total, ...line.parts];
          if (members.filter((i) => hidden.has(i)).length === 1) {
            const next = pick(members);
            if (next === undefined) continue;
            hidden.set(next, 'COMPLEMENTARY');
            changed = true;
            continue;
          }
          if (owners === undefined) continue;
          // A jurisdiction knows its own hidden cells: the rest of the line must still hide two.
          const ownerOf = (i: number) => cells[i]!.key[owners];
          for (const r of new Set(members.filter((i) => hidden.has(i)).map(ownerOf))) {
            if (r === null || r === undefined) continue;
            const others = members.filter((i) => ownerOf(i) !== r);
            if (others.filter((i) => hidden.has(i)).length !== 1) continue;
            const next = pick(others);
            if (next === undefined) continue;
            hidden.set(next, 'COMPLEMENTARY');
            changed = true;
          }
        }
      }
    };
    complete();
    const primaries = () => order.filter((i) => known.has(i) && hidden.get(i) === 'PRIMARY');
    // What this level can achieve at best: every cell of it hidden.
    const all = new Map(hidden);
    for (const i of here) if (!all.has(i)) all.set(i, 'COMPLEMENTARY');
    // A cell's target is the whole 1 … k−1, or what hiding this whole level would give it, whichever
    // is less; the latter (two more LPs) is computed only for a cell that falls short of the former.
    const best = new Map<number, [number, number]>();
    const bestOf = (i: number) => {
      if (!best.has(i)) best.set(i, interval(highs, cells, lineSet, all, i));
      return best.get(i)!;
    };
    const isWeak = (i: number) => {
      const [min, max] = interval(highs, cells, lineSet, hidden, i);
      if (min <= 1 + EPSILON && max >= k - 1 - EPSILON) return false;
      const [bestMin, bestMax] = bestOf(i);
      return min > Math.max(1, bestMin) + EPSILON || max < Math.min(k - 1, bestMax) - EPSILON;
    };
    const firstWeak = () => primaries().find(isWeak);
    const weakOnes = () => primaries().filter(isWeak);
    let weak = firstWeak();
    for (let round = 0; weak !== undefined && round < MAX_AUDIT_ROUNDS; round++) {
      const next = pick((linesOfCell.get(weak) ?? []).filter((l) => lineSet.includes(l)).flatMap((l) => [l.total, ...l.parts]));
      if (next === undefined) break;
      hidden.set(next, 'COMPLEMENTARY');
      complete();
      weak = firstWeak();
    }
    if (weak === undefined) continue;
    // Still short after the rounds: hide this level's parts of every line through a weak cell, and
    // if even that is not enough, the whole level (which reaches the target by its definition).
    for (const w of weakOnes()) {
      for (const line of linesOfCell.get(w) ?? []) for (const j of line.parts) if (!hidden.has(j) && levelOf(cells[j]!) === level) hidden.set(j, 'COMPLEMENTARY');
    }
    if (firstWeak() !== undefined) for (const i of here) if (!hidden.has(i)) hidden.set(i, 'COMPLEMENTARY');
  }
  return hidden;
}

/**
 * The values hidden cell `target` can take given the lines and the published cells, as a reader
 * knows them: every hidden cell ≥ 0 (why it is hidden is not published). [min, max]; max is
 * Infinity when unbounded.
 */
export function interval(highs: Highs, cells: readonly TableCell[], lines: readonly Line[], hidden: ReadonlyMap<number, unknown>, target: number): [number, number] {
  const variables = [...hidden.keys()].sort((a, b) => a - b);
  const column = new Map(variables.map((i, c) => [i, c]));
  const rows = lines.filter((l) => [l.total, ...l.parts].some((i) => hidden.has(i)));
  const entries: { row: number; col: number; value: number }[] = [];
  const rhs: number[] = [];
  rows.forEach((line, r) => {
    let constant = 0;
    // total − Σ parts = 0, with published cells moved to the right-hand side.
    for (const [i, sign] of [[line.total, 1], ...line.parts.map((p) => [p, -1] as const)] as const) {
      const c = column.get(i);
      if (c === undefined) constant += sign * cells[i]!.value;
      else entries.push({ row: r, col: c, value: sign });
    }
    rhs.push(-constant);
  });
  const bound = (sense: typeof highs.constants.objectiveSense.maximize) => {
    const numCols = variables.length;
    const numRows = rows.length;
    const starts = new Int32Array(numCols + 1);
    const byCol = entries.slice().sort((a, b) => a.col - b.col || a.row - b.row);
    for (const e of byCol) starts[e.col + 1]!++;
    for (let c = 0; c < numCols; c++) starts[c + 1]! += starts[c]!;
    const colCost = new Float64Array(numCols);
    colCost[column.get(target)!] = 1;
    const model = highs.createModel({
      numCols,
      numRows,
      sense,
      offset: 0,
      colCost,
      colLower: new Float64Array(numCols),
      colUpper: new Float64Array(numCols).fill(Infinity),
      rowLower: Float64Array.from(rhs),
      rowUpper: Float64Array.from(rhs),
      matrix: { format: 'csc', numRows, numCols, starts, indices: Int32Array.from(byCol.map((e) => e.row)), values: Float64Array.from(byCol.map((e) => e.value)) },
    });
    try {
      model.options.set({ output_flag: false, random_seed: 0 });
      const status = model.run().modelStatus;
      if (status === OPTIMAL) return model.getSolution().colValue[column.get(target)!]!;
      if (status === UNBOUNDED || status === UNBOUNDED_OR_INFEASIBLE) return sense === highs.constants.objectiveSense.maximize ? Infinity : -Infinity;
      // Never expected (the true values are a solution): refuse to publish rather than guess.
      throw new Error(`suppression audit: HiGHS status ${status}`);
    } finally {
      model.dispose();
    }
  };
  return [bound(highs.constants.objectiveSense.minimize), bound(highs.constants.objectiveSense.maximize)];
}
