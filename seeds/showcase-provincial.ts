/**
 * The provincial bureaus' duties in the showcase (docs/provincial.md), each step as the bureau
 * that takes it, in the year before the demo's today:
 *
 * - the Guangdong bureau publishes its cultivation plan for last year and the two after;
 * - Guangdong starts last year's annual summary in November (its figures filled in from its own
 *   statistics), submits it on 26 November and the national bureau accepts it in December (locked);
 * - Shenzhen submits its summary on 3 December: flagged late (R15), waiting for the national bureau;
 * - the national bureau sets last year's assessment criteria, scores Guangdong and Shenzhen, publishes
 *   the assessment, commends Guangdong and publishes its experience as a case.
 */
import type { Context } from '../src/context.js';
import { toGlobalId } from '../src/common/node.js';
import { planService } from '../src/modules/provincial/plan.service.js';
import { summaryService } from '../src/modules/provincial/summary.service.js';
import { assessmentService } from '../src/modules/provincial/assessment.service.js';
import { CommendationKind } from '../src/modules/provincial/assessment.entity.js';
import type { Timeline } from './showcase-timeline.js';

const NATIONAL = 'national-admin';
const GUANGDONG = 'guangdong-admin';
const SHENZHEN = 'shenzhen-admin';

const TEXT = {
  workDone: '全年开展示范企业培育工作：组织申报、推荐和复核，落实日常联系机制和联络员制度，开展分层培训和专利导航服务。',
  results: '新增示范企业和优势企业若干家，企业知识产权管理体系贯标认证持续推进，培训完成率稳步提高。',
  problems: '部分企业知识产权专职人员不足，海外布局和维权能力仍需加强。',
  nextYearPlan: '加强对优势企业的分类指导，扩大专利导航试点，完善年度统计和督导检查。',
};

async function summaryOf(ctx: Context, bureauCode: string, year: number) {
  const [row] = await ctx.em.execute<{ id: string; version: number }[]>('select id, version from annual_summary where bureau_code = ? and year = ?', [bureauCode, year], 'all');
  if (!row) throw new Error(`demo showcase (provincial): no ${year} summary of ${bureauCode}`);
  return { id: toGlobalId('AnnualSummary', row.id), version: row.version };
}

export function planProvincial(plan: Timeline): void {
  const last = Number(plan.today.slice(0, 4)) - 1;

  plan.on(`${last}-02-20`, GUANGDONG, 'publishes its cultivation plan', async (ctx) => {
    const draft = await planService.draft(ctx, {
      periodStart: last,
      periodEnd: last + 2,
      sections: {
        title: `广东省国家知识产权示范企业培育工作总体方案（${last}—${last + 2} 年）`,
        goals: '三年内新增国家知识产权示范企业 20 家、优势企业 60 家，示范企业全部建立知识产权管理体系。',
        workPlan: '每年 3 月组织申报动员，7 月底前完成推荐；每季度走访示范企业；每年开展两期分层培训。',
        organization: '省局成立示范企业培育工作专班，各地市局确定联络员，建立月度调度机制。',
        policySupport: '将示范企业纳入省级专利导航、知识产权质押融资和海外维权援助的重点支持范围。',
        funding: '省级知识产权专项资金每年安排示范企业培育经费，地市按 1:1 配套。',
        supervision: '每年年中督导检查一次，年底开展绩效评价，结果纳入对地市的考核。',
      },
    });
    await planService.publish(ctx, { id: draft.nodeId, version: draft.version });
  });
  plan.on(`${last}-11-10`, GUANGDONG, `starts its ${last} annual summary`, async (ctx) => {
    await summaryService.start(ctx, { year: last });
  });
  plan.on(`${last}-11-26`, GUANGDONG, `writes and submits its ${last} annual summary`, async (ctx) => {
    const s = await summaryOf(ctx, '440000', last);
    const updated = await summaryService.update(ctx, { ...s, sections: TEXT, refreshFigures: true });
    await summaryService.submit(ctx, { id: s.id, version: updated.version });
  });
  plan.on(`${last}-12-08`, NATIONAL, `accepts Guangdong's ${last} annual summary`, async (ctx) => {
    await summaryService.accept(ctx, await summaryOf(ctx, '440000', last));
  });
  plan.on(`${last}-12-01`, SHENZHEN, `starts its ${last} annual summary`, async (ctx) => {
    await summaryService.start(ctx, { year: last });
  });
  plan.on(`${last}-12-03`, SHENZHEN, `submits its ${last} annual summary late`, async (ctx) => {
    const s = await summaryOf(ctx, '440300', last);
    const updated = await summaryService.update(ctx, { ...s, sections: TEXT });
    await summaryService.submit(ctx, { id: s.id, version: updated.version });
  });
  plan.on(`${last}-12-15`, NATIONAL, `assesses the bureaus for ${last}`, async (ctx) => {
    await assessmentService.setCriteria(ctx, {
      year: last,
      criteria: [
        { code: 'ORG', name: '组织保障和政策支持', weight: 30 },
        { code: 'RESULT', name: '培育成效（新增示范、优势企业，贯标，培训）', weight: 50 },
        { code: 'REPORT', name: '年度总结和信息报送按时完整', weight: 20 },
      ],
    });
    const score = (bureauCode: string, s: [number, number, number], supportOutcome: string) =>
      assessmentService.score(ctx, {
        year: last,
        bureauCode,
        scores: [
          { code: 'ORG', score: s[0] },
          { code: 'RESULT', score: s[1] },
          { code: 'REPORT', score: s[2], comment: s[2] < 80 ? '年度总结逾期报送' : null },
        ],
        supportOutcome,
      });
    await score('440000', [92, 88, 100], '下一年度示范企业推荐名额增加 2 个');
    await score('440300', [85, 80, 60], '维持现有支持');
    await assessmentService.publish(ctx, last);
    await assessmentService.commend(ctx, { year: last, kind: CommendationKind.BUREAU, bureauCode: '440000', citation: '示范企业培育组织有力、成效突出，年度总结按时报送。' });
    await assessmentService.publishCase(ctx, {
      year: last,
      title: '广东：示范企业培育“一企一策”',
      summary: '省局为每家示范企业确定联络员，按需求清单配置服务团队，年度统计与督导检查结合。',
      body: '广东省知识产权局建立示范企业培育工作专班……（全文略）',
      regionCode: '440000',
      source: '广东省知识产权局',
    });
  });
}
