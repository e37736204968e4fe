/**
 * The demo's showcase: the records a visitor looks at, made the way real use makes them — through
 * the services, each step as the demo account that would take it, on its date over the past years
 * (seeds/showcase-timeline.ts) — so that histories, the audit log and every status date read like
 * real use. The bulk of the demo data (seeds/demo.ts) stays plain rows.
 *
 * Relative to the demo's today T (year Y):
 * - accounts: `national-admin` (the first account, a row) creates the documented demo accounts;
 *   the working-day calendars (2025, 2026: seeds/calendars.ts) and the application windows;
 * - the advantage programme in Guangdong (seeds/showcase-advantage.ts);
 * - last year's demonstration round: two industry leaders applying directly, passed, on public
 *   notice from 1 September; an objection to one upheld; the other (`demo-enterprise`) designated;
 * - the current round R (this year, or last year before 20 March): a draft; one submitted and waiting
 *   for the Jiangsu bureau; in Guangdong one checked item by item and recommended with the bureau's
 *   letter and plan (a completed advantage cultivation: R2 met) and one rejected; passed and failed
 *   national reviews; a direct application on public notice since three days ago;
 * - a revoked demonstration title (incident, ban); a passed and a failed re-examination in
 *   Guangdong, and a round due for one;
 * - the bureaus' liaison officers, a committed plan, a draft re-plan (seeds/showcase-assignment.ts).
 *
 * Records older than the showcase (titles from before the maintained calendars) are rows, as the
 * bulk is. Notices need the working-day calendar of their years: a notice whose period would reach a
 * year not in seeds/calendars.ts is left out (the application stays PASSED_REVIEW), and when last
 * year's calendar is missing, `demo-enterprise`'s title is a row; holidays are never invented.
 */
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config.js';
import type { ReferenceData } from '../src/common/reference-data.js';
import { toGlobalId } from '../src/common/node.js';
import { hashPassword } from '../src/modules/account/passwords.js';
import { userAdminService } from '../src/modules/account/user-admin.service.js';
import { UserRole } from '../src/modules/account/user.entity.js';
import { ApplicationRoute } from '../src/modules/application/application.entity.js';
import { applicationService } from '../src/modules/application/application.service.js';
import { NationalDecision, ObjectionDecision } from '../src/modules/application/national.inputs.js';
import { nationalService } from '../src/modules/application/national.service.js';
import { noticeService } from '../src/modules/application/notice.service.js';
import { ProvincialDecision } from '../src/modules/application/provincial.inputs.js';
import { provincialService } from '../src/modules/application/provincial.service.js';
import { IncidentKind } from '../src/modules/designation/incident.entity.js';
import { reexaminationService } from '../src/modules/designation/reexamination.service.js';
import { revocationService } from '../src/modules/designation/revocation.service.js';
import { itemCheckService } from '../src/modules/evaluation/item-check.service.js';
import type { FileStorage } from '../src/modules/file/storage.js';
import { CalendarDayKind } from '../src/modules/programme/calendar-day.entity.js';
import { programmeService } from '../src/modules/programme/programme.service.js';
import { lastOfWorkingDays } from '../src/modules/programme/working-days.js';
import { CALENDARS, calendarDays } from './calendars.js';
import { addDays, insertUser } from './factories.js';
import { ADVANTAGE_ENTERPRISES, COMPLETED, planAdvantage } from './showcase-advantage.js';
import { planService } from './showcase-service.js';
import { planLiaison } from './showcase-liaison.js';
import { planStandard } from './showcase-standard.js';
import { planConsulting } from './showcase-consulting.js';
import { planAssignment } from './showcase-assignment.js';
import { planReporting } from './showcase-reporting.js';
import { planProvincial } from './showcase-provincial.js';
import { planNavigation } from './showcase-navigation.js';
import { planOverseas } from './showcase-overseas.js';
import { insertDesignatedTitle, insertPriorRecords, RUIKANG, type PriorRecords } from './showcase-prior.js';
import {
  between,
  itemChecksOf,
  maxDate,
  minDate,
  planRegistration,
  selfAssessment,
  staffAccount,
  Timeline,
  uploadPdf,
  versionOf,
  type Company,
} from './showcase-timeline.js';

const NATIONAL = 'national-admin';
const GUANGDONG_BUREAU = 'guangdong-admin';

/** The records of seeds/demo.ts the demo accounts belong to. */
export interface DemoRefs {
  /** 广东华创智能装备股份有限公司 (`demo-enterprise`). */
  enterpriseId: string;
  /** 张明 (`demo-expert`). */
  expertPersonId: string;
  /** 广东省知识产权保护中心服务团队 (`demo-provider`). */
  providerOrganizationId: string;
  /** 国家知识产权培训（广东）基地 (`demo-training-base`). */
  trainingBaseOrganizationId: string;
}

export interface ShowcaseOptions {
  today: string;
  reference: ReferenceData;
  /** The demo accounts' password (DEMO_PASSWORD of seeds/demo.ts). */
  password: string;
  demo: DemoRefs;
  /** Years with evaluation sheets (loaded before the showcase). */
  sheetYears: readonly number[];
  /** Where the bureau's letter and the enterprises' documents go; without it the steps that need one are left out. */
  storage?: FileStorage;
}

/** Every showcase enterprise (besides `demo-enterprise`'s, made by seeds/demo.ts): this file's, the advantage programme's, the service stations' three. */
export const SHOWCASE_ENTERPRISES = 10 + ADVANTAGE_ENTERPRISES + 3;

/** The documented demo accounts besides `national-admin` (README, "Demo accounts"), created by it. */
function demoAccounts(demo: DemoRefs) {
  return [
    { username: 'guangdong-admin', displayName: '广东省局管理员（演示）', role: UserRole.PROVINCIAL_ADMIN, regionCode: '440000' },
    { username: 'shenzhen-admin', displayName: '深圳市局管理员（演示）', role: UserRole.PROVINCIAL_ADMIN, regionCode: '440300' },
    { username: 'demo-enterprise', displayName: '广东华创智能装备（演示）', role: UserRole.ENTERPRISE_USER, enterpriseId: toGlobalId('Enterprise', demo.enterpriseId) },
    { username: 'demo-provider', displayName: '广东服务团队（演示）', role: UserRole.SERVICE_PROVIDER, organizationId: toGlobalId('ServiceOrganization', demo.providerOrganizationId) },
    { username: 'demo-training-base', displayName: '国家知识产权培训（广东）基地（演示）', role: UserRole.SERVICE_PROVIDER, organizationId: toGlobalId('ServiceOrganization', demo.trainingBaseOrganizationId) },
    { username: 'demo-expert', displayName: '张明（演示）', role: UserRole.EXPERT, personId: toGlobalId('Person', demo.expertPersonId) },
  ];
}

/** Enterprises of the demonstration stories registered by the national bureau (credit-code serials as before). */
const company = (name: string, handle: string, region: string, industry: string, serial: number, address: string, extra: Partial<Company> = {}): Company => ({
  name,
  handle,
  region,
  industry,
  size: 'LARGE',
  serial,
  founded: `${1995 + (serial % 12)}-0${1 + (serial % 9)}-12`,
  certified: `${2012 + (serial % 6)}-0${1 + (serial % 9)}-20`,
  address,
  ...extra,
});
const HONGTU = company('山东宏图生物医药有限公司', 'hongtu', '370000', '27', 2, '山东省济南市高新区新泺大街 1666 号');
const TIANHE = company('四川天合智能科技有限公司', 'tianhe', '510000', '39', 23, '四川省成都市高新区天府大道 999 号', { leader: true });
const TONGFANG = company('湖南同方机械有限公司', 'tongfang', '430000', '34', 24, '湖南省长沙市经开区星沙大道 18 号', { leader: true });
const GUANGQI = company('湖北光启光电科技股份有限公司', 'guangqi', '420000', '39', 4, '湖北省武汉市东湖高新区光谷大道 77 号', { leader: true, exportOriented: true });
const YONGXIN = company('福建永新食品科技有限公司', 'yongxin', '350000', '14', 21, '福建省福州市仓山区建新镇 66 号', { leader: true });

/** Calendar coverage: every year a period from `start` reaches is in seeds/calendars.ts. */
const EXCEPTIONS = new Map(CALENDARS.flatMap((c) => calendarDays(c)).map((d) => [d.date, d.kind] as const));
const MAINTAINED = new Set(CALENDARS.map((c) => c.year));
function noticeEnd(start: string, workingDays: number): string | null {
  const end = lastOfWorkingDays(start, workingDays, EXCEPTIONS);
  for (let y = Number(start.slice(0, 4)); y <= Number(end.slice(0, 4)); y++) if (!MAINTAINED.has(y)) return null;
  return end;
}
/** The programme's default notice period (programme_settings.notice_working_days). */
const NOTICE_WORKING_DAYS = 10;

/**
 * Loads the showcase inside the caller's transaction (`em`): the rows it starts from, then the
 * timeline. Returns the number of accounts and of steps played.
 */
export async function loadShowcase(em: EntityManager, o: ShowcaseOptions): Promise<{ users: number; steps: number }> {
  const today = o.today;
  const thisYear = Number(today.slice(0, 4));
  // The current demonstration round: this year's once its window has been open a few weeks.
  const round = today >= `${thisYear}-03-20` ? thisYear : thisYear - 1;
  const last = thisYear - 1;
  const start = `${round - 4}-01-05`;
  const plan = new Timeline({ em, reference: o.reference, config: loadConfig({}), today });

  // The first account (nothing creates the first national admin), and the staff accounts' shared hash.
  await insertUser(em, { username: NATIONAL, displayName: '国家局管理员（演示）', passwordHash: await hashPassword(o.password), role: 'NATIONAL_ADMIN' });
  const staffHash = await hashPassword(randomBytes(24).toString('base64url'));
  const prior = await insertPriorRecords(em, today, staffHash);
  plan.set(enterpriseKey(RUIKANG.handle), prior.ruikang);

  // The national bureau sets up the programme: the demo accounts, the calendars, the windows.
  plan.on(start, NATIONAL, 'creates the demo accounts', async (ctx) => {
    for (const account of demoAccounts(o.demo)) await userAdminService.create(ctx, { ...account, password: o.password });
  });
  for (const seed of CALENDARS) {
    // Entered when the State Council publishes it (November of the year before).
    const on = minDate(maxDate(`${seed.year - 1}-11-20`, addDays(start, 1)), addDays(today, -1));
    plan.on(on, NATIONAL, `enters the ${seed.year} working-day calendar`, (ctx) =>
      programmeService.setCalendar(ctx, { year: seed.year, days: calendarDays(seed).map((d) => ({ date: d.date, kind: d.kind as CalendarDayKind, name: d.name })) }),
    );
  }
  for (const year of [...new Set([last, round, thisYear])].sort((a, b) => a - b)) {
    plan.on(minDate(`${year}-02-20`, addDays(today, -1)), NATIONAL, `publishes the ${year} application window`, (ctx) => applicationService.setWindow(ctx, { year, opensOn: `${year}-03-01` }));
  }

  planAdvantage({ plan, staffHash, sheetYears: o.sheetYears, round });
  const lastNotice = planLastRound(plan, o, last, staffHash);
  if (!lastNotice) await insertDesignatedTitle(em, o.demo.enterpriseId, last);
  planCurrentRound(plan, o, round, staffHash);
  planTitles(plan, prior);
  // The service-team measure and the daily contact [D 四(三), 五(一), A 四(二)].
  planService(plan, { demo: o.demo, staffHash });
  await planLiaison(plan, em, o);
  planStandard(plan, { providerOrganizationId: o.demo.providerOrganizationId });
  planConsulting(plan, { demo: o.demo });
  // The bureaus' liaison officers [D 五(一), R17].
  planAssignment(plan, { demo: o.demo });
  // Reports frozen by the bureaus (issue 15).
  planReporting(plan);
  // The provincial bureaus' plans and annual summaries (R15).
  planProvincial(plan);
  // Patent navigation and priority examination (R21) [D 四(一)].
  planNavigation(plan, o.demo);
  // The overseas workstations' profiles and calendars [D 四(二)一].
  planOverseas(plan, o.demo, o.password);

  const steps = await plan.play();
  const [{ n }] = (await em.execute<{ n: number }[]>('select count(*)::int as n from app_user', [], 'all')) as [{ n: number }];
  return { users: n, steps };
}

const appKey = (handle: string, year: number) => `application:${handle}:${year}`;
const enterpriseKey = (handle: string) => `enterprise:${handle}`;

const TEXT = {
  workFoundation: '已通过《企业知识产权管理规范》认证，设立知识产权部，配备专职人员；建立专利导航和风险预警机制。',
  goalsAndTasks: '三年内形成核心技术专利组合，参与制定国家标准，海外专利布局覆盖主要出口市场。',
  measures: '专利导航决策机制、研发项目知识产权全流程管理、海外纠纷应对预案、分层分类培训。',
};

/** The enterprise's application: drafted (saveDemonstrationApplication) and, if `submitOn`, submitted. */
function planApplication(
  plan: Timeline,
  o: ShowcaseOptions,
  who: { name: string; handle: string; account: string },
  year: number,
  route: ApplicationRoute,
  scores: [number, number],
  saveOn: string,
  submitOn: string | null,
  attachment?: { on: string; fileName: string; title: string },
): void {
  if (attachment && o.storage) {
    const storage = o.storage;
    plan.on(attachment.on, who.account, `${who.name} uploads ${attachment.fileName}`, async (ctx) => plan.set(`attachment:${who.handle}:${year}`, await uploadPdf(ctx, storage, attachment.fileName, attachment.title)));
  }
  plan.on(saveOn, who.account, `${who.name} drafts its ${year} application`, async (ctx) => {
    const attachmentKey = `attachment:${who.handle}:${year}`;
    const app = await applicationService.save(ctx, {
      enterpriseId: toGlobalId('Enterprise', plan.get(enterpriseKey(who.handle))),
      year,
      route,
      formContent: `${who.name}国家知识产权示范企业申报书`,
      ...TEXT,
      ...selfAssessment(year, scores[0], scores[1], o.sheetYears),
      ...(plan.has(attachmentKey) ? { attachmentIds: [plan.get(attachmentKey)] } : {}),
    });
    plan.set(appKey(who.handle, year), app.id);
  });
  if (submitOn) {
    plan.on(submitOn, who.account, `${who.name} submits its ${year} application`, async (ctx) => {
      const id = plan.get(appKey(who.handle, year));
      await applicationService.submit(ctx, toGlobalId('DemonstrationApplication', id), await versionOf(ctx, 'demonstration_application', id));
    });
  }
}

function planNationalReview(plan: Timeline, on: string, handle: string, year: number, pass: boolean, comments: string): void {
  plan.on(on, NATIONAL, `reviews ${handle}'s ${year} application`, async (ctx) => {
    const id = plan.get(appKey(handle, year));
    await nationalService.review(ctx, {
      id: toGlobalId('DemonstrationApplication', id),
      version: await versionOf(ctx, 'demonstration_application', id),
      decision: pass ? NationalDecision.PASS : NationalDecision.FAIL,
      comments,
    });
  });
}

function planNotice(plan: Timeline, on: string, year: number, title: string, handles: string[], key: string): void {
  plan.on(on, NATIONAL, `opens the notice "${title}"`, async (ctx) => {
    const notice = await noticeService.openNotice(ctx, { year, title, startsOn: on, applicationIds: handles.map((h) => toGlobalId('DemonstrationApplication', plan.get(appKey(h, year)))) });
    plan.set(key, notice.id);
  });
}

const demoEnterprise = (o: ShowcaseOptions) => ({ name: '广东华创智能装备股份有限公司', handle: 'huachuang', account: 'demo-enterprise', id: o.demo.enterpriseId });
const staff = (c: { name: string; handle: string }) => ({ name: c.name, handle: c.handle, account: staffAccount(c) });

/**
 * Last year's round: `demo-enterprise` and 福建永新 (industry leaders) apply directly, pass, go on
 * notice on 1 September; an objection to 永新 is upheld; the list is published. Returns false when
 * last year's calendar is not maintained (no notice then).
 */
function planLastRound(plan: Timeline, o: ShowcaseOptions, year: number, staffHash: string): boolean {
  const huachuang = demoEnterprise(o);
  plan.set(enterpriseKey(huachuang.handle), huachuang.id);
  planRegistration(plan, YONGXIN, `${year}-02-10`, NATIONAL, staffHash);
  planApplication(plan, o, huachuang, year, ApplicationRoute.DIRECT, [88, 90], `${year}-03-10`, `${year}-03-20`);
  planApplication(plan, o, staff(YONGXIN), year, ApplicationRoute.DIRECT, [80, 83], `${year}-03-15`, `${year}-04-10`);
  planNationalReview(plan, `${year}-08-10`, huachuang.handle, year, true, '评审合格。');
  planNationalReview(plan, `${year}-08-10`, YONGXIN.handle, year, true, '评审合格。');
  const opens = `${year}-09-01`;
  const ends = noticeEnd(opens, NOTICE_WORKING_DAYS);
  if (!ends) return false;
  const key = `notice:${year}`;
  planNotice(plan, opens, year, `${year} 年度国家知识产权示范企业拟认定名单公示`, [huachuang.handle, YONGXIN.handle], key);
  plan.on(addDays(opens, 2), null, 'objects to 福建永新', async (ctx) => {
    const objection = await noticeService.lodgeObjection(ctx, {
      applicationId: toGlobalId('DemonstrationApplication', plan.get(appKey(YONGXIN.handle, year))),
      content: '该企业申报的 PCT 国际申请量与实际不符，部分申请已在国际阶段撤回。',
      contactName: '李女士',
      contactPhone: '13600002222',
    });
    plan.set(`objection:${year}`, objection.id);
  });
  plan.on(addDays(opens, 9), NATIONAL, 'upholds the objection to 福建永新', (ctx) =>
    noticeService.decideObjection(ctx, { id: toGlobalId('Objection', plan.get(`objection:${year}`)), decision: ObjectionDecision.UPHOLD, note: '经核查异议属实，不予认定。' }),
  );
  const designatedOn = maxDate(`${year}-09-26`, addDays(ends, 1));
  plan.on(designatedOn, NATIONAL, `publishes the ${year} designation list`, (ctx) => noticeService.publish(ctx, { noticeId: toGlobalId('PublicNotice', plan.get(key)), designatedOn }));
  return true;
}

/**
 * The current round R, between its window's opening and a few days before today: see the top of
 * the file. The national reviews follow the window (20 August, or sooner when today is earlier).
 */
function planCurrentRound(plan: Timeline, o: ShowcaseOptions, year: number, staffHash: string): void {
  const today = plan.today;
  const opens = `${year}-03-01`;
  const closes = minDate(`${year}-07-31`, addDays(today, -5));
  const at = (fraction: number) => between(opens, closes, fraction);
  const reviewed = minDate(`${year}-08-20`, addDays(today, -4));
  for (const [i, c] of [HONGTU, TIANHE, TONGFANG, GUANGQI].entries()) planRegistration(plan, c, `${year}-02-${String(10 + i).padStart(2, '0')}`, NATIONAL, staffHash);
  const [huayu, siyuan] = COMPLETED.map(staff) as [ReturnType<typeof staff>, ReturnType<typeof staff>];

  // Drafts and submissions.
  planApplication(plan, o, staff(HONGTU), year, ApplicationRoute.PROVINCIAL, [74, 79], at(0.3), null);
  planApplication(plan, o, staff(RUIKANG), year, ApplicationRoute.PROVINCIAL, [82.5, 86], at(0.1), at(0.5));
  planApplication(plan, o, huayu, year, ApplicationRoute.PROVINCIAL, [83, 85], at(0.05), at(0.2), {
    on: at(0.02),
    fileName: '知识产权管理体系认证证书.pdf',
    title: '广东华宇机器人有限公司 知识产权管理体系认证证书',
  });
  planApplication(plan, o, siyuan, year, ApplicationRoute.PROVINCIAL, [76, 81], at(0.1), at(0.3));
  planApplication(plan, o, staff(TIANHE), year, ApplicationRoute.DIRECT, [86, 88], at(0.15), at(0.35));
  planApplication(plan, o, staff(TONGFANG), year, ApplicationRoute.DIRECT, [78, 82], at(0.2), at(0.4));
  planApplication(plan, o, staff(GUANGQI), year, ApplicationRoute.DIRECT, [91, 93], at(0.12), at(0.25));

  // The Guangdong bureau: its letter and plan, the check of 华宇's items, the recommendation; 思源 rejected.
  if (o.storage) {
    const storage = o.storage;
    plan.on(at(0.6), GUANGDONG_BUREAU, `files Guangdong's ${year} recommendation letter and plan`, async (ctx) => {
      const letterFileId = await uploadPdf(ctx, storage, '广东省推荐函.pdf', '广东省知识产权局关于推荐国家知识产权示范企业的函');
      await provincialService.savePackage(ctx, {
        year,
        letterFileId,
        goals: '三年培育国家知识产权示范企业 10 家、优势企业 60 家。',
        workPlan: '分批辅导、年度考核，优势企业培育期满择优推荐。',
        organization: '省局牵头，地市局配合，服务团队驻企辅导。',
        policySupport: '专项资金、专利优先审查推荐、质押融资贴息。',
        funding: '省级知识产权专项资金 3000 万元。',
        supervision: '季度督导、年度检查，结果向社会公开。',
      });
    });
  }
  plan.on(at(0.7), GUANGDONG_BUREAU, `checks ${huayu.name}'s items`, async (ctx) => {
    const id = plan.get(appKey(huayu.handle, year));
    const items = await itemChecksOf(ctx, 'demonstration_application', id, (item, i) => (i === 0 && item.score >= 1 ? { by: 1, reason: '认证证书取得不足一个监督周期，按评分细则扣 1 分。' } : null));
    await itemCheckService.check(ctx, {
      applicationId: toGlobalId('DemonstrationApplication', id),
      version: await versionOf(ctx, 'demonstration_application', id),
      items,
      backboneStatement: '该企业是国内工业机器人核心部件领域的骨干企业，主导制定行业标准 2 项，产品市场占有率居全国前列，行业影响力较强。',
    });
  });
  if (o.storage) {
    plan.on(at(0.8), GUANGDONG_BUREAU, `recommends ${huayu.name}`, async (ctx) => {
      const id = plan.get(appKey(huayu.handle, year));
      await provincialService.review(ctx, { id: toGlobalId('DemonstrationApplication', id), version: await versionOf(ctx, 'demonstration_application', id), decision: ProvincialDecision.RECOMMEND });
    });
  }
  plan.on(at(0.65), GUANGDONG_BUREAU, `rejects ${siyuan.name}`, async (ctx) => {
    const id = plan.get(appKey(siyuan.handle, year));
    await provincialService.review(ctx, {
      id: toGlobalId('DemonstrationApplication', id),
      version: await versionOf(ctx, 'demonstration_application', id),
      decision: ProvincialDecision.REJECT,
      reason: 'B 表“知识产权运用”指标佐证材料不足，建议完善后来年再报。',
    });
  });

  // The national reviews, and the direct application on notice since three days ago.
  planNationalReview(plan, reviewed, TIANHE.handle, year, true, '评审合格，待公示。');
  planNationalReview(plan, reviewed, TONGFANG.handle, year, false, 'A 表“知识产权战略”得分依据不足。');
  planNationalReview(plan, reviewed, GUANGQI.handle, year, true, '评审合格（行业领军企业直接申报）。');
  const noticeOn = addDays(today, -3);
  if (noticeOn > reviewed && noticeEnd(noticeOn, NOTICE_WORKING_DAYS)) {
    planNotice(plan, noticeOn, year, `${year} 年度国家知识产权示范企业拟认定名单公示（直接申报）`, [GUANGQI.handle], `notice:${year}:direct`);
  }
}

/** Titles changed since: a revocation by the national bureau, two re-examinations by the Guangdong bureau. */
function planTitles(plan: Timeline, prior: PriorRecords): void {
  const today = plan.today;
  const occurred = addDays(today, -120);
  plan.on(addDays(today, -118), NATIONAL, 'records an incident of 浙江恒泰', async (ctx) => {
    const incident = await revocationService.recordIncident(ctx, {
      enterpriseId: toGlobalId('Enterprise', prior.revokedEnterprise),
      kind: IncidentKind.ABNORMAL_PATENT_APPLICATION,
      occurredOn: occurred,
      description: '专项核查发现批量非正常专利申请 37 件',
      evidence: '国家知识产权局非正常专利申请排查通报（演示）',
    });
    plan.set('incident:hengtai', incident.id);
  });
  plan.on(addDays(today, -60), NATIONAL, 'revokes the title of 浙江恒泰', (ctx) =>
    revocationService.revoke(ctx, {
      designationId: toGlobalId('Designation', prior.revokedTitle),
      incidentIds: [toGlobalId('RevocationIncident', plan.get('incident:hengtai'))],
      reason: '存在非正常专利申请行为（三(四)），撤销示范企业称号。',
    }),
  );
  plan.on(addDays(today, -45), GUANGDONG_BUREAU, 're-examines 广东卓越精工 (passed)', (ctx) =>
    reexaminationService.record(ctx, { designationId: toGlobalId('Designation', prior.passedRound), passed: true, scoreA: 86, scoreB: 88, notes: '复核得分达标，近三年无违规情形，复核通过并报国家局备案。' }),
  );
  plan.on(addDays(today, -15), GUANGDONG_BUREAU, 're-examines 广东国瑞化工 (failed)', (ctx) =>
    reexaminationService.record(ctx, { designationId: toGlobalId('Designation', prior.failedRound), passed: false, scoreA: 71, scoreB: 77, notes: 'B 表得分未达标，知识产权运用指标明显下滑，复核不通过。' }),
  );
}
