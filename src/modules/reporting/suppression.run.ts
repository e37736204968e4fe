/**
 * The suppression audit off the event loop (docs/reporting.md, "Public figures"): `suppress` runs in
 * a worker thread, one table at a time, within a time budget. A table with no small cell needs no
 * audit and is answered at once. Should the audit exceed its budget, the table is published with
 * every non-zero cell hidden — nothing small can be worked out of it — rather than not at all, and
 * the answer is cached like any other for its data version.
 */
import { WorkerThread, workerEntry } from '../../common/worker-thread.js';
import type { SuppressionReason, TableCell } from './suppression.js';
import type { AuditRequest } from './suppression.worker.js';

/** The budget of one table's audit, ms. */
export const AUDIT_BUDGET_MS = 10_000;

const thread = new WorkerThread<Omit<AuditRequest, 'id'>, [number, SuppressionReason][]>(() => workerEntry(import.meta.url, 'suppression.worker'), 'suppression audit', 10 * 60_000);

export interface AuditResult {
  hidden: Map<number, SuppressionReason>;
  /** The audit ran out of its budget: every non-zero cell is hidden. */
  overBudget: boolean;
}

export async function suppressOffThread(cells: readonly TableCell[], k: number, owners?: number, budgetMs = AUDIT_BUDGET_MS): Promise<AuditResult> {
  if (!cells.some((c) => c.value > 0 && c.value < k)) return { hidden: new Map(), overBudget: false };
  try {
    const entries = await thread.run({ cells: [...cells], k, owners }, budgetMs);
    return { hidden: new Map(entries), overBudget: false };
  } catch (error) {
    if (!(error as { timedOut?: boolean }).timedOut) throw error;
    const hidden = new Map<number, SuppressionReason>();
    cells.forEach((c, i) => c.value > 0 && hidden.set(i, c.value < k ? 'PRIMARY' : 'COMPLEMENTARY'));
    return { hidden, overBudget: true };
  }
}

/** Terminates the audit's idle worker (tests; the server's goes by itself after ten idle minutes). */
export function stopSuppressionWorker(): Promise<void> {
  return thread.stop();
}
