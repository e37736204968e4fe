/**
 * Bookings of consulting sessions [D 四(三)二]: an enterprise's user books a seat for a person of its
 * staff before the session starts and may cancel it until then; the bookings a viewer may see are
 * listed on their own and under each session (consulting.policy.ts).
 *
 * The database holds both promises whatever the concurrency: a seat is taken by one guarded UPDATE
 * of the session (`seats_taken < capacity`, still scheduled, not started; a CHECK keeps the count
 * within the capacity), and a person books a session once (a partial unique index on the live
 * bookings). Transactions that touch a session and its bookings lock the session's row first.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput, conflict, flushOrConflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { filteredQuery, keysetPage, type ConnectionArgs } from '../../common/pagination.js';
import { assertMay, scopeOf } from '../../common/policy.js';
import { and, anyOf, query, sql, type Sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { enterpriseOf, requireUser } from '../../common/viewer.policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { titleOn } from '../designation/designation.rules.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { SelectedServiceTeam } from '../service/team.entity.js';
import { ConsultingBooking, ConsultingBookingStatus } from './booking.entity.js';
import { ConsultingSession, ConsultingSessionStatus } from './session.entity.js';
import { bookingVisibility, consultingActions } from './consulting.policy.js';
import { optionalText, PARAGRAPH, requiredText, startOfChinaDay } from './consulting.rules.js';
import type { ConsultingBookingFilter } from './booking.inputs.js';

/** The booking of `id` if the viewer may see it, else NOT_FOUND (ids outside its sight reveal nothing). */
export async function visibleBooking(em: EntityManager, ctx: Context, id: string, globalId: string): Promise<ConsultingBooking> {
  const [row] = await query<{ id: string }>(em, sql`select b.id from consulting_booking b where ${and(sql`b.id = ${id}::uuid`, bookingVisibility(ctx.viewer, ctx.clock.today(), 'b'))}`);
  const found = row && (await em.findOne(ConsultingBooking, id));
  if (!found) throw notFound('问诊预约', globalId);
  return found;
}

/** Locks the session's row, then the booking's (the order every transaction here keeps), both read afresh. */
export async function lockBooking(em: EntityManager, b: ConsultingBooking): Promise<{ session: ConsultingSession; booking: ConsultingBooking }> {
  const session = await em.findOneOrFail(ConsultingSession, b.session.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  const booking = await em.findOneOrFail(ConsultingBooking, b.id, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  return { session, booking };
}

/** Why a session takes no more bookings now, if it does not: cancelled, held or started, full. */
function closedBecause(s: ConsultingSession, now: Date): Error | null {
  if (s.status === ConsultingSessionStatus.CANCELLED) return ruleViolation('SESSION_CANCELLED', `该场次已取消：${s.cancelReason ?? ''}`, { paragraph: PARAGRAPH });
  if (s.status === ConsultingSessionStatus.HELD || s.startsAt.getTime() <= now.getTime()) return ruleViolation('SESSION_STARTED', '该场次已开始，不能再预约', { paragraph: PARAGRAPH, startsAt: s.startsAt.toISOString() });
  if (s.seatsTaken >= s.capacity) return ruleViolation('SESSION_FULL', `该场次的 ${s.capacity} 个名额已约满`, { paragraph: PARAGRAPH, capacity: s.capacity });
  return null;
}

export const bookingService = {
  /**
   * Books a seat for a person of the viewer's enterprise (enterprise users). NOT_PROGRAMME_ENTERPRISE
   * unless the enterprise holds a demonstration or advantage title today; OUTSIDE_REGION_SERVED unless
   * it is in the session's jurisdiction or one below it; TEAM_NOT_SELECTED when the team's listing was
   * revoked since; CONFLICT for a second booking of the person; SESSION_* when closed.
   */
  async book(ctx: Context, input: { sessionId: string; personId: string; questions: string }): Promise<ConsultingBooking> {
    assertMay(ctx, consultingActions.book, undefined);
    const v = requireUser(ctx);
    const enterpriseId = enterpriseOf(ctx.viewer)!;
    const sessionId = expectGlobalId(input.sessionId, 'ConsultingSession', 'sessionId');
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const problems = new InputProblems();
    const questions = requiredText(problems, 'questions', input.questions, 2_000);
    problems.throwIfAny();
    const today = ctx.clock.today();
    const now = ctx.clock.now();
    return transaction(ctx.em, async (em) => {
      const session = await em.findOne(ConsultingSession, sessionId);
      if (!session) throw notFound('问诊咨询场次', input.sessionId);
      // Another enterprise's staff (or anyone else) is not found, as the person directory answers.
      const person = await em.findOne(Person, personId);
      if (!person || person.employerEnterprise?.id !== enterpriseId) throw notFound('人员', input.personId);
      assertMay(ctx, consultingActions.book, { enterpriseId });
      const closed = closedBecause(session, now);
      if (closed) throw closed;
      const enterprise = await em.findOneOrFail(Enterprise, enterpriseId);
      if (!(await titleOn(em, enterpriseId, today))) {
        throw ruleViolation('NOT_PROGRAMME_ENTERPRISE', '问诊咨询面向示范企业和优势企业：本企业今日没有有效的示范企业或优势企业称号', { paragraph: PARAGRAPH, date: today });
      }
      const region = enterprise.region.unwrap().code;
      if (!ctx.reference.regionCodes([session.regionCode], true).includes(region)) {
        throw ruleViolation('OUTSIDE_REGION_SERVED', `该场次服务于 ${ctx.reference.region(session.regionCode)?.name ?? session.regionCode}，本企业所在辖区（${region}）不在其内`, { paragraph: PARAGRAPH, regionCode: session.regionCode });
      }
      const selection = await em.findOneOrFail(SelectedServiceTeam, session.selection.id);
      if (selection.revokedOn) throw ruleViolation('TEAM_NOT_SELECTED', `该服务队伍的入选已于 ${selection.revokedOn} 撤销，不能再预约其问诊`, { paragraph: PARAGRAPH, revokedOn: selection.revokedOn });
      // A friendlier answer for the common case; the partial unique index decides under concurrency.
      if (await em.count(ConsultingBooking, { session: sessionId, person: personId, status: { $ne: ConsultingBookingStatus.CANCELLED } })) throw conflict('该人员已预约此场次', { field: 'personId' });
      // The seat: one guarded UPDATE; concurrent bookings wait for each other on the row and re-check.
      const taken = await query<{ seats_taken: number }>(
        em,
        sql`update consulting_session set seats_taken = seats_taken + 1
             where id = ${sessionId}::uuid and status = ${ConsultingSessionStatus.SCHEDULED} and starts_at > ${now}::timestamptz and seats_taken < capacity
             returning seats_taken`,
      );
      if (!taken.length) throw closedBecause(await em.findOneOrFail(ConsultingSession, sessionId, { refresh: true }), now) ?? conflict('该场次刚被修改，请重试');
      const booking = em.create(ConsultingBooking, { session: sessionId, organization: session.organization.id, enterprise: enterpriseId, person: personId, questions, bookedBy: v.username });
      recordAudit(em, ctx, {
        operation: 'bookConsultingSession',
        objectType: 'ConsultingBooking',
        objectId: booking.id,
        jurisdiction: region,
        changes: { session: { before: null, after: session.id }, person: { before: null, after: person.name }, questions: { before: null, after: questions }, seatsTaken: { before: taken[0]!.seats_taken - 1, after: taken[0]!.seats_taken } },
      });
      await flushOrConflict(em, { duplicate: () => conflict('该人员已预约此场次', { field: 'personId' }) });
      return booking;
    });
  },

  /** Cancels a booking before its session starts (the enterprise that made it; the national bureau); the seat is free again. */
  async cancel(ctx: Context, input: { id: string; reason?: string | null }): Promise<ConsultingBooking> {
    assertMay(ctx, consultingActions.cancelBooking, undefined);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'ConsultingBooking', 'id');
    const problems = new InputProblems();
    const reason = optionalText(problems, 'reason', input.reason, 500);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const found = await visibleBooking(em, ctx, id, input.id);
      assertMay(ctx, consultingActions.cancelBooking, { enterpriseId: found.enterprise.id });
      const { session, booking } = await lockBooking(em, found);
      if (booking.status !== ConsultingBookingStatus.BOOKED) throw conflict(`该预约状态为 ${booking.status}，不能取消`, { status: booking.status });
      if (session.startsAt.getTime() <= ctx.clock.now().getTime()) throw ruleViolation('SESSION_STARTED', '问诊已开始，不能取消预约', { paragraph: PARAGRAPH, startsAt: session.startsAt.toISOString() });
      Object.assign(booking, { status: ConsultingBookingStatus.CANCELLED, cancelledAt: ctx.clock.now(), cancelledBy: v.username, cancelReason: reason });
      // The count outside the unit of work: the session's version is the team's (its edits), not the bookings'.
      await query(em, sql`update consulting_session set seats_taken = seats_taken - 1 where id = ${session.id}::uuid returning seats_taken`);
      const [e] = await query<{ region_code: string }>(em, sql`select region_code from enterprise where id = ${booking.enterprise.id}::uuid`);
      recordAudit(em, ctx, { operation: 'cancelConsultingBooking', objectType: 'ConsultingBooking', objectId: booking.id, jurisdiction: e!.region_code, changes: { status: { before: ConsultingBookingStatus.BOOKED, after: ConsultingBookingStatus.CANCELLED }, reason: { before: null, after: reason } } });
      await em.flush();
      return booking;
    });
  },

  /** The bookings the viewer sees, newest first, by region of the enterprise (roll-up), team, enterprise, session, status, session date. */
  list(ctx: Context, filter: ConsultingBookingFilter | null | undefined, args: ConnectionArgs) {
    const f = filter ?? {};
    if (f.from && f.to && f.to < f.from) throw badInput('filter.to', '不能早于 from');
    const sessionCondition = (condition: Sql) => sql`exists (select 1 from consulting_session bs where bs.id = b.session_id and ${condition})`;
    const where: (Sql | null)[] = [
      f.regionCodes ? anyOf(sql`(select be.region_code from enterprise be where be.id = b.enterprise_id)`, ctx.reference.regionCodes(f.regionCodes, !!f.includeSubJurisdictions)) : null,
      f.organizationId ? sql`b.organization_id = ${expectGlobalId(f.organizationId, 'ServiceOrganization', 'filter.organizationId')}::uuid` : null,
      f.enterpriseId ? sql`b.enterprise_id = ${expectGlobalId(f.enterpriseId, 'Enterprise', 'filter.enterpriseId')}::uuid` : null,
      f.sessionId ? sql`b.session_id = ${expectGlobalId(f.sessionId, 'ConsultingSession', 'filter.sessionId')}::uuid` : null,
      f.statuses ? anyOf(sql`b.status`, f.statuses) : null,
      f.from ? sessionCondition(sql`bs.starts_at >= ${startOfChinaDay(f.from)}::timestamptz`) : null,
      f.to ? sessionCondition(sql`bs.starts_at < ${new Date(startOfChinaDay(f.to).getTime() + 86_400_000)}::timestamptz`) : null,
      bookingVisibility(ctx.viewer, ctx.clock.today(), 'b'),
    ];
    return keysetPage<ConsultingBooking>({
      query: filteredQuery(ctx.em, ConsultingBooking, 'b', where),
      args,
      limits: ctx.config,
      orderKey: 'CREATED_AT:DESC',
      ascending: false,
      column: 'b.created_at',
      idColumn: 'b.id',
      cast: 'timestamptz',
      property: 'createdAt',
      value: (b) => b.createdAt.toISOString(),
      valueOk: (x) => typeof x === 'string' && !Number.isNaN(Date.parse(x)),
    });
  },

  /** A session's bookings the viewer sees (the enterprise: its own), in the order they were made; null for viewers who see none. */
  ofSession(ctx: Context, session: ConsultingSession, statuses: readonly ConsultingBookingStatus[] | null | undefined, args: ConnectionArgs) {
    if (!scopeOf(ctx.viewer, consultingActions.readBookings)) return null;
    return ctx.loaders.consulting.bookingsBySession.page(session.id, { statuses: statuses ? [...statuses].sort() : null }, args, ctx.config);
  },
};
