/**
 * The Node cases of the provincial bureaus' duties (R15) for
 * test/architecture/node-implementations.test.ts: the Jiangsu bureau's cultivation plan and its
 * annual summary.
 */
import { as } from '../../harness/app.js';
import { JS, type Case } from './world.js';

/** Each plan its own one-year period (periods of one bureau never overlap). */
let nextYear = 2030;
const SECTIONS = { title: '江苏省示范企业培育工作总体方案', goals: '目标', workPlan: '计划', organization: '组织', policySupport: '政策', funding: '资金', supervision: '督导' };

export const PROVINCIAL_CASES: Record<string, Case> = {
  CultivationPlan: {
    create: async ({ t }) =>
      (
        await t.ok<{ draftCultivationPlan: { plan: { id: string } } }>(
          `mutation($input: DraftCultivationPlanInput!) { draftCultivationPlan(input: $input) { plan { id } } }`,
          { input: { periodStart: nextYear, periodEnd: nextYear++, sections: SECTIONS } },
          as.provincial(JS),
        )
      ).draftCultivationPlan.plan.id,
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  AnnualSummary: {
    create: async ({ t }) => {
      await t.sql(`delete from annual_summary where bureau_code = ? and year = 2025`, [JS]);
      return (await t.ok<{ startAnnualSummary: { summary: { id: string } } }>(`mutation { startAnnualSummary(input: { year: 2025 }) { summary { id } } }`, undefined, as.provincial(JS))).startAnnualSummary.summary.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
};
