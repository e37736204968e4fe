/**
 * Attendance, completion and certificates [D 四(四)二]: attendance per session day, completion by
 * the attendance rule (a programme setting), certificates anyone can verify, enterprises' training
 * records and the yearly summary by tier.
 */
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { badInput, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import type { ConnectionArgs, ConnectionShape } from '../../common/pagination.js';
import { assertMay } from '../../common/policy.js';
import { and, anyOfGiven, query, sql } from '../../common/sql.js';
import { transaction } from '../../common/transaction.js';
import { requireUser } from '../../common/viewer.policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { factsOf, hasFullEnterpriseAccess } from '../enterprise/enterprise.policy.js';
import type { Enterprise } from '../enterprise/enterprise.entity.js';
import type { PersonCategory } from '../person/person.entity.js';
import { Person } from '../person/person.entity.js';
import { addDays } from '../programme/working-days.js';
import { programmeService } from '../programme/programme.service.js';
import { Attendance, Certificate, Enrolment, EnrolmentStatus, FORMATS_BY_TIER, TrainingProgram, TrainingSession } from './training.entity.js';
import { assertAudience, trainingActions } from './training.policy.js';
import { lockSession, log } from './enrolment.queue.js';
import { sessionFacts } from './catalogue.service.js';
import type { TrainingRecord } from './attendance.inputs.js';

const CERT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An unguessable certificate number: IPTC-<year>-<10 random characters>. */
export function certificateNumber(year: string): string {
  const bytes = randomBytes(10);
  return `IPTC-${year}-${[...bytes].map((b) => CERT_ALPHABET[b % CERT_ALPHABET.length]).join('')}`;
}

/** The number of days of a session, both ends included. */
function sessionDays(s: TrainingSession): number {
  let n = 0;
  for (let d = s.startsOn; d <= s.endsOn; d = addDays(d, 1)) n++;
  return n;
}

export interface TrainingSummaryRow {
  tier: PersonCategory;
  sessions: number;
  seats: number;
  participants: number;
  completed: number;
  noShows: number;
  completedFromDemonstration: number;
  completedFromAdvantage: number;
}

/** A session the viewer runs (loaded in `em`), else NOT_FOUND or FORBIDDEN. */
async function runSession(em: EntityManager, ctx: Context, globalId: string): Promise<TrainingSession> {
  const session = await em.findOne(TrainingSession, expectGlobalId(globalId, 'TrainingSession', 'sessionId'));
  if (!session) throw notFound('培训班次', globalId);
  assertMay(ctx, trainingActions.runSession, await sessionFacts(em, session));
  return session;
}

export const attendanceService = {
  /** Attendance of one session day (the host): the booked people present that day; the others absent. */
  async recordAttendance(ctx: Context, input: { sessionId: string; day: string; presentPersonIds: string[] }) {
    assertAudience(ctx, trainingActions.runSession);
    const v = requireUser(ctx);
    expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const present = new Set(input.presentPersonIds.map((id, i) => expectGlobalId(id, 'Person', `presentPersonIds.${i}`)));
    return transaction(ctx.em, async (em) => {
      const session = await runSession(em, ctx, input.sessionId);
      if (input.day < session.startsOn || input.day > session.endsOn) throw badInput([{ field: 'day', message: `应在 ${session.startsOn} 至 ${session.endsOn} 之间` }]);
      if (input.day > ctx.clock.today()) throw badInput([{ field: 'day', message: '不能登记未来的出勤' }]);
      await lockSession(em, session.id); // two registrations of one day must not both insert
      const booked = await em.find(Enrolment, { session: session.id, status: EnrolmentStatus.BOOKED }, { refresh: true });
      const unknown = [...present].filter((p) => !booked.some((e) => e.person.id === p));
      if (unknown.length) throw badInput([{ field: 'presentPersonIds', message: '包含未占名额（BOOKED）的人员' }]);
      await em.nativeDelete(Attendance, { enrolment: { $in: booked.map((e) => e.id) }, day: input.day });
      for (const e of booked) em.create(Attendance, { enrolment: e.id, day: input.day, present: present.has(e.person.id) });
      recordAudit(em, ctx, { operation: 'recordAttendance', objectType: 'TrainingSession', objectId: session.id, jurisdiction: session.regionCode ?? null, changes: { day: { before: null, after: input.day }, present: { before: null, after: present.size }, by: { before: null, after: v.username } } });
      await em.flush();
      return { session, day: input.day, presentCount: present.size, absentCount: booked.length - present.size };
    });
  },

  /**
   * After the last day (the host): each booked person completes when present on at least the set
   * share of the days (a setting, default 80 %) and gets a certificate; present on none → NO_SHOW;
   * else ATTENDED.
   */
  async complete(ctx: Context, input: { sessionId: string }) {
    assertAudience(ctx, trainingActions.runSession);
    const v = requireUser(ctx);
    expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const session = await runSession(em, ctx, input.sessionId);
      if (ctx.clock.today() <= session.endsOn) throw ruleViolation('SESSION_NOT_OVER', `班次 ${session.endsOn} 结束后才能办理结业`, { endsOn: session.endsOn });
      await lockSession(em, session.id);
      const program = await em.findOneOrFail(TrainingProgram, session.program.id);
      const days = sessionDays(session);
      const booked = await em.find(Enrolment, { session: session.id, status: EnrolmentStatus.BOOKED }, { refresh: true });
      const now = ctx.clock.now();
      // Days present and the people, for all booked at once (a forum can seat hundreds).
      const ids = booked.map((e) => e.id);
      const present = ids.length ? await query<{ enrolment_id: string; n: number }>(em, sql`select enrolment_id, count(*)::int as n from attendance where enrolment_id in (${ids}) and present group by enrolment_id`) : [];
      const people = booked.length ? await em.find(Person, { id: { $in: booked.map((e) => e.person.id) } }) : [];
      const counts = { completed: 0, attended: 0, noShows: 0 };
      for (const e of booked) {
        const attended = present.find((r) => r.enrolment_id === e.id)?.n ?? 0;
        if (attended * 100 >= settings.trainingCompletionPercent * days) {
          log(e, EnrolmentStatus.COMPLETED, v.username, now);
          counts.completed++;
          em.create(Certificate, {
            number: certificateNumber(session.endsOn.slice(0, 4)),
            enrolment: e.id,
            holderName: people.find((p) => p.id === e.person.id)!.name,
            programTitle: program.title,
            tier: program.tier,
            startsOn: session.startsOn,
            endsOn: session.endsOn,
            issuedOn: ctx.clock.today(),
          });
        } else {
          log(e, attended === 0 ? EnrolmentStatus.NO_SHOW : EnrolmentStatus.ATTENDED, v.username, now, `出勤 ${attended}/${days} 天`);
          if (attended === 0) counts.noShows++;
          else counts.attended++;
        }
      }
      recordAudit(em, ctx, { operation: 'completeTrainingSession', objectType: 'TrainingSession', objectId: session.id, jurisdiction: session.regionCode ?? null, changes: { enrolments: { before: null, after: booked.map((e) => `${e.id}:${e.status}`) } } });
      await em.flush();
      return { session, ...counts };
    });
  },

  /** Public verification: only what the certificate states, or null for a number that was never issued. */
  async verify(ctx: Context, number: string): Promise<Certificate | null> {
    const n = number.trim().toUpperCase();
    if (!/^IPTC-\d{4}-[2-9A-Z]{10}$/.test(n)) return null;
    return ctx.em.findOne(Certificate, { number: n });
  },

  /** Training completed or attended by an enterprise's staff, latest first: for those who see the enterprise's whole record. */
  records(ctx: Context, enterprise: Enterprise, year: number | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<TrainingRecord>> | null {
    if (!hasFullEnterpriseAccess(ctx.viewer, factsOf(enterprise))) return null;
    return ctx.loaders.training.enterpriseRecords.page(enterprise.id, { year: year ?? null }, args, ctx.config);
  },

  /**
   * Training by tier for a year (sessions ending that year), optionally for some jurisdictions
   * (the sessions' regions): sessions, seats, participants (ever given a seat), completions and how
   * many of those came from demonstration and from advantage enterprises (the title on enrolment).
   */
  async summary(ctx: Context, year: number, regionCodes?: string[] | null): Promise<TrainingSummaryRow[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput([{ field: 'year', message: '应为 2000–2100' }]);
    const where = and(sql`extract(year from s.ends_on) = ${year}`, anyOfGiven(sql`s.region_code`, regionCodes));
    // One row per trained tier, in the order of R19's table, even when a tier had no session.
    const tiers = Object.keys(FORMATS_BY_TIER);
    return query<TrainingSummaryRow>(
      ctx.em,
      sql`with sessions as (
         select s.id, s.capacity, p.tier from training_session s join training_program p on p.id = s.program_id where ${where})
       select t.tier,
              (select count(*)::int from sessions x where x.tier = t.tier) as sessions,
              (select coalesce(sum(x.capacity), 0)::int from sessions x where x.tier = t.tier) as seats,
              count(e.id) filter (where e.status in ('BOOKED', 'ATTENDED', 'COMPLETED', 'NO_SHOW'))::int as participants,
              count(e.id) filter (where e.status = 'COMPLETED')::int as completed,
              count(e.id) filter (where e.status = 'NO_SHOW')::int as "noShows",
              count(e.id) filter (where e.status = 'COMPLETED' and e.priority = 'DEMONSTRATION')::int as "completedFromDemonstration",
              count(e.id) filter (where e.status = 'COMPLETED' and e.priority = 'ADVANTAGE')::int as "completedFromAdvantage"
         from unnest(array[${tiers}]::text[]) with ordinality as t(tier, ord)
         left join sessions s on s.tier = t.tier
         left join enrolment e on e.session_id = s.id
        group by t.tier, t.ord order by t.ord`,
    );
  },
};
