import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { anyOf, query, sql, trusted } from '../../common/sql.js';
import { Report, ReportSnapshot } from './report.entity.js';
import { reportVisibility } from './reporting.policy.js';

/** Per-request batching for reports: one statement per batch, through their visibility. */
export function createReportingLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    reportById: new DataLoader<string, Report | null>(async (ids) => {
      const rows = await new LeanQuery(em, Report, 'r', [anyOf(trusted('r.id'), ids), reportVisibility(viewer, clock.today(), 'r')]).getResultList();
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    /** Each report's newest snapshot. */
    latestSnapshot: new DataLoader<string, ReportSnapshot | null>(async (ids) => {
      const rows = await new LeanQuery(em, ReportSnapshot, 's', [
        anyOf(trusted('s.report_id'), ids),
        sql`s.version = (select max(x.version) from report_snapshot x where x.report_id = s.report_id)`,
        reportVisibility(viewer, clock.today(), 's'),
      ]).getResultList();
      return ids.map((id) => rows.find((s) => s.report.id === id) ?? null);
    }),
    snapshotCount: new DataLoader<string, number>(async (ids) => {
      const rows = await query<{ report_id: string; n: number }>(em, sql`select report_id, count(*)::int as n from report_snapshot where ${anyOf(sql`report_id`, ids)} group by report_id`);
      return ids.map((id) => rows.find((r) => r.report_id === id)?.n ?? 0);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    reporting: ReturnType<typeof createReportingLoaders>;
  }
}
