/**
 * The Node cases of saved reports and their frozen snapshots (issue 15) for
 * test/architecture/node-implementations.test.ts: a report of the Jiangsu bureau, frozen once.
 */
import { randomUUID } from 'node:crypto';
import { as } from '../../harness/app.js';
import { toGlobalId } from '../../../src/common/node.js';
import { JS, type Case } from './world.js';
import type { TestApp } from '../../harness/app.js';

async function jiangsuReport(t: TestApp): Promise<string> {
  return (
    await t.ok<{ saveReport: { report: { id: string } } }>(
      `mutation { saveReport(input: { name: "江苏企业数", query: { measures: [ENTERPRISES], dimensions: [SIZE_CLASS] } }) { report { id } } }`,
      undefined,
      as.provincial(JS),
    )
  ).saveReport.report.id;
}

export const REPORTING_CASES: Record<string, Case> = {
  ExportJob: {
    // The Jiangsu admin's export: its owner's alone, the national bureau included finds it nowhere.
    create: async ({ t, viewers }) => {
      const id = randomUUID();
      await t.sql(
        `insert into export_job (id, created_at, updated_at, owner_id, kind, format, spec, status, file_name, expires_at) values (?, now(), now(), ?, 'LIST', 'CSV', '{}', 'PENDING', 'x.csv', now() + interval '1 day')`,
        [id, (viewers.jiangsu as { userId: string }).userId],
      );
      return toGlobalId('ExportJob', id);
    },
    seenBy: ['jiangsu'],
    hiddenFrom: ['anonymous', 'national', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  Report: {
    create: async ({ t }) => jiangsuReport(t),
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  ReportSnapshot: {
    create: async ({ t }) => {
      const id = await jiangsuReport(t);
      return (await t.ok<{ freezeReport: { snapshot: { id: string } } }>(`mutation($id: ID!) { freezeReport(input: { id: $id }) { snapshot { id } } }`, { id }, as.provincial(JS))).freezeReport.snapshot.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
};
