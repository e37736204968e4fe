/**
 * After a consulting session [D 四(三)二]: the team records, booking by booking, whether the person
 * came and, if so, what was diagnosed and advised. That is a service delivered to the enterprise: a
 * ServiceRecord of type CONSULTATION (src/modules/service), dated the session's day, made in the same
 * transaction and kept on the booking. The first outcome of a session marks it held. The enterprise
 * then rates the consultation once (1–5 with a comment).
 */
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { conflict, InputProblems, ruleViolation } from '../../common/errors.js';
import { expectGlobalId, tryGlobalId } from '../../common/node.js';
import { assertMay } from '../../common/policy.js';
import { and, anyOf, query, sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { ServiceRecord, ServiceType } from '../service/service-record.entity.js';
import { NATIONAL_BUREAU } from '../service/service.policy.js';
import { ConsultingBooking, ConsultingBookingStatus } from './booking.entity.js';
import { ConsultingSession, ConsultingSessionStatus } from './session.entity.js';
import { consultingActions } from './consulting.policy.js';
import { chinaDate, optionalText, PARAGRAPH, requiredText } from './consulting.rules.js';
import { lockBooking, visibleBooking } from './booking.service.js';
import { ConsultingAttendance, type RecordConsultationOutcomeInput, type RateConsultationInput } from './booking.inputs.js';

const RECORD_FIELDS = ['type', 'servedOn', 'hours', 'summary', 'outcome', 'deliveredBy'] as const;
const DELIVERERS_MAX = 20;

/** The people who delivered it: members of the team on the session's day (BAD_USER_INPUT otherwise). */
async function deliverers(em: EntityManager, organizationId: string, day: string, globalIds: readonly string[]): Promise<string[]> {
  const problems = new InputProblems();
  if (globalIds.length > DELIVERERS_MAX) problems.add('deliveredByIds', `最多 ${DELIVERERS_MAX} 人`);
  const ids = globalIds.map((id, i) => {
    const key = tryGlobalId(id, 'Person');
    if (!key) problems.add(`deliveredByIds.${i}`, '不是有效的人员 ID');
    return key ?? '';
  });
  problems.throwIfAny();
  if (!ids.length) return [];
  const members = await query<{ person_id: string }>(
    em,
    sql`select m.person_id from organization_member m where ${and(
      sql`m.organization_id = ${organizationId}::uuid`,
      anyOf(sql`m.person_id`, ids),
      sql`m.starts_on <= ${day}::date and coalesce(m.ended_on, m.ends_on, ${day}::date) >= ${day}::date`,
    )}`,
  );
  ids.forEach((id, i) => {
    if (!members.some((m) => m.person_id === id)) problems.add(`deliveredByIds.${i}`, '不是该服务队伍在问诊当日在任的成员');
  });
  problems.throwIfAny();
  return [...new Set(ids)];
}

export const outcomeService = {
  async record(ctx: Context, input: RecordConsultationOutcomeInput): Promise<{ booking: ConsultingBooking; serviceRecord: ServiceRecord | null }> {
    assertMay(ctx, consultingActions.recordOutcome, undefined);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.bookingId, 'ConsultingBooking', 'bookingId');
    const attended = input.attendance === ConsultingAttendance.ATTENDED;
    const problems = new InputProblems();
    const diagnosis = attended ? requiredText(problems, 'diagnosis', input.diagnosis, 5_000) : null;
    const advice = attended ? requiredText(problems, 'advice', input.advice, 5_000) : null;
    if (!attended && (input.diagnosis?.trim() || input.advice?.trim())) problems.add('attendance', '未到的预约不登记诊断与建议');
    const hours = input.hours;
    if (hours != null && (!Number.isFinite(hours) || hours <= 0 || hours > 24 || Math.round(hours * 100) !== hours * 100)) problems.add('hours', '应大于 0、不超过 24，至多两位小数');
    problems.throwIfAny();
    const now = ctx.clock.now();
    return transaction(ctx.em, async (em) => {
      const found = await visibleBooking(em, ctx, id, input.bookingId);
      assertMay(ctx, consultingActions.recordOutcome, { organizationId: found.organization.id });
      const { session, booking } = await lockBooking(em, found);
      if (session.status === ConsultingSessionStatus.CANCELLED) throw ruleViolation('SESSION_CANCELLED', '该场次已取消', { paragraph: PARAGRAPH });
      if (booking.status !== ConsultingBookingStatus.BOOKED) throw conflict(booking.status === ConsultingBookingStatus.CANCELLED ? '该预约已取消' : '该预约已登记问诊结果', { status: booking.status });
      if (session.startsAt.getTime() > now.getTime()) throw ruleViolation('SESSION_NOT_STARTED', '问诊尚未开始，不能登记结果', { paragraph: PARAGRAPH, startsAt: session.startsAt.toISOString() });
      const day = chinaDate(session.startsAt);
      const [e] = await query<{ region_code: string }>(em, sql`select region_code from enterprise where id = ${booking.enterprise.id}::uuid`);
      const jurisdiction = e!.region_code;
      let record: ServiceRecord | null = null;
      if (attended) {
        const deliveredBy = await deliverers(em, session.organization.id, day, input.deliveredByIds ?? []);
        record = em.create(ServiceRecord, {
          enterprise: booking.enterprise.id,
          organization: session.organization.id,
          type: ServiceType.CONSULTATION,
          servedOn: day,
          hours: hours ?? Math.round((session.durationMinutes / 60) * 100) / 100,
          summary: `问诊咨询（${session.topics.join('、')}）。企业问题：${booking.questions}\n诊断：${diagnosis}`,
          outcome: advice,
          deliveredBy,
          recordedBy: v.username,
          recorderRole: v.role,
        });
        recordAudit(em, ctx, { operation: 'recordConsultationOutcome', objectType: 'ServiceRecord', objectId: record.id, jurisdiction, changes: { ...changedFields(null, snapshot(record, RECORD_FIELDS), RECORD_FIELDS), booking: { before: null, after: booking.id } } });
      }
      Object.assign(booking, {
        status: attended ? ConsultingBookingStatus.ATTENDED : ConsultingBookingStatus.NO_SHOW,
        diagnosis,
        advice,
        outcomeRecordedAt: now,
        outcomeRecordedBy: v.username,
      });
      booking.serviceRecord = record ? ref(record) : null;
      recordAudit(em, ctx, {
        operation: 'recordConsultationOutcome',
        objectType: 'ConsultingBooking',
        objectId: booking.id,
        jurisdiction,
        changes: { status: { before: ConsultingBookingStatus.BOOKED, after: booking.status }, diagnosis: { before: null, after: diagnosis }, advice: { before: null, after: advice }, serviceRecord: { before: null, after: record?.id ?? null } },
      });
      if (session.status === ConsultingSessionStatus.SCHEDULED) await markHeld(em, ctx, session);
      await em.flush();
      return { booking, serviceRecord: record };
    });
  },

  /** The enterprise rates a consultation it attended, once, after its outcome was recorded. */
  async rate(ctx: Context, input: RateConsultationInput): Promise<ConsultingBooking> {
    assertMay(ctx, consultingActions.rate, undefined);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.bookingId, 'ConsultingBooking', 'bookingId');
    const problems = new InputProblems();
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) problems.add('rating', '应为 1–5 分');
    const comment = optionalText(problems, 'comment', input.comment, 1_000);
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const found = await visibleBooking(em, ctx, id, input.bookingId);
      assertMay(ctx, consultingActions.rate, { enterpriseId: found.enterprise.id });
      const { booking } = await lockBooking(em, found);
      if (booking.status !== ConsultingBookingStatus.ATTENDED) {
        throw ruleViolation('OUTCOME_NOT_RECORDED', booking.status === ConsultingBookingStatus.BOOKED ? '服务队伍登记问诊结果后才能评价' : '只能评价参加了的问诊', { paragraph: PARAGRAPH, status: booking.status });
      }
      if (booking.rating != null) throw conflict('该问诊已评价', { rating: booking.rating });
      Object.assign(booking, { rating: input.rating, ratingComment: comment, ratedAt: ctx.clock.now(), ratedBy: v.username });
      const [e] = await query<{ region_code: string }>(em, sql`select region_code from enterprise where id = ${booking.enterprise.id}::uuid`);
      recordAudit(em, ctx, { operation: 'rateConsultation', objectType: 'ConsultingBooking', objectId: booking.id, jurisdiction: e!.region_code, changes: { rating: { before: null, after: input.rating }, comment: { before: null, after: comment } } });
      await em.flush();
      return booking;
    });
  },
};

/** A scheduled session whose outcome is being recorded was held. */
async function markHeld(em: EntityManager, ctx: Context, session: ConsultingSession): Promise<void> {
  session.status = ConsultingSessionStatus.HELD;
  const [l] = await query<{ bureau_code: string }>(em, sql`select bureau_code from selected_service_team where id = ${session.selection.id}::uuid`);
  const jurisdiction = l!.bureau_code === NATIONAL_BUREAU ? null : l!.bureau_code;
  recordAudit(em, ctx, { operation: 'recordConsultationOutcome', objectType: 'ConsultingSession', objectId: session.id, jurisdiction, changes: { status: { before: ConsultingSessionStatus.SCHEDULED, after: ConsultingSessionStatus.HELD } } });
}
