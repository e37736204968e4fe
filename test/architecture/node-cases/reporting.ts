/**
 * The Node cases of saved reports and their frozen snapshots (issue 15) for
 * test/architecture/node-implementations.test.ts: a report of the Jiangsu bureau, frozen once.
 */
import { as } from '../../harness/app.js';
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
