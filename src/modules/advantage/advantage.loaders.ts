import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { anyOf, trusted } from '../../common/sql.js';
import { AdvantageApplication, CultivationReport, MidTermCheck } from './advantage.entity.js';
import { advantageRecordVisibility } from './advantage.policy.js';

function grouped<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const by = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) by.get(keyOf(row))?.push(row);
  return keys.map((k) => by.get(k) ?? []);
}

/** Per-request batching for the advantage programme: one statement per batch of keys, through the record's visibility. */
export function createAdvantageLoaders({ em, viewer, clock }: LoaderContext) {
  const visible = (alias: string) => advantageRecordVisibility(viewer, clock.today(), alias);
  return {
    /** Each enterprise's advantage applications, newest year first. */
    applicationsByEnterprise: new DataLoader<string, AdvantageApplication[]>(async (ids) => {
      const rows = await new LeanQuery(em, AdvantageApplication, 'a', [anyOf(trusted('a.enterprise_id'), ids), visible('a')]).orderBy([{ year: 'desc' }, { id: 'desc' }]).getResultList();
      return grouped(ids, rows, (r) => r.enterprise.id);
    }),
    /** Each designation's yearly progress reports, by year. */
    reportsByDesignation: new DataLoader<string, CultivationReport[]>(async (ids) => {
      const rows = await new LeanQuery(em, CultivationReport, 'r', [anyOf(trusted('r.designation_id'), ids), visible('r')]).orderBy([{ cultivationYear: 'asc' }]).getResultList();
      return grouped(ids, rows, (r) => r.designation.id);
    }),
    /** Each designation's mid-term check, or null. */
    checkByDesignation: new DataLoader<string, MidTermCheck | null>(async (ids) => {
      const rows = await new LeanQuery(em, MidTermCheck, 'c', [anyOf(trusted('c.designation_id'), ids), visible('c')]).getResultList();
      return ids.map((id) => rows.find((r) => r.designation.id === id) ?? null);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    advantage: ReturnType<typeof createAdvantageLoaders>;
  }
}
