/**
 * The advantage-enterprise programme in the showcase (docs/advantage.md), all in Guangdong
 * (`guangdong-admin` runs its batches; `national-admin` confirms its lists; each enterprise's own
 * staff account applies, reports and withdraws):
 *
 * - this year's batch, open: one application submitted and waiting, one approved, one rejected, one
 *   draft of an enterprise still implementing the standard;
 * - last year's batch, sent and confirmed, with one application not confirmed: cultivation year 1
 *   (广东德赛 applied while implementing GB/T 29490: its 贯标 is under way, seeds/showcase-standard.ts);
 * - the batch before: year 2, one with its year-1 report, one whose report is overdue, one that withdrew
 *   (广东智通 applied while implementing the standard and has been certified since);
 * - three years ago: year 3 after a passed mid-term check, one that failed it, one revoked (with a ban);
 * - four years before the current demonstration round: completed cultivations, whose enterprises now
 *   apply to be demonstration enterprises (seeds/showcase.ts);
 * - the batch before the current round confirms six more enterprises, so that Guangdong has the ten
 *   valid advantage enterprises its demonstration quota (R5, 10 %: one recommendation) needs, however
 *   small the demo.
 *
 * Cohorts are placed relative to the demo's today: lists are confirmed on 1 December (31 December
 * when the demo is loaded in December), so each cohort is in the year of its period it is named for.
 */
import { toGlobalId } from '../src/common/node.js';
import { advantageService } from '../src/modules/advantage/advantage.service.js';
import { cultivationService } from '../src/modules/advantage/cultivation.service.js';
import { AdvantageDecision } from '../src/modules/advantage/advantage.inputs.js';
import { StandardPath } from '../src/modules/advantage/advantage.entity.js';
import { IncidentKind } from '../src/modules/designation/incident.entity.js';
import { revocationService } from '../src/modules/designation/revocation.service.js';
import { lastDayOfYears, monthsAfter } from '../src/modules/designation/designation.rules.js';
import { addDays } from './factories.js';
import { between, itemChecksOf, maxDate, minDate, planRegistration, selfAssessment, staffAccount, versionOf, type Company, type Timeline } from './showcase-timeline.js';

const BUREAU = 'guangdong-admin';
const NATIONAL = 'national-admin';
const GUANGDONG = '440000';

type Fate = 'DRAFT' | 'SUBMITTED' | 'RECOMMENDED' | 'REJECTED' | 'DESIGNATED' | 'NOT_CONFIRMED';

/** What a member of a batch does after applying. */
interface Member {
  name: string;
  handle: string;
  industry: string;
  size: Company['size'];
  scores: [number, number];
  fate: Fate;
  /** Implementing GB/T 29490 (with a plan) rather than certified. */
  implementing?: boolean;
  /** The bureau's review comments (the reason of a rejection). */
  comments?: string;
  /** Why the national bureau did not confirm it. */
  notConfirmed?: string;
  /** Cultivation years reported on. */
  reports?: number[];
  midTerm?: 'PASSED' | 'FAILED';
  withdraw?: boolean;
  revoke?: boolean;
}

const m = (name: string, handle: string, industry: string, size: Company['size'], scores: [number, number], fate: Fate, extra: Partial<Member> = {}): Member => ({
  name,
  handle,
  industry,
  size,
  scores,
  fate,
  ...extra,
});

/** This year's open batch. */
const OPEN_BATCH: Member[] = [
  m('广东粤芯半导体材料有限公司', 'yuexin', '39', 'MEDIUM', [72, 76], 'SUBMITTED'),
  m('广东明德生物科技有限公司', 'mingde', '27', 'MEDIUM', [78, 80], 'RECOMMENDED', { comments: '贯标认证有效，知识产权管理体系运行良好，同意推荐。' }),
  m('广东鸿达包装材料有限公司', 'hongda', '22', 'SMALL', [61, 58], 'REJECTED', { comments: '知识产权管理制度尚不健全，发明专利储备不足，建议完善后参加下一批次。' }),
  m('广东云帆信息技术有限公司', 'yunfan', '65', 'SMALL', [66, 70], 'DRAFT', { implementing: true }),
];

/** Cultivation year 1: last year's batch. */
const YEAR_ONE: Member[] = [
  m('广东德赛精密电子有限公司', 'desai', '39', 'LARGE', [81, 79], 'DESIGNATED', { implementing: true }),
  m('广东宇通化工有限公司', 'yutong', '26', 'MEDIUM', [70, 72], 'NOT_CONFIRMED', { notConfirmed: '申报材料中的研发投入与年度统计数据不符，经核实不予确认。' }),
];

/** Cultivation year 2. */
const YEAR_TWO: Member[] = [
  m('广东智通物联科技有限公司', 'zhitong', '65', 'MEDIUM', [76, 78], 'DESIGNATED', { reports: [1], implementing: true }),
  m('广东锦程纺织科技有限公司', 'jincheng', '17', 'MEDIUM', [71, 74], 'DESIGNATED'),
  m('广东海纳新材料有限公司', 'haina', '30', 'SMALL', [69, 73], 'DESIGNATED', { withdraw: true }),
];

/** Cultivation year 3, and the exits of that cohort. */
const YEAR_THREE: Member[] = [
  m('广东星河智能科技有限公司', 'xinghe', '34', 'LARGE', [80, 82], 'DESIGNATED', { reports: [1, 2], midTerm: 'PASSED' }),
  m('广东凯盛陶瓷有限公司', 'kaisheng', '30', 'MEDIUM', [70, 71], 'DESIGNATED', { midTerm: 'FAILED' }),
  m('广东安泰新能源有限公司', 'antai', '38', 'MEDIUM', [74, 77], 'DESIGNATED', { revoke: true }),
];

/** Completed cultivations: the demonstration applicants of the current round (seeds/showcase.ts). */
export const COMPLETED: Member[] = [
  m('广东华宇机器人有限公司', 'huayu', '34', 'LARGE', [83, 85], 'DESIGNATED', { reports: [1, 2, 3], midTerm: 'PASSED' }),
  m('广东思源环保科技有限公司', 'siyuan', '35', 'MEDIUM', [77, 80], 'DESIGNATED', { reports: [1, 2, 3], midTerm: 'PASSED' }),
];

/** Six more in the batch before the current demonstration round (R5, see above). */
const QUOTA_COHORT: Member[] = [
  m('广东博睿医疗器械有限公司', 'borui', '35', 'MEDIUM', [75, 77], 'DESIGNATED'),
  m('广东蓝海海洋科技有限公司', 'lanhai', '73', 'SMALL', [72, 75], 'DESIGNATED'),
  m('广东启明光电有限公司', 'qiming', '39', 'MEDIUM', [77, 76], 'DESIGNATED'),
  m('广东鼎信通讯设备有限公司', 'dingxin', '39', 'MEDIUM', [79, 78], 'DESIGNATED'),
  m('广东众诚汽车零部件有限公司', 'zhongcheng', '36', 'MEDIUM', [73, 74], 'DESIGNATED'),
  m('广东新宙纺织科技有限公司', 'xinzhou', '17', 'SMALL', [70, 72], 'DESIGNATED'),
];

const PLACES = ['广州市黄埔区科学城', '佛山市顺德区北滘镇', '东莞市松山湖高新区', '珠海市香洲区唐家湾', '中山市火炬开发区', '惠州市仲恺高新区', '江门市蓬江区', '汕头市龙湖区'];

/** The number of showcase enterprises this module registers. */
export const ADVANTAGE_ENTERPRISES = [OPEN_BATCH, YEAR_ONE, YEAR_TWO, YEAR_THREE, COMPLETED, QUOTA_COHORT].reduce((n, list) => n + list.length, 0);

export interface AdvantagePlan {
  plan: Timeline;
  /** Shared hash of the staff accounts (seeds/showcase-timeline.ts). */
  staffHash: string;
  /** Years with evaluation sheets (self-assessment item by item). */
  sheetYears: readonly number[];
  /** The year of the current demonstration round (seeds/showcase.ts). */
  round: number;
}

/** The company record of a member of batch `year` (credit code serials 40 on; certified two years before it applied). */
function companyOf(member: Member, year: number, serial: number): Company {
  return {
    name: member.name,
    handle: member.handle,
    region: GUANGDONG,
    industry: member.industry,
    size: member.size,
    serial,
    founded: `${1996 + (serial % 16)}-${String(1 + (serial % 12)).padStart(2, '0')}-${String(3 + (serial % 25)).padStart(2, '0')}`,
    certified: member.implementing ? null : `${year - 2}-${String(1 + (serial % 12)).padStart(2, '0')}-18`,
    address: `广东省${PLACES[serial % PLACES.length]}创新路 ${(serial * 37) % 300} 号`,
  };
}

/** Plans the advantage programme's showcase (see the top of the file). */
export function planAdvantage(o: AdvantagePlan): void {
  const { plan } = o;
  const today = plan.today;
  const thisYear = Number(today.slice(0, 4));
  const confirmDay = today.slice(5) < '12-01' ? '12-01' : '12-31';
  const batches = new Map<number, Member[]>();
  const join = (year: number, members: Member[]) => batches.set(year, [...(batches.get(year) ?? []), ...members]);
  join(thisYear - 1, YEAR_ONE);
  join(thisYear - 2, YEAR_TWO);
  join(thisYear - 3, YEAR_THREE);
  join(o.round - 4, COMPLETED);
  join(o.round - 1, QUOTA_COHORT);
  let serial = 40;
  for (const year of [...batches.keys()].sort()) {
    const members = batches.get(year)!.map((member) => ({ member, company: companyOf(member, year, serial++) }));
    planPastBatch(o, year, `${year}-${confirmDay}`, members);
  }
  planOpenBatch(o, thisYear, OPEN_BATCH.map((member) => ({ member, company: companyOf(member, thisYear, serial++) })));
}

const applicationKey = (handle: string, year: number) => `advantage:${handle}:${year}`;

/** The enterprise's draft (saveAdvantageApplication), as its staff would write it. */
function planSave(o: AdvantagePlan, date: string, member: Member, year: number): void {
  o.plan.on(date, staffAccount(member), `${member.name} drafts its ${year} advantage application`, async (ctx) => {
    const app = await advantageService.save(ctx, {
      enterpriseId: toGlobalId('Enterprise', o.plan.get(`enterprise:${member.handle}`)),
      year,
      formContent: `${member.name}国家知识产权优势企业申报书：企业概况、知识产权工作基础、近三年知识产权创造运用情况。`,
      workPlan: '三年培育目标：建立专利导航机制，形成核心技术专利组合，培育知识产权管理团队；年度计划与措施详见附件。',
      standardPath: member.implementing ? StandardPath.IMPLEMENTING : StandardPath.CERTIFIED,
      implementationPlan: member.implementing ? '已与贯标咨询机构签约，计划一年内完成 GB/T 29490 贯标并申请认证。' : null,
      ...selfAssessment(year, member.scores[0], member.scores[1], o.sheetYears),
    });
    o.plan.set(applicationKey(member.handle, year), app.id);
  });
}

function planSubmit(o: AdvantagePlan, date: string, member: Member, year: number): void {
  o.plan.on(date, staffAccount(member), `${member.name} submits its ${year} advantage application`, async (ctx) => {
    const id = o.plan.get(applicationKey(member.handle, year));
    await advantageService.submit(ctx, toGlobalId('AdvantageApplication', id), await versionOf(ctx, 'advantage_application', id));
  });
}

function planReview(o: AdvantagePlan, date: string, member: Member, year: number): void {
  o.plan.on(date, BUREAU, `reviews ${member.name}`, async (ctx) => {
    const id = o.plan.get(applicationKey(member.handle, year));
    const approve = member.fate !== 'REJECTED';
    await advantageService.review(ctx, {
      id: toGlobalId('AdvantageApplication', id),
      version: await versionOf(ctx, 'advantage_application', id),
      decision: approve ? AdvantageDecision.APPROVE : AdvantageDecision.REJECT,
      comments: member.comments ?? (approve ? '材料齐全，符合优势企业培育条件。' : null),
      // On a year with evaluation sheets the bureau checks every self-assessed item first.
      ...(o.sheetYears.includes(year) ? { itemChecks: await itemChecksOf(ctx, 'advantage_application', id) } : {}),
    });
  });
}

/** A batch of an earlier year: window, applications, review, the list sent and confirmed; then each cultivation. */
function planPastBatch(o: AdvantagePlan, year: number, confirmedOn: string, members: { member: Member; company: Company }[]): void {
  const { plan } = o;
  members.forEach(({ company }, i) => planRegistration(plan, company, `${year}-02-${String(1 + i).padStart(2, '0')}`, BUREAU, o.staffHash));
  plan.on(`${year}-02-20`, BUREAU, `opens Guangdong's ${year} advantage batch`, async (ctx) => {
    const batch = await advantageService.setBatch(ctx, { year, opensOn: `${year}-03-01`, closesOn: `${year}-06-30` });
    plan.set(`batch:${year}`, batch.id);
  });
  members.forEach(({ member }, i) => {
    planSave(o, `${year}-03-${String(5 + i).padStart(2, '0')}`, member, year);
    planSubmit(o, `${year}-04-${String(1 + i).padStart(2, '0')}`, member, year);
    planReview(o, `${year}-07-${String(5 + i).padStart(2, '0')}`, member, year);
  });
  plan.on(`${year}-09-30`, BUREAU, `sends Guangdong's ${year} list`, async (ctx) => {
    await advantageService.submitBatch(ctx, { year, version: await versionOf(ctx, 'advantage_batch', plan.get(`batch:${year}`)) });
  });
  plan.on(confirmedOn, NATIONAL, `confirms Guangdong's ${year} list`, async (ctx) => {
    const batchId = plan.get(`batch:${year}`);
    const notConfirmed = members
      .filter(({ member }) => member.fate === 'NOT_CONFIRMED')
      .map(({ member }) => ({ applicationId: toGlobalId('AdvantageApplication', plan.get(applicationKey(member.handle, year))), reason: member.notConfirmed! }));
    const { designations } = await advantageService.confirmBatch(ctx, { batchId: toGlobalId('AdvantageBatch', batchId), version: await versionOf(ctx, 'advantage_batch', batchId), designatedOn: confirmedOn, notConfirmed });
    for (const d of designations) {
      const owner = members.find(({ member }) => plan.get(`enterprise:${member.handle}`) === d.enterprise.id);
      if (owner) plan.set(`designation:${owner.member.handle}`, d.id);
    }
  });
  for (const { member } of members) if (member.fate === 'DESIGNATED') planCultivation(o, member, confirmedOn);
}

/** What happens during a member's cultivation period (from `start`), as far as the demo's today. */
function planCultivation(o: AdvantagePlan, member: Member, start: string): void {
  const { plan } = o;
  const today = plan.today;
  const end = lastDayOfYears(start, 3);
  const designation = () => toGlobalId('Designation', plan.get(`designation:${member.handle}`));
  for (const year of member.reports ?? []) {
    // Each year's progress report shortly after the year ends (due 60 days after it).
    const on = addDays(lastDayOfYears(start, year), 11);
    if (on >= today) continue;
    plan.on(on, staffAccount(member), `${member.name} reports on cultivation year ${year}`, (ctx) =>
      cultivationService.submitReport(ctx, {
        designationId: designation(),
        cultivationYear: year,
        progress: `培育第 ${year} 年：新增发明专利申请 ${8 + year * 3} 件、授权 ${3 + year * 2} 件；完成专利导航分析 1 项；知识产权管理体系通过监督审核。`,
        nextSteps: '下一年度：围绕核心产品开展海外专利布局，建立知识产权风险预警机制，开展全员知识产权培训。',
      }),
    );
  }
  if (member.midTerm) {
    const on = addDays(monthsAfter(start, 18), 14);
    if (on < today && on <= end) {
      const passed = member.midTerm === 'PASSED';
      plan.on(on, BUREAU, `mid-term check of ${member.name}`, (ctx) =>
        cultivationService.recordMidTermCheck(ctx, {
          designationId: designation(),
          passed,
          notes: passed ? '年度报告按期提交，培育目标进度符合方案，中期检查通过。' : '第 1 年度进展报告逾期未交，培育方案主要指标未落实，中期检查不通过。',
        }),
      );
    }
  }
  if (member.withdraw) {
    const on = addDays(today, -75);
    if (on > start && on <= end) {
      plan.on(on, staffAccount(member), `${member.name} withdraws from cultivation`, (ctx) =>
        cultivationService.withdraw(ctx, { designationId: designation(), reason: '企业主营业务调整，研发团队重组，申请退出优势企业培育。' }),
      );
    }
  }
  if (member.revoke) {
    // An abnormal-patent-application finding, recorded by the bureau, then the title revoked by it [D 三(四)].
    const occurred = addDays(today, -200);
    const recorded = addDays(today, -190);
    const revoked = addDays(today, -180);
    if (occurred > start && revoked <= end) {
      plan.on(recorded, BUREAU, `records an incident of ${member.name}`, async (ctx) => {
        const incident = await revocationService.recordIncident(ctx, {
          enterpriseId: toGlobalId('Enterprise', plan.get(`enterprise:${member.handle}`)),
          kind: IncidentKind.ABNORMAL_PATENT_APPLICATION,
          occurredOn: occurred,
          description: '专项核查发现批量提交非正常专利申请 12 件',
          evidence: '广东省知识产权局非正常专利申请核查通报（演示）',
        });
        plan.set(`incident:${member.handle}`, incident.id);
      });
      plan.on(revoked, BUREAU, `revokes the advantage title of ${member.name}`, (ctx) =>
        revocationService.revoke(ctx, {
          designationId: designation(),
          incidentIds: [toGlobalId('RevocationIncident', plan.get(`incident:${member.handle}`))],
          reason: '培育期内存在非正常专利申请行为，撤销优势企业称号。',
        }),
      );
    }
  }
}

/**
 * This year's batch, still open or awaiting review: its steps fall between the window's opening
 * and a few days before today. Before the window has opened, the enterprises have drafts only.
 */
function planOpenBatch(o: AdvantagePlan, year: number, members: { member: Member; company: Company }[]): void {
  const { plan } = o;
  const today = plan.today;
  const yesterday = addDays(today, -1);
  members.forEach(({ company }, i) => planRegistration(plan, company, minDate(`${year}-02-${String(1 + i).padStart(2, '0')}`, addDays(today, -3)), BUREAU, o.staffHash));
  plan.on(minDate(`${year}-02-20`, addDays(today, -2)), BUREAU, `opens Guangdong's ${year} advantage batch`, async (ctx) => {
    const batch = await advantageService.setBatch(ctx, { year, opensOn: `${year}-03-01`, closesOn: `${year}-06-30` });
    plan.set(`batch:${year}`, batch.id);
  });
  const opens = `${year}-03-01`;
  const last = minDate(`${year}-06-30`, addDays(today, -3));
  if (last < opens) {
    for (const { member } of members) planSave(o, yesterday, member, year);
    return;
  }
  members.forEach(({ member }, i) => {
    planSave(o, between(opens, last, 0.05 * i), member, year);
    if (member.fate === 'DRAFT') return;
    planSubmit(o, between(opens, last, 0.3 + 0.1 * i), member, year);
    if (member.fate !== 'SUBMITTED') planReview(o, maxDate(between(opens, last, 0.9 + 0.03 * i), between(opens, last, 0.3 + 0.1 * i)), member, year);
  });
}
