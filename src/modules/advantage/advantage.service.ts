/**
 * The advantage-enterprise programme [A 一, 三, 四] on the demonstration machinery: the title is a
 * Designation (level ADVANTAGE) valid for the cultivation period; bans, incidents (R12/R13), the
 * audit history and revocation are the same; what differs is who runs the steps (the provincial
 * bureau leads, the national bureau confirms the provinces' yearly lists when the programme setting
 * says so) and what happens during the period (yearly progress reports, a mid-term check).
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { requireUser, jurisdictionOf } from '../../common/viewer.policy.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId, toGlobalId } from '../../common/node.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { anyOf, query, sql, type Sql } from '../../common/sql.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { factsOf, isEnterpriseVisible } from '../enterprise/enterprise.policy.js';
import { enterpriseAttachments } from '../file/file.service.js';
import { assertSelfAssessed, assessSelf, checkItems, yearHasSheets } from '../evaluation/assessment.js';
import { programmeService } from '../programme/programme.service.js';
import { AdvantageApproval, type ProgrammeSettings } from '../programme/programme-settings.entity.js';
import type { Designation } from '../designation/designation.entity.js';
import { todayInChina } from '../../common/scalars.js';
import { assertGoodStanding } from '../application/eligibility.js';
import { PublicNotice } from '../application/public-notice.entity.js';
import { AdvantageApplication, AdvantageApplicationStatus, AdvantageBatch, StandardPath } from './advantage.entity.js';
import { openAdvantageNotice } from './advantage-notice.js';
import { advantageActions, advantageRecordVisibility } from './advantage.policy.js';
import { ADVANTAGE_APPLICATION_FIELDS as APPLICATION_FIELDS, assertNoTitleHeld, assertStandingThrough, batchOf, newDesignation, refuseUnmet, unmetAdvantageConditions } from './advantage.rules.js';
import {
  AdvantageDecision,
  type AdvantageApplicationFilter,
  type ConfirmAdvantageBatchInput,
  type ReviewAdvantageApplicationInput,
  type SaveAdvantageApplicationInput,
  type SetAdvantageBatchInput,
  type SubmitAdvantageBatchInput,
} from './advantage.inputs.js';

const TEXT_LIMITS = { formContent: 50_000, workPlan: 20_000, implementationPlan: 20_000 } as const;
const BATCH_FIELDS = ['opensOn', 'closesOn', 'submittedAt', 'confirmedAt'] as const;

function checkYear(problems: InputProblems, year: number, today: string): void {
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(year) || year < thisYear - 1 || year > thisYear + 1) problems.add('year', `应在 ${thisYear - 1} 到 ${thisYear + 1} 之间`);
}

const regionOf = (e: Enterprise) => e.region.unwrap().code;

/** The first day of a list's notice: `asked` (not before today) or today when the step opens one; refused when it does not. */
function noticeStart(ctx: Context, asked: string | null | undefined, opensNotice: boolean, collect?: InputProblems): string | null {
  const today = ctx.clock.today();
  const problems = collect ?? new InputProblems();
  if (!opensNotice && asked) problems.add('noticeStartsOn', '按现行规则设置，本步骤不公示');
  if (asked && asked < today) problems.add('noticeStartsOn', '不能早于今日');
  if (!collect) problems.throwIfAny();
  return opensNotice ? (asked ?? today) : null;
}

/** The enterprise if visible (NOT_FOUND otherwise) and the viewer may `act` on it (else the action's refusal). */
async function enterpriseFor(em: EntityManager, ctx: Context, id: string, globalId: string): Promise<Enterprise> {
  const enterprise = await em.findOne(Enterprise, id);
  if (!enterprise || !(await isEnterpriseVisible(em, ctx.viewer, ctx.clock.today(), id))) throw notFound('企业', globalId);
  return enterprise;
}


/** Approved applications designated from today by the province (R12/R13 and A3 checked on today), each with its audit. */
async function designateApproved(em: EntityManager, ctx: Context, apps: readonly AdvantageApplication[], settings: ProgrammeSettings): Promise<Designation[]> {
  const today = ctx.clock.today();
  const names = new Map((apps.length ? await em.find(Enterprise, { id: { $in: apps.map((a) => a.enterprise.id) } }) : []).map((e) => [e.id, e.name]));
  const subjects = apps.map((a) => ({ enterpriseId: a.enterprise.id, label: names.get(a.enterprise.id) ?? a.enterprise.id, key: { applicationId: toGlobalId('AdvantageApplication', a.id) } }));
  await assertStandingThrough(em, '不能认定', subjects, [today], settings);
  await assertNoTitleHeld(em, '不能认定', subjects, [today]);
  return apps.map((app) => {
    const before = snapshot(app, APPLICATION_FIELDS);
    const d = newDesignation(em, app.enterprise.id, app.year, today, settings);
    app.status = AdvantageApplicationStatus.DESIGNATED;
    app.designationId = d.id;
    recordAudit(em, ctx, { operation: 'designateAdvantageEnterprise', objectType: 'Designation', objectId: d.id, jurisdiction: app.regionCode, changes: { status: { before: null, after: 'ACTIVE' }, validity: { before: null, after: `${d.validFrom}–${d.validUntil}` } } });
    recordAudit(em, ctx, { operation: 'submitAdvantageBatch', objectType: 'AdvantageApplication', objectId: app.id, jurisdiction: app.regionCode, changes: changedFields(before, snapshot(app, APPLICATION_FIELDS), APPLICATION_FIELDS) });
    return d;
  });
}

export const advantageService = {
  // --- the province's batch -------------------------------------------------------------------

  /** A province sets its yearly batch (its application window); not after the list went to the national bureau. */
  async setBatch(ctx: Context, input: SetAdvantageBatchInput): Promise<AdvantageBatch> {
    const regionCode = jurisdictionOf(ctx.viewer);
    assertMay(ctx, advantageActions.setBatch, { regionCode });
    const v = requireUser(ctx);
    const problems = new InputProblems();
    checkYear(problems, input.year, ctx.clock.today());
    if (!input.opensOn.startsWith(`${input.year}-`)) problems.add('opensOn', '应在该年度内');
    if (!input.closesOn.startsWith(`${input.year}-`)) problems.add('closesOn', '应在该年度内');
    if (input.closesOn < input.opensOn) problems.add('closesOn', '不能早于开始受理日');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      await advisoryLock(em, `advantage-batch:${regionCode}:${input.year}`);
      const existing = await batchOf(em, regionCode!, input.year, 'update');
      if (existing) {
        if (input.version == null || input.version !== existing.version) throw conflict('批次已被修改，请刷新后重试', { field: 'version', currentVersion: existing.version });
        if (existing.submittedAt) throw conflict('本批次名单已报国家局，不能再修改受理期');
      }
      const before = existing ? snapshot(existing, BATCH_FIELDS) : null;
      const batch = existing ?? em.create(AdvantageBatch, { regionCode: regionCode!, year: input.year, opensOn: input.opensOn, closesOn: input.closesOn });
      batch.opensOn = input.opensOn;
      batch.closesOn = input.closesOn;
      batch.updatedBy = v.username;
      recordAudit(em, ctx, { operation: 'setAdvantageBatch', objectType: 'AdvantageBatch', objectId: batch.id, jurisdiction: regionCode, changes: changedFields(before, snapshot(batch, BATCH_FIELDS), BATCH_FIELDS) });
      await flushOrConflict(em, { duplicate: () => conflict('本年度批次已由他人同时设置，请刷新后修改'), stale: () => conflict('批次已被修改，请刷新后重试', { field: 'version' }) });
      return batch;
    });
  },

  /** The batches of a year the viewer may see (its own for a bureau, all for the national admin). */
  async batches(ctx: Context, year: number): Promise<AdvantageBatch[]> {
    requireUser(ctx);
    assertMay(ctx, advantageActions.list);
    const regionCode = jurisdictionOf(ctx.viewer);
    return ctx.em.find(AdvantageBatch, regionCode ? { year, regionCode } : { year }, { orderBy: { regionCode: 'asc' } });
  },

  // --- the enterprise's application -------------------------------------------------------------

  async eligibility(ctx: Context, enterpriseGlobalId: string, asOf: string | null | undefined) {
    const id = expectGlobalId(enterpriseGlobalId, 'Enterprise', 'enterpriseId');
    requireUser(ctx);
    const enterprise = await enterpriseFor(ctx.em, ctx, id, enterpriseGlobalId);
    assertMay(ctx, advantageActions.read, factsOf(enterprise));
    const date = asOf ?? ctx.clock.today();
    const application = await ctx.em.findOne(AdvantageApplication, { enterprise: id, year: Number(date.slice(0, 4)) });
    const unmet = await unmetAdvantageConditions(ctx.em, enterprise, date, application ?? { standardPath: enterprise.standardCertifiedOn ? StandardPath.CERTIFIED : null, implementationPlan: null }, await programmeService.settings(ctx.em));
    return { enterprise, asOf: date, eligible: unmet.length === 0, unmet };
  },

  /** Creates or updates the enterprise's draft for a year; only the fields named change. */
  async save(ctx: Context, input: SaveAdvantageApplicationInput): Promise<AdvantageApplication> {
    const enterpriseId = expectGlobalId(input.enterpriseId, 'Enterprise', 'enterpriseId');
    assertMay(ctx, advantageActions.save, { enterpriseId });
    const problems = new InputProblems();
    checkYear(problems, input.year, ctx.clock.today());
    for (const [field, max] of Object.entries(TEXT_LIMITS) as [keyof typeof TEXT_LIMITS, number][]) {
      const value = input[field];
      if (value != null && [...value].length > max) problems.add(field, `最长 ${max} 字`);
    }
    for (const field of ['scoreA', 'scoreB'] as const) {
      const value = input[field];
      if (value != null && (!Number.isFinite(value) || value < 0 || value > 100)) problems.add(field, '应在 0 到 100 之间');
    }
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const enterprise = await enterpriseFor(em, ctx, enterpriseId, input.enterpriseId);
      const attachmentIds = input.attachmentIds ? await enterpriseAttachments(em, enterprise.id, input.attachmentIds) : undefined;
      let application = await em.findOne(AdvantageApplication, { enterprise: enterpriseId, year: input.year });
      const before = application ? snapshot(application, APPLICATION_FIELDS) : null;
      if (application) {
        if (application.status !== AdvantageApplicationStatus.DRAFT) throw conflict('该年度的申报已提交，不能再修改', { status: application.status });
        if (input.version == null || input.version !== application.version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: application.version });
      } else {
        application = em.create(AdvantageApplication, { enterprise: enterprise.id, regionCode: regionOf(enterprise), year: input.year, formContent: '', workPlan: '' });
      }
      if (input.formContent != null) application.formContent = input.formContent;
      if (input.workPlan != null) application.workPlan = input.workPlan;
      if (input.standardPath !== undefined) application.standardPath = input.standardPath;
      if (input.implementationPlan !== undefined) application.implementationPlan = input.implementationPlan;
      // Self-assessment item by item on the year's sheets, as for a demonstration application.
      const assessed = await assessSelf(em, { year: input.year, enterpriseId: enterprise.id, items: input.indicators ?? undefined, current: application.indicators, totals: { A: input.scoreA, B: input.scoreB } });
      if (assessed.items) application.indicators = assessed.items;
      if (assessed.totals.A !== undefined) application.scoreA = assessed.totals.A;
      if (assessed.totals.B !== undefined) application.scoreB = assessed.totals.B;
      if (attachmentIds) application.attachmentIds = attachmentIds;
      recordAudit(em, ctx, { operation: 'saveAdvantageApplication', objectType: 'AdvantageApplication', objectId: application.id, jurisdiction: regionOf(enterprise), changes: changedFields(before, snapshot(application, APPLICATION_FIELDS), APPLICATION_FIELDS) });
      await flushOrConflict(em, {
        duplicate: () => conflict('该企业该年度的申报已由他人创建，请刷新后修改'),
        stale: () => conflict('申报已被修改，请刷新后重试', { field: 'version' }),
      });
      return application;
    });
  },

  /** Submits a complete draft inside the province's batch window when every condition is met. */
  async submit(ctx: Context, globalId: string, version: number): Promise<AdvantageApplication> {
    const id = expectGlobalId(globalId, 'AdvantageApplication', 'id');
    requireUser(ctx);
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const application = await em.findOne(AdvantageApplication, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!application) throw notFound('优势企业申报', globalId);
      assertMay(ctx, advantageActions.submit, { enterpriseId: application.enterprise.id });
      if (application.status !== AdvantageApplicationStatus.DRAFT) throw conflict('该申报已提交', { status: application.status });
      if (application.version !== version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: application.version });
      const totals = await assertSelfAssessed(em, { year: application.year, enterpriseId: application.enterprise.id, indicators: application.indicators });
      if (totals.A !== undefined) application.scoreA = totals.A;
      if (totals.B !== undefined) application.scoreB = totals.B;
      const problems = new InputProblems();
      if (!application.formContent.trim()) problems.add('formContent', '提交前须填写');
      if (!application.workPlan.trim()) problems.add('workPlan', '提交前须填写');
      if (!application.standardPath) problems.add('standardPath', '提交前须说明贯标情况');
      if (application.standardPath === StandardPath.IMPLEMENTING && !application.implementationPlan?.trim()) problems.add('implementationPlan', '正在贯标的须附实施计划');
      if (application.scoreA == null) problems.add('scoreA', '提交前须填写');
      if (application.scoreB == null) problems.add('scoreB', '提交前须填写');
      if (problems.problems.length) throw badInput(problems.problems, `申报内容不完整：${problems.problems.map((p) => p.field).join('、')}`);
      // The batch of the enterprise's jurisdiction today (it may have moved since the draft), read
      // FOR SHARE: a list being sent waits for this submission, and this one sees a list already sent.
      const owner = await em.findOneOrFail(Enterprise, application.enterprise.id);
      application.regionCode = regionOf(owner);
      const batch = await batchOf(em, application.regionCode, application.year, 'share');
      if (!batch || today < batch.opensOn || today > batch.closesOn || batch.submittedAt) {
        throw ruleViolation('A2', batch ? `不在本辖区 ${application.year} 年度优势企业申报受理期内（${batch.opensOn} 至 ${batch.closesOn}）${batch.submittedAt ? '，名单已报送' : ''}` : `所在辖区尚未设置 ${application.year} 年度的优势企业培育批次`, {
          paragraph: '优势 三',
          ...(batch ? { opensOn: batch.opensOn, closesOn: batch.closesOn } : {}),
        });
      }
      const unmet = await unmetAdvantageConditions(em, owner, today, application, settings);
      if (unmet.length) refuseUnmet(unmet);
      const before = snapshot(application, APPLICATION_FIELDS);
      application.status = AdvantageApplicationStatus.SUBMITTED;
      application.submittedAt = ctx.clock.now();
      recordAudit(em, ctx, { operation: 'submitAdvantageApplication', objectType: 'AdvantageApplication', objectId: application.id, jurisdiction: application.regionCode, changes: changedFields(before, snapshot(application, APPLICATION_FIELDS), APPLICATION_FIELDS) });
      await em.flush();
      return application;
    });
  },

  // --- the provincial review and the national confirmation ------------------------------------------

  /**
   * The province reviews a submitted application of its jurisdiction: REJECT with comments, or
   * APPROVE: recommended for the national confirmation, or designated at once when the programme
   * setting `advantageApproval` is PROVINCE_DESIGNATES. R12/R13 are checked again.
   */
  async review(ctx: Context, input: ReviewAdvantageApplicationInput): Promise<{ application: AdvantageApplication; designation: Designation | null }> {
    assertMay(ctx, advantageActions.review);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'AdvantageApplication', 'id');
    const comments = input.comments?.trim() || null;
    if (input.decision === AdvantageDecision.REJECT && (!comments || comments.length > 2000)) throw badInput([{ field: 'comments', message: '不通过须说明理由（1–2000 字）' }]);
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const application = await em.findOne(AdvantageApplication, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!application || !may(ctx.viewer, advantageActions.review, { regionCode: application.regionCode })) throw notFound('优势企业申报', input.id);
      if (application.status !== AdvantageApplicationStatus.SUBMITTED) throw conflict('只能审核已提交、尚未审核的申报', { status: application.status });
      if (application.version !== input.version) throw conflict('申报已被修改，请刷新后重试', { field: 'version', currentVersion: application.version });
      const batch = await batchOf(em, application.regionCode, application.year, 'update');
      if (batch?.submittedAt) throw conflict('本批次名单已报国家局，不能再审核');
      const before = snapshot(application, APPLICATION_FIELDS);
      // The bureau checks the self-assessment item by item on the year's sheets; approving needs it.
      if (input.itemChecks) {
        const checked = await checkItems(em, { year: application.year, items: application.indicators, checks: input.itemChecks, field: 'itemChecks' });
        application.indicators = checked.items;
        application.checkedScoreA = checked.checkedScoreA;
        application.checkedScoreB = checked.checkedScoreB;
      } else if (input.decision === AdvantageDecision.APPROVE && (await yearHasSheets(em, application.year))) {
        throw ruleViolation('ITEMS_NOT_CHECKED', `${application.year} 年度已发布评价表：审核通过前须逐项核查自评得分（itemChecks）`, { paragraph: '优势 三' });
      }
      let designation: Designation | null = null;
      if (input.decision === AdvantageDecision.APPROVE) {
        const enterprise = await em.findOneOrFail(Enterprise, application.enterprise.id);
        await assertGoodStanding(em, '不能审核通过', [{ enterpriseId: enterprise.id, label: enterprise.name }], today, settings);
        // The province designates at once, unless the setting asks for a notice first (it then opens one for its list: submitAdvantageBatch).
        if (settings.advantageApproval === AdvantageApproval.PROVINCE_DESIGNATES && !settings.advantageNoticeWorkingDays) {
          await assertNoTitleHeld(em, '不能认定', [{ enterpriseId: enterprise.id, label: enterprise.name }], [today]);
          designation = newDesignation(em, enterprise.id, application.year, today, settings);
          application.status = AdvantageApplicationStatus.DESIGNATED;
          application.designationId = designation.id;
          recordAudit(em, ctx, { operation: 'designateAdvantageEnterprise', objectType: 'Designation', objectId: designation.id, jurisdiction: application.regionCode, changes: { status: { before: null, after: 'ACTIVE' }, validity: { before: null, after: `${designation.validFrom}–${designation.validUntil}` } } });
        } else {
          application.status = AdvantageApplicationStatus.RECOMMENDED;
        }
      } else {
        application.status = AdvantageApplicationStatus.REJECTED_BY_PROVINCE;
      }
      application.provincialComments = comments;
      application.provincialReviewedAt = ctx.clock.now();
      application.provincialReviewer = v.username;
      recordAudit(em, ctx, { operation: 'reviewAdvantageApplication', objectType: 'AdvantageApplication', objectId: application.id, jurisdiction: application.regionCode, changes: changedFields(before, snapshot(application, APPLICATION_FIELDS), APPLICATION_FIELDS) });
      await em.flush();
      return { application, designation };
    });
  },

  /**
   * The province closes its list of the year: sends it to the national bureau (NATIONAL_CONFIRMS),
   * or, when it designates itself and the setting asks for a notice, opens the notice of its
   * approved applications (designated when the notice has run its course).
   */
  async submitBatch(ctx: Context, input: SubmitAdvantageBatchInput): Promise<{ batch: AdvantageBatch; notice: PublicNotice | null; designations: Designation[] }> {
    const regionCode = jurisdictionOf(ctx.viewer);
    assertMay(ctx, advantageActions.submitBatch, { regionCode });
    const settings = await programmeService.settings(ctx.em);
    const provinceDesignates = settings.advantageApproval === AdvantageApproval.PROVINCE_DESIGNATES;
    const provinceNotice = provinceDesignates && settings.advantageNoticeWorkingDays > 0;
    const startsOn = noticeStart(ctx, input.noticeStartsOn, provinceNotice);
    return transaction(ctx.em, async (em) => {
      const batch = await batchOf(em, regionCode!, input.year, 'update');
      if (!batch) throw notFound('优势企业培育批次', `${regionCode}:${input.year}`);
      if (batch.version !== input.version) throw conflict('批次已被修改，请刷新后重试', { field: 'version', currentVersion: batch.version });
      if (batch.submittedAt) throw conflict('本批次名单已报国家局');
      const counts = await query<{ status: string; n: number }>(em, sql`select status, count(*)::int as n from advantage_application where region_code = ${regionCode} and year = ${input.year} group by status`);
      const count = (s: AdvantageApplicationStatus) => counts.find((c) => c.status === s)?.n ?? 0;
      if (count(AdvantageApplicationStatus.SUBMITTED)) throw ruleViolation('A4', `还有 ${count(AdvantageApplicationStatus.SUBMITTED)} 项申报未审核`, { paragraph: '优势 三', unreviewed: count(AdvantageApplicationStatus.SUBMITTED) });
      if (!count(AdvantageApplicationStatus.RECOMMENDED)) {
        throw ruleViolation('A4', provinceDesignates && !provinceNotice ? '按现行规则设置，优势企业由省局审核通过即认定，无须报送名单' : '本批次没有审核通过的申报', { paragraph: '优势 三' });
      }
      const before = snapshot(batch, BATCH_FIELDS);
      batch.submittedAt = ctx.clock.now();
      batch.updatedBy = requireUser(ctx).username;
      let notice: PublicNotice | null = null;
      const designations: Designation[] = [];
      if (provinceDesignates) {
        const apps = await em.find(AdvantageApplication, { regionCode: regionCode!, year: input.year, status: AdvantageApplicationStatus.RECOMMENDED }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
        if (provinceNotice) notice = await openAdvantageNotice(em, ctx, { apps, runBy: regionCode!, listRegion: regionCode!, year: input.year, startsOn: startsOn!, settings, operation: 'submitAdvantageBatch' });
        // Approved while the setting asked for a notice, which it no longer does: designated now, as an approval would be.
        else designations.push(...(await designateApproved(em, ctx, apps, settings)));
      }
      recordAudit(em, ctx, { operation: 'submitAdvantageBatch', objectType: 'AdvantageBatch', objectId: batch.id, jurisdiction: regionCode, changes: { ...changedFields(before, snapshot(batch, BATCH_FIELDS), BATCH_FIELDS), recommended: { before: null, after: count(AdvantageApplicationStatus.RECOMMENDED) } } });
      await em.flush();
      return { batch, notice, designations };
    });
  },

  /**
   * The national bureau confirms a submitted batch: every recommended application not listed in
   * `notConfirmed` becomes an advantage designation for the cultivation period from `designatedOn`;
   * R12/R13 are checked again (an enterprise no longer in good standing must be listed as not confirmed).
   */
  async confirmBatch(ctx: Context, input: ConfirmAdvantageBatchInput): Promise<{ batch: AdvantageBatch; designations: Designation[]; notice: PublicNotice | null }> {
    assertMay(ctx, advantageActions.confirmBatch);
    const batchId = expectGlobalId(input.batchId, 'AdvantageBatch', 'batchId');
    const settings = await programmeService.settings(ctx.em);
    if (settings.advantageApproval !== AdvantageApproval.NATIONAL_CONFIRMS) throw ruleViolation('A4', '按现行规则设置，优势企业由省局认定，无须国家局确认', { paragraph: '优势 三' });
    const withNotice = settings.advantageNoticeWorkingDays > 0;
    const today = ctx.clock.today();
    const designatedOn = input.designatedOn ?? today;
    const problems = new InputProblems();
    if (withNotice && input.designatedOn) problems.add('designatedOn', '按现行规则设置，确认的名单先公示：认定日为公示期满后发布名单之日');
    const startsOn = noticeStart(ctx, input.noticeStartsOn, withNotice, problems);
    const excluded = new Map<string, string>();
    (input.notConfirmed ?? []).forEach((n, i) => {
      const key = expectGlobalId(n.applicationId, 'AdvantageApplication', `notConfirmed.${i}.applicationId`);
      const reason = n.reason.trim();
      if (reason.length < 1 || reason.length > 2000) problems.add(`notConfirmed.${i}.reason`, '应为 1–2000 字');
      if (excluded.has(key)) problems.add(`notConfirmed.${i}.applicationId`, '重复');
      excluded.set(key, reason);
    });
    if (designatedOn > today) problems.add('designatedOn', '不能晚于今日');
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const batch = await em.findOne(AdvantageBatch, batchId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!batch) throw notFound('优势企业培育批次', input.batchId);
      if (batch.version !== input.version) throw conflict('批次已被修改，请刷新后重试', { field: 'version', currentVersion: batch.version });
      if (!batch.submittedAt) throw ruleViolation('A4', '省局尚未报送本批次名单', { paragraph: '优势 三' });
      if (batch.confirmedAt) throw conflict('本批次已确认');
      if (designatedOn < todayInChina(batch.submittedAt)) throw badInput([{ field: 'designatedOn', message: '不能早于省局报送之日' }]);
      const apps = await em.find(AdvantageApplication, { regionCode: batch.regionCode, year: batch.year, status: AdvantageApplicationStatus.RECOMMENDED }, { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { id: 'asc' } });
      const stray = [...excluded.keys()].filter((k) => !apps.some((a) => a.id === k));
      if (stray.length) throw badInput(stray.map((k) => ({ field: 'notConfirmed', message: `${toGlobalId('AdvantageApplication', k)} 不是本批次待确认的申报` })));
      const confirmed = apps.filter((a) => !excluded.has(a.id));
      const enterprises = new Map((await em.find(Enterprise, { id: { $in: confirmed.map((a) => a.enterprise.id) } })).map((e) => [e.id, e]));
      const subjects = confirmed.map((a) => ({ enterpriseId: a.enterprise.id, label: enterprises.get(a.enterprise.id)?.name ?? a.enterprise.id, key: { applicationId: toGlobalId('AdvantageApplication', a.id) } }));
      await assertStandingThrough(em, '不能确认（须列为不予确认）', subjects, [designatedOn, today], settings);
      await assertNoTitleHeld(em, '不能确认（须列为不予确认）', subjects, [designatedOn, today]);
      const designations: Designation[] = [];
      // With a notice, the confirmed list goes to the notice; its designation comes when the notice ends.
      const notice = withNotice && confirmed.length ? await openAdvantageNotice(em, ctx, { apps: confirmed, runBy: null, listRegion: batch.regionCode, year: batch.year, startsOn: startsOn!, settings, operation: 'confirmAdvantageBatch' }) : null;
      for (const app of apps) {
        const before = snapshot(app, APPLICATION_FIELDS);
        if (excluded.has(app.id)) {
          app.status = AdvantageApplicationStatus.NOT_CONFIRMED;
          app.nationalComments = excluded.get(app.id)!;
        } else if (notice) {
          continue; // its transition is recorded by openAdvantageNotice
        } else {
          const d = newDesignation(em, app.enterprise.id, batch.year, designatedOn, settings);
          app.status = AdvantageApplicationStatus.DESIGNATED;
          app.designationId = d.id;
          designations.push(d);
          recordAudit(em, ctx, { operation: 'confirmAdvantageBatch', objectType: 'Designation', objectId: d.id, jurisdiction: batch.regionCode, changes: { status: { before: null, after: 'ACTIVE' }, validity: { before: null, after: `${d.validFrom}–${d.validUntil}` } } });
        }
        recordAudit(em, ctx, { operation: 'confirmAdvantageBatch', objectType: 'AdvantageApplication', objectId: app.id, jurisdiction: batch.regionCode, changes: changedFields(before, snapshot(app, APPLICATION_FIELDS), APPLICATION_FIELDS) });
      }
      const before = snapshot(batch, BATCH_FIELDS);
      batch.confirmedAt = ctx.clock.now();
      batch.updatedBy = requireUser(ctx).username;
      recordAudit(em, ctx, { operation: 'confirmAdvantageBatch', objectType: 'AdvantageBatch', objectId: batch.id, jurisdiction: batch.regionCode, changes: { ...changedFields(before, snapshot(batch, BATCH_FIELDS), BATCH_FIELDS), designated: { before: null, after: designations.length }, notConfirmed: { before: null, after: excluded.size } } });
      await em.flush();
      return { batch, designations, notice };
    });
  },

  /** Applications the viewer may list (a bureau its jurisdiction, the national admin all), newest first. */
  async list(ctx: Context, filter: AdvantageApplicationFilter | null | undefined, args: ConnectionArgs) {
    requireUser(ctx);
    const own = jurisdictionOf(ctx.viewer);
    const regionCode = filter?.regionCode ?? own;
    assertMay(ctx, advantageActions.list, regionCode ? { regionCode } : undefined);
    if (regionCode && !ctx.reference.region(regionCode)) throw badInput([{ field: 'filter.regionCode', message: '未知的省级辖区' }]);
    const conditions: (Sql | null)[] = [
      regionCode ? sql`a.region_code = ${regionCode}` : null,
      filter?.year != null ? sql`a.year = ${filter.year}` : null,
      filter?.status?.length ? anyOf(sql`a.status`, filter.status) : null,
      advantageRecordVisibility(ctx.viewer, ctx.clock.today(), 'a'),
    ];
    return keysetPage<AdvantageApplication>({
      query: filteredQuery(ctx.em, AdvantageApplication, 'a', conditions),
      args,
      limits: ctx.config,
      orderKey: 'CREATED_AT:DESC',
      ascending: false,
      column: 'a.created_at',
      idColumn: 'a.id',
      cast: 'timestamptz',
      property: 'createdAt',
      value: (a) => a.createdAt.toISOString(),
      valueOk: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
    });
  },

  /** An enterprise's advantage applications, newest year first: with its whole record only, else null. */
  async applicationsOf(ctx: Context, e: Enterprise): Promise<AdvantageApplication[] | null> {
    if (!may(ctx.viewer, advantageActions.read, factsOf(e))) return null;
    return ctx.loaders.advantage.applicationsByEnterprise.load(e.id);
  },
};
