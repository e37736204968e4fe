import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may, type Action } from '../../common/policy.js';
import { factsOf, isEnterpriseVisible, type EnterpriseFacts } from '../enterprise/enterprise.policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId, tryGlobalId } from '../../common/node.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { programmeService } from '../programme/programme.service.js';
import { ApplicationWindow } from './application-window.entity.js';
import { ApplicationRoute, ApplicationStatus, DemonstrationApplication } from './application.entity.js';
import { describeUnmet, scoresOf, unmetConditions, type UnmetCondition } from './eligibility.js';
import { assertEnterpriseFiles, assertSelfAssessed, assessSelf, MAX_ITEMS } from '../evaluation/assessment.js';
import type { SaveDemonstrationApplicationInput, SetApplicationWindowInput } from './application.inputs.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { applicationActions } from './application.policy.js';

const APPLICATION_FIELDS = ['year', 'route', 'status', 'formContent', 'workFoundation', 'goalsAndTasks', 'measures', 'scoreA', 'scoreB', 'indicators', 'attachmentIds'] as const;
const TEXT_LIMITS = { formContent: 50_000, workFoundation: 20_000, goalsAndTasks: 20_000, measures: 20_000 } as const;

/** The enterprise if the viewer may `act` on it; NOT_FOUND when invisible, else the action's refusal (FORBIDDEN). */
async function enterpriseFor(em: EntityManager, ctx: Context, act: Action<EnterpriseFacts>, id: string, globalId: string): Promise<Enterprise> {
  const enterprise = await em.findOne(Enterprise, id);
  if (!enterprise || !(await isEnterpriseVisible(em, ctx.viewer, ctx.clock.today(), id))) throw notFound('企业', globalId);
  assertMay(ctx, act, factsOf(enterprise));
  return enterprise;
}

export const applicationService = {
  /** A year's window (public), or null before it is published. */
  async window(ctx: Context, year: number): Promise<ApplicationWindow | null> {
    return ctx.em.findOne(ApplicationWindow, year);
  },

  /** An enterprise's applications, newest year first: with its whole record only, else null. */
  async applicationsOf(ctx: Context, e: Enterprise): Promise<DemonstrationApplication[] | null> {
    if (!may(ctx.viewer, applicationActions.read, factsOf(e))) return null;
    return ctx.loaders.application.byEnterprise.load(e.id);
  },

  /** An application's attachments in the order they were added (files the viewer may read). */
  async attachmentsOf(ctx: Context, a: DemonstrationApplication): Promise<StoredFile[]> {
    const files = await ctx.loaders.file.visibleById.loadMany(a.attachmentIds);
    return files.filter((f): f is StoredFile => f instanceof StoredFile);
  },

  /**
   * R4 [D 三(二)2, 三(三)1]: the national admin sets the year's window; it closes by default, and at
   * the latest, on the programme's `applicationClosesBy` (31 July): earlier is allowed, later only
   * by changing the programme setting itself (audited).
   */
  async setWindow(ctx: Context, input: SetApplicationWindowInput): Promise<ApplicationWindow> {
    assertMay(ctx, applicationActions.setWindow);
    const v = requireUser(ctx);
    const problems = new InputProblems();
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) problems.add('year', '应在 2000 到 2100 之间');
    problems.throwIfAny();
    const latest = `${input.year}-${(await programmeService.settings(ctx.em)).applicationClosesBy}`;
    const closesOn = input.closesOn ?? latest;
    if (!input.opensOn.startsWith(`${input.year}-`)) problems.add('opensOn', '应在该年度内');
    if (!closesOn.startsWith(`${input.year}-`)) problems.add('closesOn', '应在该年度内');
    if (closesOn < input.opensOn) problems.add('closesOn', '不能早于开始受理日');
    problems.throwIfAny();
    if (closesOn > latest) {
      throw ruleViolation('R4', `受理期最晚于 ${latest} 截止（三(二)2、三(三)1：每年 7 月底前完成推荐）；如须延后，先修改规则设置 applicationClosesBy`, {
        paragraph: '三(二)2、三(三)1',
        field: 'closesOn',
        latest,
      });
    }
    return transaction(ctx.em, async (em) => {
      // The first window of a year is created once: concurrent settings of it queue here, then update it.
      await advisoryLock(em, `application-window:${input.year}`);
      const existing = await em.findOne(ApplicationWindow, input.year, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const before = existing ? snapshot(existing, ['opensOn', 'closesOn']) : null;
      const window = existing ?? em.create(ApplicationWindow, { year: input.year, opensOn: input.opensOn, closesOn });
      window.opensOn = input.opensOn;
      window.closesOn = closesOn;
      window.updatedBy = v.username;
      recordAudit(em, ctx, { operation: 'setApplicationWindow', objectType: 'ApplicationWindow', objectId: String(input.year), jurisdiction: null, changes: changedFields(before, snapshot(window, ['opensOn', 'closesOn']), ['opensOn', 'closesOn']) });
      await em.flush();
      return window;
    });
  },

  async eligibility(ctx: Context, enterpriseGlobalId: string, asOf: string | null | undefined, route: ApplicationRoute | null | undefined) {
    const id = expectGlobalId(enterpriseGlobalId, 'Enterprise', 'enterpriseId');
    requireUser(ctx);
    const enterprise = await enterpriseFor(ctx.em, ctx, applicationActions.checkEligibility, id, enterpriseGlobalId);
    const date = asOf ?? ctx.clock.today();
    const application = await ctx.em.findOne(DemonstrationApplication, { enterprise: id, year: Number(date.slice(0, 4)) });
    const useRoute = route ?? application?.route ?? ApplicationRoute.PROVINCIAL;
    const settings = await programmeService.settings(ctx.em);
    const unmet = await unmetConditions(ctx.em, { enterprise, asOf: date, route: useRoute, scores: application ? scoresOf(application) : null, settings });
    return { enterprise, asOf: date, route: useRoute, eligible: unmet.length === 0, unmet };
  },

  /** Creates or updates the enterprise's draft for a year (the enterprise's own user). */
  async save(ctx: Context, input: SaveDemonstrationApplicationInput): Promise<DemonstrationApplication> {
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    assertMay(ctx, applicationActions.save, { enterpriseId });
    const problems = new InputProblems();
    const thisYear = Number(ctx.clock.today().slice(0, 4));
    if (!Number.isInteger(input.year) || input.year < thisYear - 1 || input.year > thisYear + 1) problems.add('year', `应在 ${thisYear - 1} 到 ${thisYear + 1} 之间`);
    for (const [field, max] of Object.entries(TEXT_LIMITS) as [keyof typeof TEXT_LIMITS, number][]) {
      const value = input[field];
      if (value != null && [...value].length > max) problems.add(field, `最长 ${max} 字`);
    }
    for (const field of ['scoreA', 'scoreB'] as const) {
      const v = input[field];
      if (v != null && (!Number.isFinite(v) || v < 0 || v > 100)) problems.add(field, '应在 0 到 100 之间');
    }
    // The indicators are checked against the year's evaluation sheets (evaluation/assessment.ts) inside the transaction.
    const indicators = input.indicators ?? undefined;
    if (indicators && indicators.length > MAX_ITEMS) problems.add('indicators', `最多 ${MAX_ITEMS} 项`);
    const attachmentIds = input.attachmentIds?.map((id, i) => {
      const key = tryGlobalId(id, 'StoredFile');
      if (!key) problems.add(`attachmentIds.${i}`, '不是有效的文件 ID');
      return key ?? '';
    });
    if (attachmentIds && attachmentIds.length > 30) problems.add('attachmentIds', '最多 30 个附件');
    problems.throwIfAny();

    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseFor(em, ctx, applicationActions.save, enterpriseId, input.enterpriseId);
      // Only files this enterprise uploaded can be attached.
      if (attachmentIds?.length) await assertEnterpriseFiles(em, enterprise.id, attachmentIds.map((id, i) => ({ id, field: `attachmentIds.${i}` })));
      let application = await em.findOne(DemonstrationApplication, { enterprise: enterpriseId, year: input.year });
      const before = application ? snapshot(application, APPLICATION_FIELDS) : null;
      if (application) {
        if (application.status !== ApplicationStatus.DRAFT) throw conflict('该年度的申报已提交，不能再修改', { status: application.status });
        if (input.version == null || input.version !== application.version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: application.version });
      } else {
        application = em.create(DemonstrationApplication, {
          enterprise: enterprise.id,
          year: input.year,
          route: input.route ?? ApplicationRoute.PROVINCIAL,
          formContent: '',
          workFoundation: '',
          goalsAndTasks: '',
          measures: '',
        });
      }
      // Self-assessment item by item against the year's sheets (a table without a sheet: the free breakdown).
      const assessed = await assessSelf(em, {
        year: input.year,
        enterpriseId: enterprise.id,
        items: indicators,
        current: application.indicators,
        totals: { A: input.scoreA, B: input.scoreB },
      });
      if (input.route != null) application.route = input.route;
      for (const field of Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]) {
        const value = input[field];
        if (value != null) application[field] = value;
      }
      if (assessed.totals.A !== undefined) application.scoreA = assessed.totals.A;
      if (assessed.totals.B !== undefined) application.scoreB = assessed.totals.B;
      if (attachmentIds) application.attachmentIds = [...new Set(attachmentIds)];
      if (assessed.items) application.indicators = assessed.items;
      recordAudit(em, ctx, {
        operation: 'saveDemonstrationApplication',
        objectType: 'DemonstrationApplication',
        objectId: application.id,
        jurisdiction: enterprise.region.unwrap().code,
        changes: changedFields(before, snapshot(application, APPLICATION_FIELDS), APPLICATION_FIELDS),
      });
      await flushOrConflict(em, {
        duplicate: () => conflict('该企业该年度的申报已由他人创建，请刷新后修改'),
        stale: () => conflict('申报已被修改，请刷新后重试', { field: 'version' }),
      });
      return application;
    });
  },

  /** Submits a complete draft inside the year's window (R4) when every condition is met; else nothing changes. */
  async submit(ctx: Context, globalId: string, version: number): Promise<DemonstrationApplication> {
    const id = expectGlobalId(globalId, 'DemonstrationApplication', 'id');
    requireUser(ctx);
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const application = await em.findOne(DemonstrationApplication, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!application) throw notFound('申报', globalId);
      assertMay(ctx, applicationActions.submit, { enterpriseId: application.enterprise.id });
      if (application.status !== ApplicationStatus.DRAFT) throw conflict('该申报已提交', { status: application.status });
      if (application.version !== version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: application.version });
      // The self-assessment must follow the year's sheets (a draft saved before they were published must be re-assessed).
      const totals = await assertSelfAssessed(em, { year: application.year, enterpriseId: application.enterprise.id, indicators: application.indicators });
      if (totals.A !== undefined) application.scoreA = totals.A;
      if (totals.B !== undefined) application.scoreB = totals.B;
      const problems = new InputProblems();
      for (const field of Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]) if (!application[field].trim()) problems.add(field, '提交前须填写');
      if (application.scoreA == null) problems.add('scoreA', '提交前须填写');
      if (application.scoreB == null) problems.add('scoreB', '提交前须填写');
      if (problems.problems.length) throw badInput(problems.problems, `申报内容不完整：${problems.problems.map((p) => p.field).join('、')}`);
      const window = await em.findOne(ApplicationWindow, application.year);
      if (!window || today < window.opensOn || today > window.closesOn) {
        throw ruleViolation('R4', window ? `不在 ${application.year} 年度申报受理期内（${window.opensOn} 至 ${window.closesOn}）` : `国家局尚未发布 ${application.year} 年度的申报受理期`, {
          paragraph: '三(二)2、三(三)',
          ...(window ? { opensOn: window.opensOn, closesOn: window.closesOn } : {}),
        });
      }
      const enterprise = await em.findOneOrFail(Enterprise, application.enterprise.id);
      const unmet: UnmetCondition[] = await unmetConditions(em, { enterprise, asOf: today, route: application.route, scores: { a: application.scoreA, b: application.scoreB }, settings });
      if (unmet.length) {
        throw ruleViolation(unmet[0]!.rule, `不满足申报条件：${unmet.map((u) => `${u.rule} ${u.message}`).join('；')}`, {
          unmet: unmet.map(describeUnmet),
        });
      }
      const before = snapshot(application, APPLICATION_FIELDS);
      application.status = ApplicationStatus.SUBMITTED;
      application.submittedAt = ctx.clock.now();
      recordAudit(em, ctx, {
        operation: 'submitDemonstrationApplication',
        objectType: 'DemonstrationApplication',
        objectId: application.id,
        jurisdiction: enterprise.region.unwrap().code,
        changes: changedFields(before, snapshot(application, APPLICATION_FIELDS), APPLICATION_FIELDS),
      });
      await em.flush();
      return application;
    });
  },
};
