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

let assessedYear = 2040;
const CRITERIA = `[{ code: "C1", name: "组织保障", weight: 60 }, { code: "C2", name: "培育成效", weight: 40 }]`;

export const PROVINCIAL_CASES: Record<string, Case> = {
  BureauAssessment: {
    // Published, so the assessed bureau sees its own; another bureau never does.
    create: async ({ t }) => {
      const year = assessedYear++;
      await t.ok(`mutation { setAssessmentCriteria(input: { year: ${year}, criteria: ${CRITERIA} }) { assessment { year } } }`);
      const { scoreBureau } = await t.ok<{ scoreBureau: { assessment: { id: string } } }>(
        `mutation { scoreBureau(input: { year: ${year}, bureauCode: "${JS}", scores: [{ code: "C1", score: 90 }, { code: "C2", score: 80 }] }) { assessment { id } } }`,
      );
      await t.ok(`mutation { publishAssessments(input: { year: ${year} }) { assessment { published } } }`);
      return scoreBureau.assessment.id;
    },
    seenBy: ['national', 'jiangsu'],
    hiddenFrom: ['anonymous', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
  },
  Commendation: {
    create: async ({ t }) =>
      (await t.ok<{ commend: { commendation: { id: string } } }>(`mutation { commend(input: { year: 2026, kind: BUREAU, bureauCode: "${JS}", citation: "培育工作成效突出" }) { commendation { id } } }`)).commend.commendation.id,
    seenBy: ['anonymous', 'national', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
    hiddenFrom: { public: 'commendations are announced publicly [D 五(一)]' },
  },
  ExperienceCase: {
    create: async ({ t }) =>
      (await t.ok<{ publishExperienceCase: { experienceCase: { id: string } } }>(`mutation { publishExperienceCase(input: { year: 2026, title: "江苏经验", summary: "摘要", body: "正文", regionCode: "${JS}" }) { experienceCase { id } } }`))
        .publishExperienceCase.experienceCase.id,
    seenBy: ['anonymous', 'national', 'jiangsu', 'zhejiang', 'enterprise', 'otherEnterprise', 'expert', 'serviceProvider'],
    hiddenFrom: { public: 'experience cases are published for everyone (经验推广)' },
  },
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
