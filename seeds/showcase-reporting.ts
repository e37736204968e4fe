/**
 * Reporting in the showcase (docs/reporting.md), each step as the bureau that takes it:
 *
 * - the national bureau saves "示范和优势企业（按辖区）" and freezes it two weeks ago and again last
 *   week (versions 1 and 2: the numbers of each day, the newer one counting the plans committed since);
 * - the Guangdong bureau saves "广东省培训完成情况（按层级、按月）" for this year and freezes it once.
 */
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { reportService } from '../src/modules/reporting/report.service.js';
import { StatisticsTotals, type StatisticsQuery } from '../src/modules/reporting/statistics.types.js';
import { addDays } from './factories.js';
import type { Timeline } from './showcase-timeline.js';

const NATIONAL = 'national-admin';
const BUREAU = 'guangdong-admin';

const query = (q: Partial<StatisticsQuery> & Pick<StatisticsQuery, 'measures'>): StatisticsQuery =>
  ({ dimensions: [], totals: StatisticsTotals.ROLLUP, filters: [], having: [], fillEmpty: true, ...q }) as StatisticsQuery;

async function reportId(ctx: Context, name: string): Promise<string> {
  const [row] = await ctx.em.execute<{ id: string }[]>('select id from report where name = ?', [name], 'all');
  if (!row) throw new Error(`demo showcase (reporting): no report ${name}`);
  return row.id;
}

export function planReporting(plan: Timeline): void {
  const today = plan.today;
  const day = (n: number) => addDays(today, -n);
  const year = today.slice(0, 4);
  const national = '示范和优势企业（按辖区）';
  const guangdong = '广东省培训完成情况（按层级、按月）';

  plan.on(day(14), NATIONAL, `saves and freezes “${national}”`, async (ctx) => {
    const report = await reportService.save(ctx, {
      name: national,
      description: '各辖区持有称号的示范企业、优势企业数（截至定稿日），逐省小计。',
      query: query({ measures: ['DEMONSTRATION_ENTERPRISES', 'ADVANTAGE_ENTERPRISES'], dimensions: ['PROVINCE', 'REGION'] }),
    });
    await reportService.freeze(ctx, { id: report.nodeId });
  });
  plan.on(day(7), NATIONAL, `freezes “${national}” again`, async (ctx) => {
    await reportService.freeze(ctx, { id: toGlobalId('Report', await reportId(ctx, national)) });
  });
  plan.on(day(5), BUREAU, `saves and freezes “${guangdong}”`, async (ctx) => {
    const report = await reportService.save(ctx, {
      name: guangdong,
      query: query({ measures: ['ENROLMENTS', 'COMPLETIONS'], dimensions: ['TRAINING_TIER', 'MONTH'], from: `${year}-01-01`, to: `${year}-12-31`, totals: StatisticsTotals.CUBE }),
    });
    await reportService.freeze(ctx, { id: report.nodeId });
  });
}
