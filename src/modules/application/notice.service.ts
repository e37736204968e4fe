/**
 * Public notices and objections [D 三(二)3]: the notice of the applications that passed the national
 * review (R6), objections during it, and the designation list after it (R7–R9), published by the
 * national bureau or concluded by the scheduled transitions.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { badInput, conflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId, toGlobalId, tryGlobalId } from '../../common/node.js';
import { buildConnection, pageWindow, type ConnectionArgs, type ConnectionShape } from '../../common/pagination.js';
import { isUser, requireUser } from '../../common/viewer.policy.js';
import { transaction } from '../../common/transaction.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from '../designation/designation.entity.js';
import { lastDayOfYears } from '../designation/designation.rules.js';
import { programmeService } from '../programme/programme.service.js';
import { addDays } from '../programme/working-days.js';
import { ApplicationStatus, DemonstrationApplication } from './application.entity.js';
import { applicationActions, noticeVisibility } from './application.policy.js';
import { jurisdictionsOf, NATIONAL_FIELDS as FIELDS } from './national.service.js';
import {
  ObjectionDecision,
  type DecideObjectionInput,
  type LodgeObjectionInput,
  type NoticeEntry,
  type OpenPublicNoticeInput,
  type PublishDesignationListInput,
} from './national.inputs.js';
import { Objection, ObjectionStatus, PublicNotice } from './public-notice.entity.js';
import { assertGoodStanding, standingProblems } from './eligibility.js';
import type { ProgrammeSettings } from '../programme/programme-settings.entity.js';
import { AdvantageApplication, AdvantageApplicationStatus } from '../advantage/advantage.entity.js';
import { advantageNoticeHeld, concludeAdvantageNotice, type NoticeAudit } from '../advantage/advantage-notice.js';
import { ADVANTAGE_APPLICATION_FIELDS } from '../advantage/advantage.rules.js';

/** Records one change of the conclusion: an application's transition, or the title it created (each object's own history). */
type Audit = NoticeAudit;

/** The order of a notice's objections in cursors: lodged earliest first. */
const OBJECTION_ORDER = 'CREATED_AT:ASC';

/**
 * R7, R8: every application still in the notice becomes a demonstration designation valid
 * `validityYears` from `designatedOn`; the notice is concluded. The caller checks the preconditions
 * (notice over, no objection pending) and records each change through `audit`.
 */
export async function concludeNotice(em: EntityManager, notice: PublicNotice, designatedOn: string, validityYears: number, now: Date, audit: Audit): Promise<Designation[]> {
  const apps = await em.find(DemonstrationApplication, { noticeId: notice.id, status: ApplicationStatus.IN_NOTICE });
  const jurisdictions = await jurisdictionsOf(em, apps);
  const designations: Designation[] = [];
  for (const app of apps) {
    const before = snapshot(app, FIELDS);
    const designation = em.create(Designation, {
      enterprise: app.enterprise.id,
      level: DesignationLevel.DEMONSTRATION,
      status: DesignationStatus.ACTIVE,
      batchYear: notice.year,
      validFrom: designatedOn,
      validUntil: lastDayOfYears(designatedOn, validityYears),
    } as never) as Designation;
    app.status = ApplicationStatus.DESIGNATED;
    app.designationId = designation.id;
    designations.push(designation);
    audit({ type: 'DemonstrationApplication', id: app.id }, changedFields(before, snapshot(app, FIELDS), FIELDS), jurisdictions.get(app.id)!);
    // The new title's own history starts here too (Designation.history), as an advantage title's does.
    audit(
      { type: 'Designation', id: designation.id },
      { status: { before: null, after: DesignationStatus.ACTIVE }, validity: { before: null, after: `${designation.validFrom}–${designation.validUntil}` }, applicationId: { before: null, after: app.id } },
      jurisdictions.get(app.id)!,
    );
  }
  notice.concludedAt = now;
  return designations;
}

/**
 * The time-driven end of notices: a notice whose last day has passed with no objection pending is
 * concluded the next day (designation date = the day after its end). Returns the notices concluded.
 */
export async function concludeEndedNotices(em: EntityManager, today: string, settings: ProgrammeSettings, now: Date, audit: Audit): Promise<{ concluded: number; held: number }> {
  // Locked as publishDesignationList locks them: a list published meanwhile is not concluded twice
  // (the row is re-read once the publication commits, and no longer matches).
  const notices = await em.find(PublicNotice, { concludedAt: null, endsOn: { $lt: today } }, { orderBy: { endsOn: 'asc', id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE });
  let concluded = 0;
  let held = 0;
  for (const notice of notices) {
    if (await em.count(Objection, { noticeId: notice.id, status: ObjectionStatus.PENDING })) continue;
    const designatedOn = addDays(notice.endsOn, 1);
    if (notice.level === DesignationLevel.ADVANTAGE) {
      // Held when an enterprise in it is no longer in good standing or already holds a title (A3):
      // the bureau that runs the notice lists it as not designated when it publishes the list.
      if (await advantageNoticeHeld(em, notice, [designatedOn, today], settings)) {
        held += 1;
        continue;
      }
      await concludeAdvantageNotice(em, notice, { designatedOn, dates: [designatedOn, today], settings, now, audit });
      concluded += 1;
      continue;
    }
    // R12/R13 hold at designation too: a notice with an enterprise no longer in good standing waits
    // for the national bureau (which fails that application: reviewApplicationNationally FAIL).
    const inNotice = await em.find(DemonstrationApplication, { noticeId: notice.id, status: ApplicationStatus.IN_NOTICE });
    const enterprises = inNotice.map((a) => a.enterprise.id);
    if ((await standingProblems(em, enterprises, designatedOn, settings)).size || (await standingProblems(em, enterprises, today, settings)).size) {
      held += 1;
      continue;
    }
    await concludeNotice(em, notice, designatedOn, settings.designationValidityYears, now, audit);
    concluded += 1;
  }
  return { concluded, held };
}

/** The subjects of a standing check: each application, named by its enterprise. */
export async function applicationSubjects(em: EntityManager, apps: readonly DemonstrationApplication[]) {
  const ids = [...new Set(apps.map((a) => a.enterprise.id))];
  const names = new Map((ids.length ? await em.find(Enterprise, { id: { $in: ids } }) : []).map((e) => [e.id, e.name]));
  return apps.map((a) => ({ enterpriseId: a.enterprise.id, label: names.get(a.enterprise.id) ?? a.enterprise.id, key: { applicationId: toGlobalId('DemonstrationApplication', a.id) } }));
}

export const noticeService = {
  /** A year's notices (public; a handful a year), newest first. */
  async list(ctx: Context, year: number): Promise<PublicNotice[]> {
    const qb = ctx.em.createQueryBuilder(PublicNotice, 'n').where({ year }).orderBy({ startsOn: 'desc' });
    const visible = noticeVisibility(ctx.viewer, ctx.clock.today(), 'n');
    if (visible) qb.andWhere(visible.sql, [...visible.params]);
    return qb.getResultList();
  },

  /** A notice's list (public), through the per-request loader. */
  entriesOf(ctx: Context, notice: PublicNotice): Promise<NoticeEntry[]> {
    return ctx.loaders.application.noticeEntries.load(notice.id);
  },

  /** A page of a notice's objections, lodged earliest first, for the national bureau; null for everyone else. */
  async objectionsOf(ctx: Context, notice: PublicNotice, args: ConnectionArgs): Promise<ConnectionShape<Objection> | null> {
    if (!may(ctx.viewer, applicationActions.readObjections, { regionCode: notice.regionCode ?? null })) return null;
    // The objections' contact details ask for their notice: this one, already at hand.
    ctx.loaders.application.noticeById.prime(notice.id, notice);
    const window = pageWindow(args, OBJECTION_ORDER, ctx.config, (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
    const rows = await ctx.loaders.application.objectionPage.load({ noticeId: notice.id, window });
    return buildConnection(rows, window, (o) => ({ order: OBJECTION_ORDER, value: o.createdAt.toISOString(), id: o.id }), () =>
      ctx.loaders.application.objectionCount.load(notice.id),
    );
  },

  /** An objector's contact details (personal data): the bureau that runs the notice only. */
  async contactOf(ctx: Context, o: Objection): Promise<{ name: string | null; phone: string | null }> {
    const notice = await ctx.loaders.application.noticeById.load(o.noticeId);
    return notice && may(ctx.viewer, applicationActions.readObjections, { regionCode: notice.regionCode ?? null }) ? { name: o.contactName ?? null, phone: o.contactPhone ?? null } : { name: null, phone: null };
  },

  /** R6 [D 三(二)3]: a notice of 10 working days (a setting) by the official calendar. */
  async openNotice(ctx: Context, input: OpenPublicNoticeInput): Promise<PublicNotice> {
    assertMay(ctx, applicationActions.openNotice);
    const problems = new InputProblems();
    const title = input.title.trim();
    if (title.length < 1 || title.length > 200) problems.add('title', '应为 1–200 字');
    if (input.startsOn < ctx.clock.today()) problems.add('startsOn', '不能早于今日');
    if (!input.applicationIds.length || input.applicationIds.length > 500) problems.add('applicationIds', '应有 1–500 项');
    const ids = input.applicationIds.map((gid, i) => {
      const key = tryGlobalId(gid, 'DemonstrationApplication');
      if (!key) problems.add(`applicationIds.${i}`, '不是有效的申报 ID');
      return key ?? '';
    });
    problems.throwIfAny();
    const settings = await programmeService.settings(ctx.em);
    const endsOn = await programmeService.lastOfWorkingDays(ctx.em, input.startsOn, settings.noticeWorkingDays);
    return transaction(ctx.em, async (em) => {
      const apps = await em.find(DemonstrationApplication, { id: { $in: ids } }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const wrong = ids.filter((key) => {
        const app = apps.find((a) => a.id === key);
        return !app || app.status !== ApplicationStatus.PASSED_REVIEW || app.year !== input.year;
      });
      if (wrong.length) {
        throw ruleViolation('R6', '只能公示该年度评审合格、尚未公示的申报', { paragraph: '三(二)3', applicationIds: wrong.map((k) => toGlobalId('DemonstrationApplication', k)) });
      }
      const jurisdictions = await jurisdictionsOf(em, apps);
      await assertGoodStanding(em, '不能公示', await applicationSubjects(em, apps), ctx.clock.today(), settings);
      const notice = em.create(PublicNotice, { year: input.year, title, startsOn: input.startsOn, endsOn });
      for (const app of apps) {
        const before = snapshot(app, FIELDS);
        app.status = ApplicationStatus.IN_NOTICE;
        app.noticeId = notice.id;
        // Each application's own history records the transition too.
        recordAudit(em, ctx, { operation: 'openPublicNotice', objectType: 'DemonstrationApplication', objectId: app.id, jurisdiction: jurisdictions.get(app.id)!, changes: changedFields(before, snapshot(app, FIELDS), FIELDS) });
      }
      recordAudit(em, ctx, {
        operation: 'openPublicNotice',
        objectType: 'PublicNotice',
        objectId: notice.id,
        jurisdiction: null,
        changes: { startsOn: { before: null, after: notice.startsOn }, endsOn: { before: null, after: endsOn }, applications: { before: null, after: apps.map((a) => a.id) } },
      });
      await em.flush();
      return notice;
    });
  },

  /** During a notice anyone may object: signed-in users, or the public with contact details. */
  async lodgeObjection(ctx: Context, input: LodgeObjectionInput): Promise<Objection> {
    assertMay(ctx, applicationActions.lodgeObjection);
    const advantageId = tryGlobalId(input.applicationId, 'AdvantageApplication');
    const id = advantageId ?? expectGlobalId(input.applicationId, 'DemonstrationApplication', 'applicationId');
    const problems = new InputProblems();
    const content = input.content.trim();
    if ([...content].length < 10 || [...content].length > 5000) problems.add('content', '应为 10–5000 字');
    const contactName = input.contactName?.trim() || null;
    const contactPhone = input.contactPhone?.trim() || null;
    if (!isUser(ctx.viewer)) {
      if (!contactName) problems.add('contactName', '未登录时须留联系人');
      if (!contactPhone || !/^[0-9+\-() ]{5,30}$/.test(contactPhone)) problems.add('contactPhone', '未登录时须留有效的联系电话');
    }
    problems.throwIfAny();
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const app = advantageId ? await em.findOne(AdvantageApplication, id) : await em.findOne(DemonstrationApplication, id);
      const notice = app?.noticeId ? await em.findOne(PublicNotice, app.noticeId) : null;
      if (!app || !notice) throw notFound('公示中的申报', input.applicationId);
      if (app.status !== 'IN_NOTICE' || today < notice.startsOn || today > notice.endsOn) {
        throw ruleViolation('R6', `不在公示期内（${notice.startsOn} 至 ${notice.endsOn}）`, { paragraph: '三(二)3', startsOn: notice.startsOn, endsOn: notice.endsOn });
      }
      const objection = em.create(Objection, {
        ...(advantageId ? { advantageApplication: app.id } : { application: app.id }),
        noticeId: notice.id,
        content,
        userId: isUser(ctx.viewer) ? ctx.viewer.userId : null,
        contactName,
        contactPhone,
      });
      const jurisdiction = app instanceof AdvantageApplication ? app.regionCode : (await jurisdictionsOf(em, [app])).get(app.id)!;
      recordAudit(em, ctx, { operation: 'lodgeObjection', objectType: 'Objection', objectId: objection.id, jurisdiction, changes: { application: { before: null, after: app.id } } });
      await em.flush();
      return objection;
    });
  },

  async decideObjection(ctx: Context, input: DecideObjectionInput): Promise<Objection> {
    assertMay(ctx, applicationActions.decideObjection);
    const id = expectGlobalId(input.id, 'Objection', 'id');
    const note = input.note.trim();
    if (note.length < 1 || note.length > 2000) throw badInput([{ field: 'note', message: '应为 1–2000 字' }]);
    return transaction(ctx.em, async (em) => {
      const objection = await em.findOne(Objection, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const notice = objection ? await em.findOne(PublicNotice, objection.noticeId) : null;
      // Only the bureau that runs the notice sees its objections (objectionVisibility): others get NOT_FOUND.
      if (!objection || !notice || !may(ctx.viewer, applicationActions.readObjections, { regionCode: notice.regionCode ?? null })) throw notFound('异议', input.id);
      // The national bureau reads a province's objections but does not decide them.
      assertMay(ctx, applicationActions.decideObjection, { regionCode: notice.regionCode ?? null });
      if (objection.status !== ObjectionStatus.PENDING) throw conflict('该异议已处理', { status: objection.status });
      const lock = { lockMode: LockMode.PESSIMISTIC_WRITE } as const;
      const app = objection.advantageApplication ? await em.findOneOrFail(AdvantageApplication, objection.advantageApplication.id, lock) : await em.findOneOrFail(DemonstrationApplication, objection.application!.id, lock);
      const [type, fields] = app instanceof AdvantageApplication ? (['AdvantageApplication', ADVANTAGE_APPLICATION_FIELDS] as const) : (['DemonstrationApplication', FIELDS] as const);
      const jurisdiction = app instanceof AdvantageApplication ? app.regionCode : (await jurisdictionsOf(em, [app])).get(app.id)!;
      const before = snapshot(app, fields);
      objection.status = input.decision === ObjectionDecision.UPHOLD ? ObjectionStatus.UPHELD : ObjectionStatus.DISMISSED;
      objection.decisionNote = note;
      objection.decidedBy = requireUser(ctx).username;
      if (objection.status === ObjectionStatus.UPHELD && app.status === 'IN_NOTICE') {
        if (app instanceof AdvantageApplication) app.status = AdvantageApplicationStatus.OBJECTION_UPHELD;
        else app.status = ApplicationStatus.OBJECTION_UPHELD;
        recordAudit(em, ctx, {
          operation: 'decideObjection',
          objectType: type,
          objectId: app.id,
          jurisdiction,
          changes: { ...changedFields(before, snapshot(app, fields), fields), reason: { before: null, after: note } },
        });
      }
      recordAudit(em, ctx, {
        operation: 'decideObjection',
        objectType: 'Objection',
        objectId: objection.id,
        jurisdiction,
        changes: { status: { before: ObjectionStatus.PENDING, after: objection.status }, ...changedFields(before, snapshot(app, fields), fields) },
      });
      await em.flush();
      return objection;
    });
  },

  /**
   * R7, R8, R9 [D 三(二)3]: after the notice has run its course with no objection pending, each
   * application still in it becomes a demonstration designation valid 3 years (a setting) from the
   * designation date; the year's list is published as one batch (in principle in September).
   */
  async publish(ctx: Context, input: PublishDesignationListInput): Promise<{ notice: PublicNotice; designations: Designation[] }> {
    assertMay(ctx, applicationActions.publish);
    const noticeId = expectGlobalId(input.noticeId, 'PublicNotice', 'noticeId');
    const today = ctx.clock.today();
    const designatedOn = input.designatedOn ?? today;
    const problems = new InputProblems();
    const excluded = new Map<string, string>();
    (input.notDesignated ?? []).forEach((n, i) => {
      const key = tryGlobalId(n.applicationId, 'AdvantageApplication');
      const reason = n.reason.trim();
      if (!key) problems.add(`notDesignated.${i}.applicationId`, '应为优势企业申报的全局 ID（示范企业公示中的申报由国家局评审为不合格）');
      else if (excluded.has(key)) problems.add(`notDesignated.${i}.applicationId`, '重复');
      if (reason.length < 1 || reason.length > 2000) problems.add(`notDesignated.${i}.reason`, '应为 1–2000 字');
      if (key) excluded.set(key, reason);
    });
    problems.throwIfAny();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const notice = await em.findOne(PublicNotice, noticeId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!notice) throw notFound('公示', input.noticeId);
      assertMay(ctx, applicationActions.publish, { regionCode: notice.regionCode ?? null });
      if (notice.concludedAt) throw conflict('该公示的认定名单已发布');
      if (designatedOn <= notice.endsOn || designatedOn > today) {
        throw ruleViolation('R7', `认定日须在公示期满（${notice.endsOn}）之后、不晚于今日`, { paragraph: '三(二)3', endsOn: notice.endsOn });
      }
      const pending = await em.count(Objection, { noticeId: notice.id, status: ObjectionStatus.PENDING });
      if (pending) throw ruleViolation('R7', `还有 ${pending} 项异议未处理`, { paragraph: '三(二)3', pendingObjections: pending });
      const audit: Audit = (object, changes, jurisdiction) => recordAudit(em, ctx, { operation: 'publishDesignationList', objectType: object.type, objectId: object.id, jurisdiction, changes });
      if (notice.level === DesignationLevel.ADVANTAGE) {
        const inNotice = await em.find(AdvantageApplication, { noticeId: notice.id, status: AdvantageApplicationStatus.IN_NOTICE }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const stray = [...excluded.keys()].filter((k) => !inNotice.some((a) => a.id === k));
        if (stray.length) throw badInput(stray.map((k) => ({ field: 'notDesignated', message: `${toGlobalId('AdvantageApplication', k)} 不在本公示中` })));
        const designations = await concludeAdvantageNotice(em, notice, { designatedOn, dates: [designatedOn, today], settings, now: ctx.clock.now(), notDesignated: excluded, audit });
        await em.flush();
        return { notice, designations };
      }
      if (excluded.size) throw badInput([{ field: 'notDesignated', message: '示范企业公示中的申报不能在此列出：由国家局评审为不合格（reviewApplicationNationally FAIL）' }]);
      const inNotice = await em.find(DemonstrationApplication, { noticeId: notice.id, status: ApplicationStatus.IN_NOTICE });
      // On the designation date and today: a back-dated list must not miss an incident recorded since.
      const subjects = await applicationSubjects(em, inNotice);
      for (const date of new Set([designatedOn, today])) await assertGoodStanding(em, '不能认定（须先将其评审为不合格）', subjects, date, settings);
      const designations = await concludeNotice(em, notice, designatedOn, settings.designationValidityYears, ctx.clock.now(), audit);
      await em.flush();
      return { notice, designations };
    });
  },
};
