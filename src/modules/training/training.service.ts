import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { forbidden, requireUser } from '../../common/access.js';
import { badInput, conflict, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person, PersonCategory } from '../person/person.entity.js';
import { employerLevelOn } from '../talent/talent.service.js';
import { MembershipStatus, PoolMembership, TalentPool } from '../talent/pool-membership.entity.js';
import { Attendance, Certificate, EnrolmentStatus, Enrolment, FORMATS_BY_TIER, TrainingFormat, TrainingProgram, TrainingSession } from './training.entity.js';
import { randomBytes } from 'node:crypto';
import { addDays } from '../programme/working-days.js';
import { programmeService } from '../programme/programme.service.js';

const PRIORITY_ORDER = `case priority when 'DEMONSTRATION' then 0 when 'ADVANTAGE' then 1 else 2 end`;

function requireAdmin(ctx: Context) {
  const v = requireUser(ctx);
  if (v.role !== 'NATIONAL_ADMIN' && v.role !== 'PROVINCIAL_ADMIN') throw forbidden('培训项目和班次由国家局或省局设立');
  return v;
}

/** Serialises seat changes of one session across requests and server instances. */
async function lockSession(em: EntityManager, sessionId: string): Promise<void> {
  await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [`training-session:${sessionId}`], 'all', em.getTransactionContext());
}

function log(e: Enrolment, status: EnrolmentStatus, by: string, at: Date, note?: string) {
  e.status = status;
  e.history = [...e.history, { at: at.toISOString(), status, by, ...(note ? { note } : {}) }];
}

const CERT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** An unguessable certificate number: IPTC-<year>-<10 random characters>. */
export function certificateNumber(year: string): string {
  const bytes = randomBytes(10);
  return `IPTC-${year}-${[...bytes].map((b) => CERT_ALPHABET[b % CERT_ALPHABET.length]).join('')}`;
}

/** Every day of a session, inclusive. */
function sessionDays(s: TrainingSession): string[] {
  const days: string[] = [];
  for (let d = s.startsOn; d <= s.endsOn; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Who may run a session: the national admin, or the provincial admin of the session's jurisdiction. */
function assertRunsSession(ctx: Context, s: TrainingSession) {
  const v = requireUser(ctx);
  if (v.role === 'NATIONAL_ADMIN') return v;
  if (v.role === 'PROVINCIAL_ADMIN' && s.regionCode && s.regionCode === v.regionCode) return v;
  throw forbidden('只有举办方（国家局或本辖区省局）可以安排教师、登记出勤和结业');
}

/** A write changes seats or instructors: what this request's loaders cached is stale (several mutations can share one request). */
function forgetCachedSessions(ctx: Context) {
  ctx.loaders.bookedSeatsBySession.clearAll();
  ctx.loaders.instructorsBySession.clearAll();
  ctx.loaders.certificateByEnrolment.clearAll();
}

/** The most instructors one session can list. */
export const MAX_INSTRUCTORS = 20;

export const trainingService = {
  /**
   * Sets a session's instructors (the host: the national admin or the provincial admin of the
   * session's jurisdiction). Each must be admitted to the faculty pool of the national faculty
   * platform for every day of the session [D 四(四)一]; the list replaces the previous one.
   */
  async setInstructors(ctx: Context, input: { sessionId: string; personIds: string[] }): Promise<TrainingSession> {
    forgetCachedSessions(ctx);
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    if (input.personIds.length > MAX_INSTRUCTORS) throw badInput([{ field: 'personIds', message: `最多 ${MAX_INSTRUCTORS} 名授课教师` }]);
    const ids = [...new Set(input.personIds.map((id, i) => expectGlobalId(id, 'Person', `personIds.${i}`)))];
    return ctx.em.transactional(async (em) => {
      const session = await em.findOne(TrainingSession, sessionId, { populate: ['instructors'] });
      if (!session) throw notFound('培训班次', input.sessionId);
      assertRunsSession(ctx, session);
      const people = ids.length ? await em.find(Person, { id: { $in: ids } }) : [];
      const missing = ids.filter((id) => !people.some((p) => p.id === id));
      if (missing.length) throw notFound('人员', input.personIds[ids.indexOf(missing[0])] ?? missing[0]);
      const faculty = ids.length
        ? await em.find(PoolMembership, { person: { $in: ids }, pool: TalentPool.FACULTY_POOL, status: MembershipStatus.ADMITTED, termStart: { $lte: session.startsOn }, termEnd: { $gte: session.endsOn } })
        : [];
      const outside = people.filter((p) => !faculty.some((m) => m.person.id === p.id));
      if (outside.length) {
        throw ruleViolation('FACULTY_POOL', `授课教师须在班次全程处于师资库任期内：${outside.map((p) => p.name).join('、')}`, { paragraph: '四(四)一', names: outside.map((p) => p.name) });
      }
      const before = session.instructors.getItems().map((p) => p.name);
      session.instructors.set(ids.map((id) => people.find((p) => p.id === id)!));
      recordAudit(em, ctx, { operation: 'setSessionInstructors', objectType: 'TrainingSession', objectId: session.id, jurisdiction: session.regionCode ?? null, changes: { instructors: { before, after: ids.map((id) => people.find((p) => p.id === id)!.name) } } });
      await em.flush();
      return session;
    });
  },

  /** Attendance of one session day: the booked people present that day; the others absent. */
  async recordAttendance(ctx: Context, input: { sessionId: string; day: string; presentPersonIds: string[] }): Promise<number> {
    forgetCachedSessions(ctx);
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const present = new Set(input.presentPersonIds.map((id, i) => expectGlobalId(id, 'Person', `presentPersonIds.${i}`)));
    return ctx.em.transactional(async (em) => {
      const session = await em.findOne(TrainingSession, sessionId);
      if (!session) throw notFound('培训班次', input.sessionId);
      const v = assertRunsSession(ctx, session);
      if (input.day < session.startsOn || input.day > session.endsOn) throw badInput([{ field: 'day', message: `应在 ${session.startsOn} 至 ${session.endsOn} 之间` }]);
      if (input.day > ctx.clock.today()) throw badInput([{ field: 'day', message: '不能登记未来的出勤' }]);
      const booked = await em.find(Enrolment, { session: sessionId, status: EnrolmentStatus.BOOKED });
      const unknown = [...present].filter((p) => !booked.some((e) => e.person.id === p));
      if (unknown.length) throw badInput([{ field: 'presentPersonIds', message: '包含未占名额（BOOKED）的人员' }]);
      await em.nativeDelete(Attendance, { enrolment: { $in: booked.map((e) => e.id) }, day: input.day });
      for (const e of booked) em.create(Attendance, { enrolment: e.id, day: input.day, present: present.has(e.person.id) });
      recordAudit(em, ctx, { operation: 'recordAttendance', objectType: 'TrainingSession', objectId: session.id, jurisdiction: session.regionCode ?? null, changes: { day: { before: null, after: input.day }, present: { before: null, after: present.size }, by: { before: null, after: v.username } } });
      await em.flush();
      return present.size;
    });
  },

  /**
   * After the last day: each booked person completes when present on at least the set share of the
   * days (a setting, default 80 %) and gets a certificate; present on none → NO_SHOW; else ATTENDED.
   */
  async complete(ctx: Context, sessionGlobalId: string): Promise<Enrolment[]> {
    forgetCachedSessions(ctx);
    const sessionId = expectGlobalId(sessionGlobalId, 'TrainingSession', 'sessionId');
    const settings = await programmeService.settings(ctx.em);
    return ctx.em.transactional(async (em) => {
      const session = await em.findOne(TrainingSession, sessionId);
      if (!session) throw notFound('培训班次', sessionGlobalId);
      const v = assertRunsSession(ctx, session);
      if (ctx.clock.today() <= session.endsOn) throw ruleViolation('SESSION_NOT_OVER', `班次 ${session.endsOn} 结束后才能办理结业`, { endsOn: session.endsOn });
      await lockSession(em, session.id);
      const program = await em.findOneOrFail(TrainingProgram, session.program.id);
      const days = sessionDays(session).length;
      const booked = await em.find(Enrolment, { session: sessionId, status: EnrolmentStatus.BOOKED });
      const now = ctx.clock.now();
      for (const e of booked) {
        const attended = await em.count(Attendance, { enrolment: e.id, present: true });
        if (attended * 100 >= settings.trainingCompletionPercent * days) {
          log(e, EnrolmentStatus.COMPLETED, v.username, now);
          const person = await em.findOneOrFail(Person, e.person.id);
          em.create(Certificate, {
            number: certificateNumber(session.endsOn.slice(0, 4)),
            enrolment: e.id,
            holderName: person.name,
            programTitle: program.title,
            tier: program.tier,
            startsOn: session.startsOn,
            endsOn: session.endsOn,
            issuedOn: ctx.clock.today(),
          });
        } else {
          log(e, attended === 0 ? EnrolmentStatus.NO_SHOW : EnrolmentStatus.ATTENDED, v.username, now, `出勤 ${attended}/${days} 天`);
        }
      }
      recordAudit(em, ctx, { operation: 'completeTrainingSession', objectType: 'TrainingSession', objectId: session.id, jurisdiction: session.regionCode ?? null, changes: { enrolments: { before: null, after: booked.map((e) => `${e.id}:${e.status}`) } } });
      await em.flush();
      return booked;
    });
  },

  /** Public verification: only what the certificate states, or null for a number that was never issued. */
  async verify(em: EntityManager, number: string): Promise<Certificate | null> {
    const n = number.trim().toUpperCase();
    if (!/^IPTC-\d{4}-[2-9A-Z]{10}$/.test(n)) return null;
    return em.findOne(Certificate, { number: n });
  },

  /** R19 [D 四(四)二]: a program's format must be one of its tier's. */
  async createProgram(ctx: Context, input: { title: string; tier: PersonCategory; format: TrainingFormat; topics?: string[] | null }): Promise<TrainingProgram> {
    requireAdmin(ctx);
    const title = input.title.trim();
    if (title.length < 1 || title.length > 200) throw badInput([{ field: 'title', message: '应为 1–200 字' }]);
    const allowed = FORMATS_BY_TIER[input.tier];
    if (!allowed || !allowed.includes(input.format)) {
      throw ruleViolation('R19', `${input.tier} 层级的培训形式应为：${(allowed ?? []).join('、') || '（该类别无分层培训）'}`, { paragraph: '四(四)二', allowed: allowed ?? [] });
    }
    return ctx.em.transactional(async (em) => {
      const program = em.create(TrainingProgram, { title, tier: input.tier, format: input.format, topics: (input.topics ?? []).map((x) => x.trim()).filter(Boolean).slice(0, 20) });
      recordAudit(em, ctx, { operation: 'createTrainingProgram', objectType: 'TrainingProgram', objectId: program.id, jurisdiction: null, changes: { title: { before: null, after: title } } });
      await em.flush();
      return program;
    });
  },

  async createSession(ctx: Context, input: { programId: string; startsOn: string; endsOn: string; capacity: number; registrationClosesOn: string; place?: string | null; onlineUrl?: string | null; regionCode?: string | null }): Promise<TrainingSession> {
    const v = requireAdmin(ctx);
    const programId = expectGlobalId(input.programId, 'TrainingProgram', 'programId');
    const problems: { field: string; message: string }[] = [];
    if (input.endsOn < input.startsOn) problems.push({ field: 'endsOn', message: '不能早于开始日' });
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000) problems.push({ field: 'capacity', message: '应为 1–10000' });
    if (input.registrationClosesOn > input.startsOn) problems.push({ field: 'registrationClosesOn', message: '不能晚于开始日' });
    if (!input.place?.trim() && !input.onlineUrl?.trim()) problems.push({ field: 'place', message: '须给出地点或线上链接' });
    if (problems.length) throw badInput(problems);
    const regionCode = v.role === 'PROVINCIAL_ADMIN' ? v.regionCode : (input.regionCode ?? null);
    return ctx.em.transactional(async (em) => {
      if (!(await em.count(TrainingProgram, programId))) throw notFound('培训项目', input.programId);
      const session = em.create(TrainingSession, {
        program: programId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        capacity: input.capacity,
        registrationClosesOn: input.registrationClosesOn,
        place: input.place?.trim() || null,
        onlineUrl: input.onlineUrl?.trim() || null,
        regionCode,
      });
      recordAudit(em, ctx, { operation: 'createTrainingSession', objectType: 'TrainingSession', objectId: session.id, jurisdiction: regionCode ?? null, changes: { capacity: { before: null, after: input.capacity } } });
      await em.flush();
      return session;
    });
  },

  /**
   * Enrols a person: an enterprise user its own staff, a provincial admin people of its
   * jurisdiction, the national admin anyone. The person's category must match the program's tier.
   * A seat is booked while any is free, else the person waits; seats never exceed the capacity,
   * whatever the concurrency (a per-session advisory lock).
   */
  async enrol(ctx: Context, input: { sessionId: string; personId: string }): Promise<Enrolment> {
    forgetCachedSessions(ctx);
    const v = requireUser(ctx);
    if (!['ENTERPRISE_USER', 'PROVINCIAL_ADMIN', 'NATIONAL_ADMIN'].includes(v.role)) throw forbidden('报名由企业或知识产权局办理');
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const today = ctx.clock.today();
    return ctx.em.transactional(async (em) => {
      const session = await em.findOne(TrainingSession, sessionId);
      if (!session) throw notFound('培训班次', input.sessionId);
      const person = await em.findOne(Person, personId);
      if (!person) throw notFound('人员', input.personId);
      const employer = person.employerEnterprise ? await em.findOne(Enterprise, person.employerEnterprise.id) : null;
      if (v.role === 'ENTERPRISE_USER' && employer?.id !== v.enterpriseId) throw forbidden('只能为本企业人员报名');
      if (v.role === 'PROVINCIAL_ADMIN' && (employer?.region.unwrap().code ?? person.regionCode) !== v.regionCode) throw forbidden('只能为本辖区人员报名');
      const program = await em.findOneOrFail(TrainingProgram, session.program.id);
      if (person.category !== program.tier) {
        throw ruleViolation('R19', `该班次面向 ${program.tier}，报名人员类别为 ${person.category}`, { paragraph: '四(四)二', tier: program.tier, category: person.category });
      }
      if (today > session.registrationClosesOn) throw ruleViolation('REGISTRATION_CLOSED', `报名已于 ${session.registrationClosesOn} 截止`, { closesOn: session.registrationClosesOn });
      await lockSession(em, session.id);
      const existing = await em.findOne(Enrolment, { session: session.id, person: personId });
      if (existing && existing.status !== EnrolmentStatus.CANCELLED) throw conflict('该人员已报名此班次', { status: existing.status });
      const booked = await em.count(Enrolment, { session: session.id, status: EnrolmentStatus.BOOKED });
      const enrolment =
        existing ??
        em.create(Enrolment, {
          session: session.id,
          person: personId,
          status: EnrolmentStatus.WAITLISTED,
          priority: await employerLevelOn(em, employer?.id, today),
          requestedAt: ctx.clock.now(),
          requestedBy: v.username,
        });
      if (existing) existing.requestedAt = ctx.clock.now();
      log(enrolment, booked < session.capacity ? EnrolmentStatus.BOOKED : EnrolmentStatus.WAITLISTED, v.username, ctx.clock.now());
      recordAudit(em, ctx, { operation: 'enrol', objectType: 'Enrolment', objectId: enrolment.id, jurisdiction: session.regionCode ?? null, changes: { status: { before: existing?.status ?? null, after: enrolment.status } } });
      await em.flush();
      return enrolment;
    });
  },

  /** Cancels an enrolment; a freed seat goes to the first waiting person: demonstration, then advantage enterprises, then by time. */
  async cancel(ctx: Context, input: { id: string; note?: string | null }): Promise<{ enrolment: Enrolment; promoted: Enrolment | null }> {
    forgetCachedSessions(ctx);
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'Enrolment', 'id');
    return ctx.em.transactional(async (em) => {
      const found = await em.findOne(Enrolment, id);
      if (!found) throw notFound('报名', input.id);
      await lockSession(em, found.session.id);
      const enrolment = await em.findOneOrFail(Enrolment, id, { refresh: true });
      const person = await em.findOneOrFail(Person, enrolment.person.id);
      const mayCancel =
        v.role === 'NATIONAL_ADMIN' ||
        (v.role === 'ENTERPRISE_USER' && person.employerEnterprise?.id === v.enterpriseId) ||
        (v.role === 'PROVINCIAL_ADMIN' && enrolment.requestedBy === v.username) ||
        v.personId === person.id;
      if (!mayCancel) throw forbidden('无权取消该报名');
      if (enrolment.status === EnrolmentStatus.CANCELLED) throw conflict('该报名已取消');
      const wasBooked = enrolment.status === EnrolmentStatus.BOOKED;
      log(enrolment, EnrolmentStatus.CANCELLED, v.username, ctx.clock.now(), input.note?.trim() || undefined);
      let promoted: Enrolment | null = null;
      if (wasBooked) {
        const [next] = await em.getConnection().execute<{ id: string }[]>(
          `select id from enrolment where session_id = ? and status = 'WAITLISTED' order by ${PRIORITY_ORDER}, requested_at, id limit 1`,
          [enrolment.session.id],
          'all',
          em.getTransactionContext(),
        );
        if (next) {
          promoted = await em.findOneOrFail(Enrolment, next.id);
          log(promoted, EnrolmentStatus.BOOKED, 'system', ctx.clock.now(), '候补递补');
        }
      }
      recordAudit(em, ctx, { operation: 'cancelEnrolment', objectType: 'Enrolment', objectId: enrolment.id, jurisdiction: null, changes: { status: { before: wasBooked ? 'BOOKED' : 'WAITLISTED', after: 'CANCELLED' }, promoted: { before: null, after: promoted?.id ?? null } } });
      await em.flush();
      return { enrolment, promoted };
    });
  },
};
