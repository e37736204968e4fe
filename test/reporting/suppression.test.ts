/**
 * Small-count suppression (src/modules/reporting/suppression.ts), pure: properties over random
 * one-way tables (cells and their total) and two-way tables with every margin (CUBE), and fixed
 * cases where the line rule alone is not enough and the LP audit has to hide more.
 */
import fc from 'fast-check';
import type { Highs } from 'highs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHighs } from '../../src/modules/assignment/solver/model.js';
import { interval, linesOf, suppress, type SuppressionReason, type TableCell } from '../../src/modules/reporting/suppression.js';
import { stopSuppressionWorker, suppressOffThread } from '../../src/modules/reporting/suppression.run.js';

const cell = (key: (string | null)[], value: number): TableCell => ({ key, value });

/** A one-way table: parts r0… and their total [null]. */
function oneWay(values: readonly number[]): TableCell[] {
  return [...values.map((v, i) => cell([`r${i}`], v)), cell([null], values.reduce((a, b) => a + b, 0))];
}

/** A two-way table with every margin: interior [r, c], row totals [r, null], column totals [null, c], grand total [null, null]. */
function twoWay(grid: readonly (readonly number[])[]): TableCell[] {
  const cols = grid[0]!.length;
  const cells: TableCell[] = [];
  grid.forEach((row, r) => row.forEach((v, c) => cells.push(cell([`r${r}`, `c${c}`], v))));
  grid.forEach((row, r) => cells.push(cell([`r${r}`, null], row.reduce((a, b) => a + b, 0))));
  for (let c = 0; c < cols; c++) cells.push(cell([null, `c${c}`], grid.reduce((a, row) => a + row[c]!, 0)));
  cells.push(cell([null, null], grid.flat().reduce((a, b) => a + b, 0)));
  return cells;
}

const count = fc.integer({ min: 0, max: 12 });
const threshold = fc.integer({ min: 3, max: 6 });
const oneWayTable = fc.record({ values: fc.array(count, { minLength: 1, maxLength: 8 }), k: threshold }).map(({ values, k }) => ({ cells: oneWay(values), k }));
const twoWayTable = fc
  .record({ rows: fc.integer({ min: 1, max: 4 }), cols: fc.integer({ min: 1, max: 4 }), k: threshold })
  .chain(({ rows, cols, k }) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }).map((grid) => ({ cells: twoWay(grid), k })));
/** A table and a permutation of its cells. */
const withOrder = (table: fc.Arbitrary<{ cells: TableCell[]; k: number }>) =>
  table.chain((t) => fc.shuffledSubarray([...t.cells.keys()], { minLength: t.cells.length, maxLength: t.cells.length }).map((order) => ({ ...t, order })));

const keyOf = (c: TableCell) => JSON.stringify(c.key);
const byKey = (cells: readonly TableCell[], hidden: ReadonlyMap<number, SuppressionReason>) => new Map([...hidden].map(([i, r]) => [keyOf(cells[i]!), r]));
const isSmall = (c: TableCell, k: number) => c.value >= 1 && c.value <= k - 1;

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/**
 * The interval a reader can place hidden cell `target` of a one-way table in, worked out by hand
 * (not by LP): the hidden cells add up along the one line, each is ≥ 0 (why a cell is hidden is
 * not published, so a reader cannot tell a small cell from its complement).
 */
function oneWayInterval(cells: readonly TableCell[], hidden: ReadonlyMap<number, SuppressionReason>, target: number): [number, number] {
  const totalAt = cells.length - 1;
  const published = cells.slice(0, totalAt).reduce((s, c, i) => s + (hidden.has(i) ? 0 : c.value), 0);
  const otherParts = [...hidden.keys()].filter((i) => i !== totalAt && i !== target).length;
  if (target === totalAt) return [published, otherParts > 0 || hidden.has(target) ? (otherParts > 0 ? Infinity : published) : published];
  if (hidden.has(totalAt)) return [0, Infinity];
  const rest = cells[totalAt]!.value - published;
  return [otherParts > 0 ? 0 : rest, rest];
}

/**
 * The interval a suppression that keeps the coarser levels as decided could leave `target` at best:
 * with every cell of the finest level hidden as well (hiding more never narrows an interval).
 * Margins are decided first (a margin is hidden or published as in its own smaller table), so
 * this, not "everything hidden", is the best the interior can do.
 */
function bestPossible(cells: readonly TableCell[], hidden: ReadonlyMap<number, SuppressionReason>, target: number, k: number): [number, number] {
  const finest = Math.max(...cells.map((c) => c.key.filter((v) => v !== null).length));
  const all = new Map(hidden);
  cells.forEach((c, i) => {
    if (!all.has(i) && c.key.filter((v) => v !== null).length === finest) all.set(i, isSmall(c, k) ? 'PRIMARY' : 'COMPLEMENTARY');
  });
  return interval(highs, cells, linesOf(cells), all, target);
}

/** Whether hidden cell `i` is protected: its interval holds all of 1 … k−1, or as much of it as any hiding of the finest level could leave. */
function isProtected(cells: readonly TableCell[], hidden: ReadonlyMap<number, SuppressionReason>, i: number, k: number): boolean {
  const [min, max] = interval(highs, cells, linesOf(cells), hidden, i);
  if (min <= 1 + 1e-9 && max >= k - 1 - 1e-9) return true;
  const [bestMin, bestMax] = bestPossible(cells, hidden, i, k);
  return min <= Math.max(1, bestMin) + 1e-9 && max >= Math.min(k - 1, bestMax) - 1e-9;
}

/** Properties (a)–(d) of one answer. */
function checkAnswer(cells: readonly TableCell[], k: number, hidden: ReadonlyMap<number, SuppressionReason>): void {
  // (d) only valid indices; zeros are never primary.
  for (const i of hidden.keys()) {
    expect(Number.isInteger(i) && i >= 0 && i < cells.length).toBe(true);
  }
  // (b) primary exactly when 1 … k−1 units.
  cells.forEach((c, i) => {
    if (isSmall(c, k)) expect(hidden.get(i)).toBe('PRIMARY');
    else expect(hidden.get(i)).not.toBe('PRIMARY');
    if (c.value === 0) expect(hidden.get(i)).not.toBe('PRIMARY');
  });
  // (a) no line has exactly one hidden cell.
  const lines = linesOf(cells);
  for (const line of lines) expect([line.total, ...line.parts].filter((i) => hidden.has(i)).length).not.toBe(1);
  // (c) every primary cell may still be anything in 1 … k−1, unless no hiding of the finest level
  // could do that (e.g. two cells of 1 whose total of 2 is itself small: each is then at most 2).
  for (const [i, reason] of hidden) if (reason === 'PRIMARY') expect(isProtected(cells, hidden, i, k), `cell ${JSON.stringify(cells[i]!.key)}`).toBe(true);
}

describe('suppression properties', () => {
  it('one-way tables: (a)–(d), and the intervals agree with a hand computation', async () => {
    await fc.assert(
      fc.asyncProperty(oneWayTable, async ({ cells, k }) => {
        const before = structuredClone(cells);
        const hidden = await suppress(cells, k);
        expect(cells).toEqual(before); // published cells keep their values
        checkAnswer(cells, k, hidden);
        for (const i of hidden.keys()) {
          // The LP's interval is the one worked out by hand.
          const [min, max] = oneWayInterval(cells, hidden, i);
          const [lpMin, lpMax] = interval(highs, cells, linesOf(cells), hidden, i);
          expect(lpMin).toBeCloseTo(min, 6);
          if (max === Infinity) expect(lpMax).toBe(Infinity);
          else expect(lpMax).toBeCloseTo(max, 6);
        }
      }),
      { numRuns: 60, seed: 1501 },
    );
  });

  it('two-way tables with all margins: (a)–(d)', async () => {
    await fc.assert(
      fc.asyncProperty(twoWayTable, async ({ cells, k }) => {
        const before = structuredClone(cells);
        const hidden = await suppress(cells, k);
        expect(cells).toEqual(before);
        checkAnswer(cells, k, hidden);
      }),
      { numRuns: 60, seed: 1502 },
    );
  });

  it('a table without small cells hides nothing; zero cells alone hide nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 6, max: 40 })), { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
        async (grid) => {
          expect((await suppress(twoWay(grid), 6)).size).toBe(0);
        },
      ),
      { numRuns: 30, seed: 1503 },
    );
  });

  it('(e) the same input gives the same answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(oneWayTable, twoWayTable), async ({ cells, k }) => {
        const first = await suppress(cells, k);
        const second = await suppress(structuredClone(cells), k);
        expect([...second]).toEqual([...first]);
      }),
      { numRuns: 60, seed: 1504 },
    );
  });

  const sameKeysShuffled = async ({ cells, k, order }: { cells: TableCell[]; k: number; order: number[] }) => {
    const shuffled = order.map((i) => cells[i]!);
    const a = byKey(cells, await suppress(cells, k));
    const b = byKey(shuffled, await suppress(shuffled, k));
    expect(new Map([...b].sort())).toEqual(new Map([...a].sort()));
  };

  it('(e) one-way: the order of the cells does not change which keys are hidden', async () => {
    await fc.assert(fc.asyncProperty(withOrder(oneWayTable), sameKeysShuffled), { numRuns: 60, seed: 1505 });
  });

  it('(e) two-way: the order of the cells does not change which keys are hidden', async () => {
    await fc.assert(fc.asyncProperty(withOrder(twoWayTable), sameKeysShuffled), { numRuns: 60, seed: 1506 });
  });
});

describe('suppression: fixed cases', () => {
  const hiddenKeys = (cells: readonly TableCell[], hidden: ReadonlyMap<number, SuppressionReason>) => Object.fromEntries(byKey(cells, hidden));

  it('a row of three with one cell of 2 (k = 5): the smallest non-zero other cell is hidden too, the total stays', async () => {
    const cells = oneWay([2, 6, 9]);
    const hidden = await suppress(cells, 5);
    expect(hiddenKeys(cells, hidden)).toEqual({ '["r0"]': 'PRIMARY', '["r1"]': 'COMPLEMENTARY' });
    // total − published = 17 − 9 = 8 = r0 + r1, each ≥ 0: r0 may be anything in 0 … 8, all of 1 … 4.
    expect(interval(highs, cells, linesOf(cells), hidden, 0)).toEqual([0, 8]);
  });

  it('a zero is not hidden to protect a small cell: a zero would reveal it', async () => {
    const cells = oneWay([2, 0, 9]);
    const hidden = await suppress(cells, 5);
    expect(hiddenKeys(cells, hidden)).toEqual({ '["r0"]': 'PRIMARY', '["r2"]': 'COMPLEMENTARY' });
  });

  it('a small cell next to a large total: the smallest of cell and total is hidden, and that protects it', async () => {
    // r0 = 3, r1 = 40, total 43: hiding r1 leaves r0 + r1 = 43, r0 anywhere in 1 … 4.
    const cells = oneWay([3, 40]);
    const hidden = await suppress(cells, 5);
    expect(hiddenKeys(cells, hidden)).toEqual({ '["r0"]': 'PRIMARY', '["r1"]': 'COMPLEMENTARY' });
  });

  it('four small cells (1, 1, 1, 2) and a 5, total 10: the hidden four add up to 5, which leaves each of them 0 … 5', async () => {
    const cells = oneWay([1, 1, 1, 2, 5]);
    const lines = linesOf(cells);
    const hidden = await suppress(cells, 5);
    // A reader does not know which hidden cells are small: r0 … r3 are only known to add up to 10 − 5.
    expect(hiddenKeys(cells, hidden)).toEqual({ '["r0"]': 'PRIMARY', '["r1"]': 'PRIMARY', '["r2"]': 'PRIMARY', '["r3"]': 'PRIMARY' });
    for (const i of [0, 1, 2, 3]) expect(interval(highs, cells, lines, hidden, i)).toEqual([0, 5]);
  });

  it('two small cells (1, 1) with a total of 2 that is published: the audit hides the smallest other cell', async () => {
    // 1 + 1 = 12 − 10: each is 0 … 2 — not all of 1 … 4; hiding the 10 makes it 0 … 12.
    const cells = oneWay([1, 1, 10]);
    const hidden = await suppress(cells, 5);
    expect(hiddenKeys(cells, hidden)).toEqual({ '["r0"]': 'PRIMARY', '["r1"]': 'PRIMARY', '["r2"]': 'COMPLEMENTARY' });
    expect(interval(highs, cells, linesOf(cells), hidden, 0)).toEqual([0, 12]);
  });

  it('owners: a jurisdiction that knows its own hidden cell leaves a neighbour’s small cell hidden behind a third', async () => {
    // Beijing 1, Shanghai 9, Guangdong 20: Shanghai complements Beijing; Shanghai's bureau knows its 9,
    // so another cell is hidden (Guangdong), and Beijing is still 0 … 21 to Shanghai.
    const cells = oneWay([1, 9, 20]);
    const plain = await suppress(cells, 5);
    expect(hiddenKeys(cells, plain)).toEqual({ '["r0"]': 'PRIMARY', '["r1"]': 'COMPLEMENTARY' });
    const owned = await suppress(cells, 5, 0);
    expect(hiddenKeys(cells, owned)).toEqual({ '["r0"]': 'PRIMARY', '["r1"]': 'COMPLEMENTARY', '["r2"]': 'COMPLEMENTARY' });
    const shanghaiKnows = new Map([...owned].filter(([i]) => i !== 1));
    expect(interval(highs, cells, linesOf(cells), shanghaiKnows, 0)).toEqual([0, 21]);
  });

  it('two-way, linked: the line rule hides the 2×2 block, which the margins leave wide enough', async () => {
    //        c0  c1 | total
    //   r0    2   6 |  8
    //   r1    6   1 |  7
    //   total 8   7 | 15
    const cells = twoWay([
      [2, 6],
      [6, 1],
    ]);
    const at = (key: (string | null)[]) => cells.findIndex((c) => keyOf(c) === JSON.stringify(key));
    const lines = linesOf(cells);
    // What the line rule alone does: r0c0 and r1c1 are primary; row r0 and column c0 each have one
    // hidden cell, whose smallest published non-zero partner is the 6 (not the margin of 8). Then
    // every line has 0 or 2 hidden cells.
    const lineRule = new Map<number, SuppressionReason>([
      [at(['r0', 'c0']), 'PRIMARY'],
      [at(['r1', 'c1']), 'PRIMARY'],
      [at(['r0', 'c1']), 'COMPLEMENTARY'],
      [at(['r1', 'c0']), 'COMPLEMENTARY'],
    ]);
    for (const line of lines) expect([line.total, ...line.parts].filter((i) => lineRule.has(i)).length).not.toBe(1);
    // With every hidden cell ≥ 0: r0c1 = 8 − r0c0, r1c0 = 8 − r0c0, r1c1 = r0c0 − 1 ≥ 0, so r0c0 ∈ 1 … 8:
    // all of 1 … 4, and the line rule is enough.
    expect(interval(highs, cells, lines, lineRule, at(['r0', 'c0']))).toEqual([1, 8]);
    const hidden = await suppress(cells, 5);
    expect(new Set(hidden.keys())).toEqual(new Set(lineRule.keys()));
    for (const line of lines) expect([line.total, ...line.parts].filter((i) => hidden.has(i)).length).not.toBe(1);
  });

  it('when a small cell cannot be fully protected, cells that cannot help stay published', async () => {
    //        c0  c1 | total
    //   r0    1   1 |  2      r0's total is itself small (hidden as primary at its own level); the row
    //   r1   10  10 | 20      totals add up to the published 22, so r0 + r1 = 22 − … is known.
    //   total 11 11 | 22
    const cells = twoWay([
      [1, 1],
      [10, 10],
    ]);
    const at = (key: (string | null)[]) => cells.findIndex((c) => keyOf(c) === JSON.stringify(key));
    const hidden = await suppress(cells, 5);
    // Every small cell is protected as far as any hiding of the interior allows, given the margins as their own tables have them.
    for (const [i, reason] of hidden) if (reason === 'PRIMARY') expect(isProtected(cells, hidden, i, 5)).toBe(true);
    // The grand total (22) protects nothing here: it stays published.
    expect(hidden.has(at([null, null]))).toBe(false);
  });
});

describe('suppression off the event loop (suppression.run.ts)', () => {
  afterAll(() => stopSuppressionWorker());

  it('the worker hides exactly what the audit on this thread hides', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(count, { minLength: 2, maxLength: 4 }), { minLength: 2, maxLength: 4 }), threshold, async (grid, k) => {
        const width = Math.min(...grid.map((r) => r.length));
        const cells = twoWay(grid.map((r) => r.slice(0, width)));
        const inline = await suppress(cells, k);
        const offThread = await suppressOffThread(cells, k);
        expect(offThread.overBudget).toBe(false);
        expect([...offThread.hidden.entries()].sort((a, b) => a[0] - b[0])).toEqual([...inline.entries()].sort((a, b) => a[0] - b[0]));
      }),
      { numRuns: 20 },
    );
  });

  it('a table without a small cell needs no audit; an audit over its budget hides every non-zero cell', async () => {
    expect((await suppressOffThread(oneWay([5, 0, 9]), 5)).hidden.size).toBe(0);
    const cells = twoWay([
      [1, 7, 9, 2],
      [8, 3, 0, 6],
      [2, 9, 9, 1],
    ]);
    const out = await suppressOffThread(cells, 5, undefined, 1);
    expect(out.overBudget).toBe(true);
    expect([...out.hidden.keys()].sort((a, b) => a - b)).toEqual(cells.flatMap((c, i) => (c.value > 0 ? [i] : [])));
    // The worker terminated by the budget is replaced for the next table.
    expect((await suppressOffThread(oneWay([2, 8, 9]), 5)).overBudget).toBe(false);
  });
});
