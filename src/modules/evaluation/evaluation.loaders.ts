import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { anyOf, query, sql } from '../../common/sql.js';
import { ApplicationStatus } from '../application/application.entity.js';

/** Per-request batching for the evaluation sheets. */
export function createEvaluationLoaders({ em }: LoaderContext) {
  return {
    /** Whether each year has a submitted application (its sheets are then frozen): one query per batch. */
    frozenByYear: new DataLoader<number, boolean>(async (years) => {
      const rows = await query<{ year: number }>(
        em,
        sql`select a.year from demonstration_application a where ${anyOf(sql`a.year`, years)} and a.status <> ${ApplicationStatus.DRAFT}
            union select a.year from advantage_application a where ${anyOf(sql`a.year`, years)} and a.status <> ${ApplicationStatus.DRAFT}`,
      );
      const frozen = new Set(rows.map((r) => Number(r.year)));
      return years.map((y) => frozen.has(y));
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    evaluation: ReturnType<typeof createEvaluationLoaders>;
  }
}
