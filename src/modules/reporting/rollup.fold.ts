/**
 * Folding rollups (src/modules/reporting/rollup.sql.ts): each rollup's delta moved into its cells by
 * `<table>_fold()`, one transaction per rollup. Folding changes no answer (cells plus delta are the
 * same sums before and after); it keeps the delta, which every read scans, small. An instance that
 * finds another folding the same rollup skips it (advisory lock).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, trusted } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { reportingRegistry } from '../../reporting-registry.js';

/** Folds every rollup; the cells touched, by rollup table. */
export async function foldRollups(em: EntityManager): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const fact of reportingRegistry().facts.values()) {
    const table = fact.rollup?.table;
    if (!table) continue;
    const [row] = await transaction(em.fork(), (tx) => query<{ folded: string }>(tx, trusted(`select ${table}_fold() as folded`)), 'fold-rollup');
    out[table] = Number(row?.folded ?? 0);
  }
  return out;
}

/** Folds every `seconds` (0: never) until stopped; failures are logged and retried at the next round. */
export function startRollupFolding(em: EntityManager, seconds: number, log: { error(o: object, m: string): void }): () => void {
  if (seconds <= 0) return () => {};
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= foldRollups(em)
      .catch((error) => log.error({ component: 'rollups', err: error }, 'folding the statistics rollups failed'))
      .finally(() => (running = undefined));
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
