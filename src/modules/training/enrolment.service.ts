/**
 * Enrolment [D 四(四)二]: enrol, review (sessions needing approval), allocate seats, cancel; and the
 * enrolments a viewer sees (a session's roster, an enterprise's staff's). The queue itself is in
 * enrolment.queue.ts, who may do what in training.policy.ts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Viewer } from '../../context.js';
import { badInput, conflict, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import type { ConnectionArgs, ConnectionShape } from '../../common/pagination.js';
import { assertMay, may } from '../../common/policy.js';
import { and, query, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { factsOf, hasFullEnterpriseAccess } from '../enterprise/enterprise.policy.js';
import { Person } from '../person/person.entity.js';
import { employerLevelOn } from '../talent/talent.service.js';
import { Enrolment, EnrolmentStatus, TrainingProgram, TrainingSession } from './training.entity.js';
import { assertAudience, enrolmentVisibility, trainingActions } from './training.policy.js';
import { allocate, lockSession, log, place, promoteNext } from './enrolment.queue.js';
import { sessionFacts } from './catalogue.service.js';

/** States an enrolment can still be cancelled from. */
const CANCELLABLE = new Set([EnrolmentStatus.REQUESTED, EnrolmentStatus.APPROVED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.BOOKED]);

/** The enrolments (alias en) matching `where` that the viewer may see. */
export async function findVisibleEnrolments(em: EntityManager, viewer: Viewer, today: string, where: Sql): Promise<Enrolment[]> {
  const rows = await query<{ id: string }>(em, sql`select en.id from enrolment en where ${and(where, enrolmentVisibility(viewer, today, 'en'))}`);
  return rows.length ? em.find(Enrolment, { id: { $in: rows.map((r) => r.id) } }) : [];
}

/** The enrolment if the viewer may see it, else NOT_FOUND (so ids outside the viewer's sight reveal nothing). */
async function visibleEnrolment(em: EntityManager, ctx: Context, id: string, globalId: string): Promise<Enrolment> {
  const [found] = await findVisibleEnrolments(em, ctx.viewer, ctx.clock.today(), sql`en.id = ${id}::uuid`);
  if (!found) throw notFound('报名', globalId);
  return found;
}

/** A list's status filter as a loader key (null: every status). */
const statusFilter = (statuses: readonly EnrolmentStatus[] | null | undefined) => ({ statuses: statuses ? [...statuses].sort() : null });

export const enrolmentService = {
  /**
   * Enrols a person: an enterprise user its own staff, a provincial admin people of its
   * jurisdiction, the national admin anyone. The person's category must match the program's tier.
   * Without approval, a seat is booked while any is free, else the person waits; seats never exceed
   * the capacity, whatever the concurrency (a per-session advisory lock). With approval, the
   * enrolment is REQUESTED until the host reviews it (the host's own enrolments are approved at once).
   */
  async enrol(ctx: Context, input: { sessionId: string; personId: string }): Promise<Enrolment> {
    assertAudience(ctx, trainingActions.enrol);
    const v = requireUser(ctx);
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
      const session = await em.findOne(TrainingSession, sessionId);
      if (!session) throw notFound('培训班次', input.sessionId);
      const person = await em.findOne(Person, personId);
      if (!person) throw notFound('人员', input.personId);
      const employer = person.employerEnterprise ? await em.findOne(Enterprise, person.employerEnterprise.id) : null;
      assertMay(ctx, trainingActions.enrol, { regionCode: employer?.region.unwrap().code ?? person.regionCode ?? null, enterpriseId: employer?.id ?? null });
      const program = await em.findOneOrFail(TrainingProgram, session.program.id);
      if (person.category !== program.tier) {
        throw ruleViolation('R19', `该班次面向 ${program.tier}，报名人员类别为 ${person.category}`, { paragraph: '四(四)二', tier: program.tier, category: person.category });
      }
      if (session.registrationOpensOn && today < session.registrationOpensOn) throw ruleViolation('REGISTRATION_NOT_OPEN', `报名 ${session.registrationOpensOn} 开始`, { opensOn: session.registrationOpensOn });
      if (today > session.registrationClosesOn) throw ruleViolation('REGISTRATION_CLOSED', `报名已于 ${session.registrationClosesOn} 截止`, { closesOn: session.registrationClosesOn });
      await lockSession(em, session.id);
      await em.refresh(session);
      const existing = await em.findOne(Enrolment, { session: session.id, person: personId });
      if (existing && existing.status !== EnrolmentStatus.CANCELLED) throw conflict(existing.status === EnrolmentStatus.DECLINED ? '该人员的报名已被举办方拒绝' : '该人员已报名此班次', { status: existing.status });
      const now = ctx.clock.now();
      // The priority is the employer's title on the day of this (re-)enrolment.
      const priority = await employerLevelOn(em, employer?.id, today);
      const enrolment = existing ?? em.create(Enrolment, { session: session.id, person: personId, status: EnrolmentStatus.REQUESTED, priority, requestedAt: now, requestedBy: v.username });
      if (existing) Object.assign(existing, { requestedAt: now, requestedBy: v.username, priority });
      // The host's own enrolments need no review.
      const byHost = may(ctx.viewer, trainingActions.reviewEnrolment, { regionCode: session.regionCode ?? null, hostId: program.host?.id ?? null });
      if (session.approvalRequired && !byHost) log(enrolment, EnrolmentStatus.REQUESTED, v.username, now);
      else await place(em, session, enrolment, v.username, now, session.approvalRequired);
      recordAudit(em, ctx, { operation: 'enrol', objectType: 'Enrolment', objectId: enrolment.id, jurisdiction: session.regionCode ?? null, changes: { status: { before: existing?.status ?? null, after: enrolment.status } } });
      await em.flush();
      return enrolment;
    });
  },

  /** The host approves a requested enrolment (seats follow at allocation, or at once if allocation is past) or declines it with a reason. */
  async review(ctx: Context, input: { id: string; approve: boolean; note?: string | null }): Promise<Enrolment> {
    assertAudience(ctx, trainingActions.reviewEnrolment);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'Enrolment', 'id');
    const note = input.note?.trim() || undefined;
    if (!input.approve && !note) throw badInput([{ field: 'note', message: '不予通过须说明理由' }]);
    if (note && note.length > 500) throw badInput([{ field: 'note', message: '最多 500 字' }]);
    return transaction(ctx.em, async (em) => {
      const found = await visibleEnrolment(em, ctx, id, input.id);
      assertMay(ctx, trainingActions.reviewEnrolment, await sessionFacts(em, await em.findOneOrFail(TrainingSession, found.session.id)));
      await lockSession(em, found.session.id);
      const enrolment = await em.findOneOrFail(Enrolment, id, { refresh: true });
      const session = await em.findOneOrFail(TrainingSession, enrolment.session.id, { refresh: true });
      if (enrolment.status !== EnrolmentStatus.REQUESTED) throw conflict(`该报名状态为 ${enrolment.status}，不在待审核状态`, { status: enrolment.status });
      if (ctx.clock.today() > session.endsOn) throw ruleViolation('SESSION_OVER', `班次已于 ${session.endsOn} 结束`, { endsOn: session.endsOn });
      const now = ctx.clock.now();
      if (input.approve) await place(em, session, enrolment, v.username, now, true, note);
      else log(enrolment, EnrolmentStatus.DECLINED, v.username, now, note);
      recordAudit(em, ctx, { operation: 'reviewEnrolment', objectType: 'Enrolment', objectId: enrolment.id, jurisdiction: session.regionCode ?? null, changes: { status: { before: EnrolmentStatus.REQUESTED, after: enrolment.status } } });
      await em.flush();
      return enrolment;
    });
  },

  /** The host allocates the seats of a session needing approval, once its registration has closed (the scheduled transitions do it the next day otherwise). */
  async allocateSeats(ctx: Context, input: { sessionId: string }): Promise<{ session: TrainingSession; booked: number; waitlisted: number }> {
    assertAudience(ctx, trainingActions.runSession);
    const v = requireUser(ctx);
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    return transaction(ctx.em, async (em) => {
      const found = await em.findOne(TrainingSession, sessionId);
      if (!found) throw notFound('培训班次', input.sessionId);
      assertMay(ctx, trainingActions.runSession, await sessionFacts(em, found));
      await lockSession(em, found.id);
      const session = await em.findOneOrFail(TrainingSession, sessionId, { refresh: true });
      if (!session.approvalRequired) throw conflict('该班次无须审核，报名时即分配名额');
      if (session.seatsAllocatedAt) throw conflict('该班次已分配名额', { allocatedAt: session.seatsAllocatedAt.toISOString() });
      if (ctx.clock.today() <= session.registrationClosesOn) throw ruleViolation('REGISTRATION_OPEN', `报名 ${session.registrationClosesOn} 截止后才能分配名额`, { closesOn: session.registrationClosesOn });
      const result = await allocate(em, session, v.username, ctx.clock.now());
      recordAudit(em, ctx, { operation: 'allocateSessionSeats', objectType: 'TrainingSession', objectId: session.id, jurisdiction: session.regionCode ?? null, changes: { booked: { before: null, after: result.booked }, waitlisted: { before: null, after: result.waitlisted } } });
      await em.flush();
      return { session, ...result };
    });
  },

  /**
   * Cancels an enrolment (the enterprise, the person, the bureau that enrolled them, the host, the
   * national admin); a freed seat goes to the first waiting person: demonstration, then advantage
   * enterprises, then by time.
   */
  async cancel(ctx: Context, input: { id: string; note?: string | null }): Promise<{ enrolment: Enrolment; promoted: Enrolment | null }> {
    assertAudience(ctx, trainingActions.cancelEnrolment);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'Enrolment', 'id');
    const result = await transaction(ctx.em, async (em) => {
      const found = await visibleEnrolment(em, ctx, id, input.id);
      const person = await em.findOneOrFail(Person, found.person.id);
      const session = await em.findOneOrFail(TrainingSession, found.session.id);
      assertMay(ctx, trainingActions.cancelEnrolment, {
        enterpriseId: person.employerEnterprise?.id ?? null,
        personId: person.id,
        session: await sessionFacts(em, session),
        requestedBy: found.requestedBy,
      });
      await lockSession(em, session.id);
      const enrolment = await em.findOneOrFail(Enrolment, id, { refresh: true });
      if (!CANCELLABLE.has(enrolment.status)) throw conflict(`该报名状态为 ${enrolment.status}，不能取消`, { status: enrolment.status });
      if (ctx.clock.today() > session.endsOn) throw ruleViolation('SESSION_OVER', `班次已于 ${session.endsOn} 结束`, { endsOn: session.endsOn });
      const before = enrolment.status;
      log(enrolment, EnrolmentStatus.CANCELLED, v.username, ctx.clock.now(), input.note?.trim() || undefined);
      const promoted = before === EnrolmentStatus.BOOKED ? await promoteNext(em, session.id, ctx.clock.now()) : null;
      recordAudit(em, ctx, { operation: 'cancelEnrolment', objectType: 'Enrolment', objectId: enrolment.id, jurisdiction: session.regionCode ?? null, changes: { status: { before, after: 'CANCELLED' }, promoted: { before: null, after: promoted?.id ?? null } } });
      await em.flush();
      return { enrolment, promoted };
    });
    // The person promoted may be someone the canceller must not see (another enterprise's staff).
    const promotedVisible = result.promoted && (await findVisibleEnrolments(ctx.em, ctx.viewer, ctx.clock.today(), sql`en.id = ${result.promoted.id}::uuid`)).length > 0;
    return { enrolment: result.enrolment, promoted: promotedVisible ? result.promoted : null };
  },

  /** A session's roster: the enrolments the viewer may see, by time of request; null for the public. */
  roster(ctx: Context, session: TrainingSession, statuses: readonly EnrolmentStatus[] | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<Enrolment>> | null {
    if (!may(ctx.viewer, trainingActions.readEnrolments)) return null;
    return ctx.loaders.training.roster.page(session.id, statusFilter(statuses), args, ctx.config);
  },

  /** An enterprise's staff's enrolments, newest first: for those who see the enterprise's whole record. */
  ofEnterprise(ctx: Context, enterprise: Enterprise, statuses: readonly EnrolmentStatus[] | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<Enrolment>> | null {
    if (!hasFullEnterpriseAccess(ctx.viewer, factsOf(enterprise))) return null;
    return ctx.loaders.training.enterpriseEnrolments.page(enterprise.id, statusFilter(statuses), args, ctx.config);
  },
};
