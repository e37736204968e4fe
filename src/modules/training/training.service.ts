import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { forbidden } from '../../common/errors.js';
import { isNational, isUser, requireUser } from '../../common/viewer.policy.js';
import { type SqlCondition, Sql } from '../../common/sql.js';
import type { Viewer } from '../../context.js';
import { ServiceOrganization, OrganizationKind } from '../organization/organization.entity.js';
import { badInput, conflict, flushOrConflict, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { whereAnyOf } from '../../common/pagination.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person, PersonCategory } from '../person/person.entity.js';
import { employerLevelOn } from '../talent/talent.service.js';
import { MembershipStatus, PoolMembership, TalentPool } from '../talent/pool-membership.entity.js';
import { Attendance, Certificate, EnrolmentStatus, Enrolment, FORMATS_BY_TIER, TrainingFormat, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { randomBytes } from 'node:crypto';
import { addDays } from '../programme/working-days.js';
import { programmeService } from '../programme/programme.service.js';
import { advisoryLock, transaction } from '../../common/transaction.js';

const PRIORITY_ORDER = `case priority when 'DEMONSTRATION' then 0 when 'ADVANTAGE' then 1 else 2 end`;

function requireAdmin(ctx: Context) {
  const v = requireUser(ctx);
  if (v.role !== 'NATIONAL_ADMIN' && v.role !== 'PROVINCIAL_ADMIN') throw forbidden('培训项目和班次由国家局或省局设立');
  return v;
}

/** Serialises seat changes of one session across requests and server instances. */
async function lockSession(em: EntityManager, sessionId: string): Promise<void> {
  await advisoryLock(em, `training-session:${sessionId}`);
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

/**
 * Who runs a session (its host): the national admin, the provincial admin of the session's
 * jurisdiction, or a user of the training base that delivers the program.
 */
export function runsSession(viewer: Viewer, session: TrainingSession, program: TrainingProgram): boolean {
  if (!isUser(viewer)) return false;
  if (viewer.role === 'NATIONAL_ADMIN') return true;
  if (viewer.role === 'PROVINCIAL_ADMIN') return !!session.regionCode && session.regionCode === viewer.regionCode;
  return viewer.role === 'SERVICE_PROVIDER' && !!program.host && program.host.id === viewer.organizationId;
}

async function assertRunsSession(em: EntityManager, ctx: Context, session: TrainingSession) {
  const v = requireUser(ctx);
  const program = await em.findOneOrFail(TrainingProgram, session.program.id);
  if (!runsSession(v, session, program)) throw forbidden('只有举办方（国家局、本辖区省局或承办的培训基地）可以办理');
  return v;
}

/** States an enrolment can still be cancelled from. */
const CANCELLABLE = new Set([EnrolmentStatus.REQUESTED, EnrolmentStatus.APPROVED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.BOOKED]);

/**
 * The enrolments (alias en, with pe = person, s = session, p = program) the viewer may see: all for
 * the national admin; the host's own sessions; a provincial admin also the people of its
 * jurisdiction and the enrolments it made; an enterprise its own staff; a person their own.
 */
export function enrolmentVisibility(viewer: Viewer): SqlCondition | null {
  if (!isUser(viewer)) return new Sql('false', []);
  if (isNational(viewer)) return null;
  const ors: string[] = [];
  const params: unknown[] = [];
  if (viewer.personId) {
    ors.push('en.person_id = ?');
    params.push(viewer.personId);
  }
  if (viewer.role === 'PROVINCIAL_ADMIN' && viewer.regionCode) {
    ors.push('s.region_code = ?', 'coalesce((select ee.region_code from enterprise ee where ee.id = pe.employer_enterprise_id), pe.region_code) = ?', 'en.requested_by = ?');
    params.push(viewer.regionCode, viewer.regionCode, viewer.username);
  }
  if (viewer.role === 'ENTERPRISE_USER' && viewer.enterpriseId) {
    ors.push('pe.employer_enterprise_id = ?');
    params.push(viewer.enterpriseId);
  }
  if (viewer.role === 'SERVICE_PROVIDER' && viewer.organizationId) {
    ors.push('p.host_id = ?');
    params.push(viewer.organizationId);
  }
  return ors.length ? new Sql(`(${ors.join(' or ')})`, params) : new Sql('false', []);
}

/** The enrolments matching `where` that the viewer may see, in the given order (at most `limit`, if given). */
export async function findVisibleEnrolments(em: EntityManager, viewer: Viewer, where: SqlCondition, order = 'en.requested_at, en.id', limit: number | null = null): Promise<Enrolment[]> {
  const vis = enrolmentVisibility(viewer);
  const rows = await em.execute<{ id: string }[]>(
    `select en.id from enrolment en join person pe on pe.id = en.person_id join training_session s on s.id = en.session_id
       join training_program p on p.id = s.program_id
      where ${where.sql}${vis ? ` and ${vis.sql}` : ''} order by ${order}${limit ? ` limit ${Math.trunc(limit)}` : ''}`,
    [...where.params, ...(vis?.params ?? [])],
    'all',
  );
  if (!rows.length) return [];
  const found = await em.find(Enrolment, { id: { $in: rows.map((r) => r.id) } });
  return rows.map((r) => found.find((e) => e.id === r.id)!);
}

/** The enrolment if the viewer may see it, else NOT_FOUND (so ids outside the viewer's sight reveal nothing). */
async function visibleEnrolment(em: EntityManager, ctx: Context, id: string, globalId: string): Promise<Enrolment> {
  const [found] = await findVisibleEnrolments(em, ctx.viewer, new Sql('en.id = ?', [id]));
  if (!found) throw notFound('报名', globalId);
  return found;
}

/** Seats booked in a session now (inside the session lock). */
function bookedCount(em: EntityManager, sessionId: string): Promise<number> {
  return em.count(Enrolment, { session: sessionId, status: EnrolmentStatus.BOOKED });
}

/**
 * Gives the approved enrolments of a session their seats once registration has closed: demonstration,
 * then advantage enterprises, then by the time of request [D 四(四)二, issue: priority when
 * oversubscribed]; the rest wait. The caller holds the session lock.
 */
async function allocate(em: EntityManager, session: TrainingSession, by: string, now: Date): Promise<{ booked: number; waitlisted: number }> {
  const approved = await em.execute<{ id: string }[]>(
    `select id from enrolment where session_id = ? and status = 'APPROVED' order by ${PRIORITY_ORDER}, requested_at, id`,
    [session.id],
    'all',
  );
  let free = session.capacity - (await bookedCount(em, session.id));
  const result = { booked: 0, waitlisted: 0 };
  const rows = approved.length ? await em.find(Enrolment, { id: { $in: approved.map((r) => r.id) } }, { refresh: true }) : [];
  for (const { id } of approved) {
    const e = rows.find((r) => r.id === id)!;
    if (free > 0) {
      log(e, EnrolmentStatus.BOOKED, by, now, '名额分配');
      free--;
      result.booked++;
    } else {
      log(e, EnrolmentStatus.WAITLISTED, by, now, '名额分配：候补');
      result.waitlisted++;
    }
  }
  session.seatsAllocatedAt = now;
  return result;
}

/**
 * Scheduled: allocates the seats of every session needing approval whose registration closed
 * before `today` and that has not been allocated yet. Run inside the scheduled-transitions
 * transaction; returns the sessions allocated.
 */
export async function allocateClosedSessions(em: EntityManager, today: string, now: Date): Promise<{ session: TrainingSession; booked: number; waitlisted: number }[]> {
  const due = await em.find(TrainingSession, { approvalRequired: true, seatsAllocatedAt: null, registrationClosesOn: { $lt: today } }, { orderBy: { startsOn: 'asc', id: 'asc' } });
  const out = [];
  for (const session of due) {
    await lockSession(em, session.id);
    await em.refresh(session);
    if (session.seatsAllocatedAt) continue;
    out.push({ session, ...(await allocate(em, session, 'system', now)) });
  }
  return out;
}

const ISBN13 = /^97[89]\d{10}$/;

/** An ISBN-13 (hyphens and spaces ignored) with a valid check digit, or null. */
export function normaliseIsbn(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  if (!ISBN13.test(digits)) return null;
  const sum = [...digits.slice(0, 12)].reduce((acc, d, i) => acc + Number(d) * (i % 2 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === Number(digits[12]) ? digits : null;
}

/** An optional free text: trimmed, null when blank, a problem when longer than `max`. */
function optionalText(field: string, value: string | null | undefined, max: number, problems: { field: string; message: string }[]): string | null {
  const text = value?.trim() || null;
  if (text && text.length > max) problems.push({ field, message: `最多 ${max} 字` });
  return text;
}

/** Topics or similar labels: trimmed, non-empty, distinct, at most 20 of at most 50 characters. */
function labels(field: string, values: readonly string[] | null | undefined, problems: { field: string; message: string }[]): string[] {
  const out = [...new Set((values ?? []).map((x) => x.trim()).filter(Boolean))];
  if (out.length > 20) problems.push({ field, message: '最多 20 项' });
  if (out.some((x) => x.length > 50)) problems.push({ field, message: '每项最多 50 字' });
  return out;
}

/** The most instructors one session can list. */
export const MAX_INSTRUCTORS = 20;

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

export interface CatalogueFilter {
  tiers?: PersonCategory[] | null;
  formats?: TrainingFormat[] | null;
  regionCodes?: string[] | null;
  online?: boolean | null;
  withOpenSeats?: boolean | null;
  industryCodes?: string[] | null;
  hostIds?: string[] | null;
}

/** The program fields whose changes the audit log records (besides the textbooks). */
const PROGRAM_AUDIT_FIELDS = ['title', 'topics', 'targetIndustryCodes', 'host'] as const;

interface ProgramInput {
  title?: string | null;
  topics?: string[] | null;
  targetIndustryCodes?: string[] | null;
  hostId?: string | null;
  textbookIds?: string[] | null;
}

/** Checks what can be checked without the database; `creating` requires the title. */
function checkProgramInput(ctx: Context, input: ProgramInput, creating: boolean) {
  const problems: { field: string; message: string }[] = [];
  const title = input.title?.trim();
  if ((creating || input.title != null) && (!title || title.length > 200)) problems.push({ field: 'title', message: '应为 1–200 字' });
  const topics = input.topics == null ? null : labels('topics', input.topics, problems);
  let industries: string[] | null = null;
  if (input.targetIndustryCodes != null) {
    industries = [...new Set(input.targetIndustryCodes.map((c) => c.trim().toUpperCase()))];
    const unknown = industries.filter((c) => !ctx.reference.industry(c));
    if (unknown.length) problems.push({ field: 'targetIndustryCodes', message: `不是 GB/T 4754 的门类或大类代码：${unknown.join('、')}` });
    if (industries.length > 20) problems.push({ field: 'targetIndustryCodes', message: '最多 20 个' });
  }
  const hostId = input.hostId === undefined ? undefined : input.hostId === null ? null : expectGlobalId(input.hostId, 'ServiceOrganization', 'hostId');
  const textbookIds = input.textbookIds == null ? null : [...new Set(input.textbookIds.map((id, i) => expectGlobalId(id, 'TrainingTextbook', `textbookIds.${i}`)))];
  if (textbookIds && textbookIds.length > 50) problems.push({ field: 'textbookIds', message: '最多 50 册' });
  if (problems.length) throw badInput(problems);
  return { title, topics, industries, hostId, textbookIds };
}

/** Applies checked program input, loading the host (a training base) and textbooks. */
async function applyProgramInput(em: EntityManager, program: TrainingProgram, input: ProgramInput, checked: ReturnType<typeof checkProgramInput>) {
  if (checked.title) program.title = checked.title;
  if (checked.topics) program.topics = checked.topics;
  if (checked.industries) program.targetIndustryCodes = checked.industries;
  if (checked.hostId === null) program.host = null;
  else if (checked.hostId) {
    const host = await em.findOne(ServiceOrganization, checked.hostId);
    if (!host) throw notFound('培训基地', input.hostId!);
    if (host.kind !== OrganizationKind.TRAINING_BASE) throw badInput([{ field: 'hostId', message: '承办方应为国家知识产权培训基地（TRAINING_BASE）' }]);
    program.host = em.getReference(ServiceOrganization, host.id) as never;
  }
  if (checked.textbookIds) {
    const books = checked.textbookIds.length ? await em.find(TrainingTextbook, { id: { $in: checked.textbookIds } }) : [];
    const missing = checked.textbookIds.find((id) => !books.some((b) => b.id === id));
    if (missing) throw notFound('培训教材', input.textbookIds![checked.textbookIds.indexOf(missing)]);
    program.textbooks.set(checked.textbookIds.map((id) => books.find((b) => b.id === id)!));
  }
}

/**
 * Puts an enrolment in the queue for a seat: booked while any seat is free, else waitlisted. For a
 * session needing approval it is APPROVED until the seats are allocated (then placed at once).
 * The caller holds the session lock.
 */
async function place(em: EntityManager, session: TrainingSession, e: Enrolment, by: string, now: Date, approval: boolean, note?: string) {
  if (approval) log(e, EnrolmentStatus.APPROVED, by, now, note);
  if (approval && !session.seatsAllocatedAt) return;
  const booked = await bookedCount(em, session.id);
  log(e, booked < session.capacity ? EnrolmentStatus.BOOKED : EnrolmentStatus.WAITLISTED, by, now, approval ? undefined : note);
}

export const trainingService = {
  /**
   * Sets a session's instructors (the host: the national admin or the provincial admin of the
   * session's jurisdiction). Each must be admitted to the faculty pool of the national faculty
   * platform for every day of the session [D 四(四)一]; the list replaces the previous one.
   */
  async setInstructors(ctx: Context, input: { sessionId: string; personIds: string[] }): Promise<TrainingSession> {
    requireUser(ctx);
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    if (input.personIds.length > MAX_INSTRUCTORS) throw badInput([{ field: 'personIds', message: `最多 ${MAX_INSTRUCTORS} 名授课教师` }]);
    const ids = [...new Set(input.personIds.map((id, i) => expectGlobalId(id, 'Person', `personIds.${i}`)))];
    return transaction(ctx.em, async (em) => {
      const session = await em.findOne(TrainingSession, sessionId, { populate: ['instructors'] });
      if (!session) throw notFound('培训班次', input.sessionId);
      await assertRunsSession(em, ctx, session);
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
    requireUser(ctx);
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const present = new Set(input.presentPersonIds.map((id, i) => expectGlobalId(id, 'Person', `presentPersonIds.${i}`)));
    return transaction(ctx.em, async (em) => {
      const session = await em.findOne(TrainingSession, sessionId);
      if (!session) throw notFound('培训班次', input.sessionId);
      const v = await assertRunsSession(em, ctx, session);
      if (input.day < session.startsOn || input.day > session.endsOn) throw badInput([{ field: 'day', message: `应在 ${session.startsOn} 至 ${session.endsOn} 之间` }]);
      if (input.day > ctx.clock.today()) throw badInput([{ field: 'day', message: '不能登记未来的出勤' }]);
      await lockSession(em, session.id); // two registrations of one day must not both insert
      const booked = await em.find(Enrolment, { session: sessionId, status: EnrolmentStatus.BOOKED }, { refresh: true });
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
    requireUser(ctx);
    const sessionId = expectGlobalId(sessionGlobalId, 'TrainingSession', 'sessionId');
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const session = await em.findOne(TrainingSession, sessionId);
      if (!session) throw notFound('培训班次', sessionGlobalId);
      const v = await assertRunsSession(em, ctx, session);
      if (ctx.clock.today() <= session.endsOn) throw ruleViolation('SESSION_NOT_OVER', `班次 ${session.endsOn} 结束后才能办理结业`, { endsOn: session.endsOn });
      await lockSession(em, session.id);
      const program = await em.findOneOrFail(TrainingProgram, session.program.id);
      const days = sessionDays(session).length;
      const booked = await em.find(Enrolment, { session: sessionId, status: EnrolmentStatus.BOOKED }, { refresh: true });
      const now = ctx.clock.now();
      // Days present and the people, for all booked at once (a forum can seat hundreds).
      const present = booked.length
        ? await em.execute<{ enrolment_id: string; n: number }[]>(
            'select enrolment_id, count(*)::int as n from attendance where enrolment_id in (?) and present group by enrolment_id',
            [booked.map((e) => e.id)],
            'all',
          )
        : [];
      const people = booked.length ? await em.find(Person, { id: { $in: booked.map((e) => e.person.id) } }) : [];
      for (const e of booked) {
        const attended = present.find((r) => r.enrolment_id === e.id)?.n ?? 0;
        if (attended * 100 >= settings.trainingCompletionPercent * days) {
          log(e, EnrolmentStatus.COMPLETED, v.username, now);
          const person = people.find((p) => p.id === e.person.id)!;
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

  /**
   * Sets up a program (the national admin, or a provincial admin for its jurisdiction). R19
   * [D 四(四)二]: the format must be one of the tier's. The host, if given, is a national IP
   * training base; target industries are GB/T 4754 sections or divisions; textbooks are volumes of
   * the training series [A 四(四)].
   */
  async createProgram(ctx: Context, input: ProgramInput & { tier: PersonCategory; format: TrainingFormat }): Promise<TrainingProgram> {
    const v = requireAdmin(ctx);
    const allowed = FORMATS_BY_TIER[input.tier];
    if (!allowed || !allowed.includes(input.format)) {
      throw ruleViolation('R19', `${input.tier} 层级的培训形式应为：${(allowed ?? []).join('、') || '（该类别无分层培训）'}`, { paragraph: '四(四)二', allowed: allowed ?? [] });
    }
    const checked = checkProgramInput(ctx, input, true);
    return transaction(ctx.em, async (em) => {
      const program = em.create(TrainingProgram, { title: checked.title!, tier: input.tier, format: input.format, organizerRegionCode: v.role === 'PROVINCIAL_ADMIN' ? v.regionCode : null });
      await applyProgramInput(em, program, input, checked);
      recordAudit(em, ctx, { operation: 'createTrainingProgram', objectType: 'TrainingProgram', objectId: program.id, jurisdiction: program.organizerRegionCode ?? null, changes: { title: { before: null, after: program.title }, tier: { before: null, after: program.tier }, format: { before: null, after: program.format } } });
      await em.flush();
      return program;
    });
  },

  /** Changes a program's title, topics, industries, host or textbooks (its organiser); tier and format are fixed once set. Omitted fields stay. */
  async updateProgram(ctx: Context, input: ProgramInput & { id: string }): Promise<TrainingProgram> {
    const v = requireAdmin(ctx);
    const id = expectGlobalId(input.id, 'TrainingProgram', 'id');
    const checked = checkProgramInput(ctx, input, false);
    return transaction(ctx.em, async (em) => {
      const program = await em.findOne(TrainingProgram, id, { populate: ['textbooks'] });
      if (!program) throw notFound('培训项目', input.id);
      if (v.role === 'PROVINCIAL_ADMIN' && program.organizerRegionCode !== v.regionCode) throw forbidden('只能修改本局设立的培训项目');
      const programSnapshot = () => ({ ...snapshot(program, PROGRAM_AUDIT_FIELDS), textbooks: program.textbooks.getItems().map((b) => b.id) });
      const before = programSnapshot();
      await applyProgramInput(em, program, input, checked);
      const changes = changedFields(before, programSnapshot(), [...PROGRAM_AUDIT_FIELDS, 'textbooks']);
      recordAudit(em, ctx, { operation: 'updateTrainingProgram', objectType: 'TrainingProgram', objectId: program.id, jurisdiction: program.organizerRegionCode ?? null, changes });
      await em.flush();
      return program;
    });
  },

  /** Adds a volume to the training series [A 四(四)] (the national admin). */
  async createTextbook(ctx: Context, input: { title: string; edition: string; editors: string; publishedYear: number; tier?: PersonCategory | null; publisher?: string | null; isbn?: string | null; topics?: string[] | null }): Promise<TrainingTextbook> {
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN') throw forbidden('培训系列教材由国家局编制');
    const problems: { field: string; message: string }[] = [];
    const title = input.title.trim();
    const edition = input.edition.trim();
    const editors = input.editors.trim();
    if (title.length < 1 || title.length > 200) problems.push({ field: 'title', message: '应为 1–200 字' });
    if (edition.length < 1 || edition.length > 40) problems.push({ field: 'edition', message: '应为 1–40 字' });
    if (editors.length < 1 || editors.length > 200) problems.push({ field: 'editors', message: '应为 1–200 字' });
    if (!Number.isInteger(input.publishedYear) || input.publishedYear < 2000 || input.publishedYear > Number(ctx.clock.today().slice(0, 4)) + 1) problems.push({ field: 'publishedYear', message: '应为 2000 年至明年' });
    const isbn = input.isbn?.trim() ? normaliseIsbn(input.isbn) : null;
    if (input.isbn?.trim() && !isbn) problems.push({ field: 'isbn', message: '不是有效的 ISBN-13（校验位不符或格式错误）' });
    const topics = labels('topics', input.topics, problems);
    const publisher = optionalText('publisher', input.publisher, 200, problems);
    if (problems.length) throw badInput(problems);
    return transaction(ctx.em, async (em) => {
      if (await em.count(TrainingTextbook, { title, edition })) throw conflict('该教材此版次已登记', { title, edition });
      if (isbn && (await em.count(TrainingTextbook, { isbn }))) throw conflict('该 ISBN 已登记', { isbn });
      const book = em.create(TrainingTextbook, { title, edition, editors, publishedYear: input.publishedYear, tier: input.tier ?? null, publisher, isbn, topics });
      recordAudit(em, ctx, { operation: 'createTrainingTextbook', objectType: 'TrainingTextbook', objectId: book.id, jurisdiction: null, changes: { title: { before: null, after: title }, edition: { before: null, after: edition } } });
      await flushOrConflict(em, { duplicate: () => conflict('该教材此版次或 ISBN 已登记', { title, edition, isbn }) });
      return book;
    });
  },

  /** Registers a national IP training base [D 四(四)二] (the national admin). */
  async createTrainingBase(ctx: Context, input: { name: string; regionCode: string; contactPhone?: string | null; contactEmail?: string | null }): Promise<ServiceOrganization> {
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN') throw forbidden('国家知识产权培训基地由国家局认定');
    const name = input.name.trim();
    const problems: { field: string; message: string }[] = [];
    if (name.length < 2 || name.length > 200) problems.push({ field: 'name', message: '应为 2–200 字' });
    if (!ctx.reference.region(input.regionCode)) problems.push({ field: 'regionCode', message: '不是已知的辖区代码' });
    const contactPhone = optionalText('contactPhone', input.contactPhone, 50, problems);
    const contactEmail = optionalText('contactEmail', input.contactEmail, 200, problems);
    if (contactEmail && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(contactEmail)) problems.push({ field: 'contactEmail', message: '邮箱格式不正确' });
    if (problems.length) throw badInput(problems);
    return transaction(ctx.em, async (em) => {
      // Names are unique among training bases: serialise concurrent registrations of one name.
      await advisoryLock(em, `training-base:${name}`);
      if (await em.count(ServiceOrganization, { kind: OrganizationKind.TRAINING_BASE, name })) throw conflict('同名培训基地已存在', { name });
      const base = em.create(ServiceOrganization, { name, kind: OrganizationKind.TRAINING_BASE, region: input.regionCode, contactPhone, contactEmail });
      recordAudit(em, ctx, { operation: 'createTrainingBase', objectType: 'ServiceOrganization', objectId: base.id, jurisdiction: input.regionCode, changes: { name: { before: null, after: name } } });
      await em.flush();
      return base;
    });
  },

  /**
   * Opens a session of a program: an admin (a provincial admin in its jurisdiction), or a user of
   * the training base hosting the program (in the base's jurisdiction).
   */
  async createSession(ctx: Context, input: { programId: string; startsOn: string; endsOn: string; capacity: number; registrationOpensOn?: string | null; registrationClosesOn: string; place?: string | null; onlineUrl?: string | null; regionCode?: string | null; approvalRequired?: boolean | null }): Promise<TrainingSession> {
    const v = requireUser(ctx);
    if (!['NATIONAL_ADMIN', 'PROVINCIAL_ADMIN', 'SERVICE_PROVIDER'].includes(v.role)) throw forbidden('培训班次由国家局、省局或承办的培训基地开设');
    const programId = expectGlobalId(input.programId, 'TrainingProgram', 'programId');
    const problems: { field: string; message: string }[] = [];
    if (input.endsOn < input.startsOn) problems.push({ field: 'endsOn', message: '不能早于开始日' });
    if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > 10_000) problems.push({ field: 'capacity', message: '应为 1–10000' });
    if (input.registrationClosesOn > input.startsOn) problems.push({ field: 'registrationClosesOn', message: '不能晚于开始日' });
    else if (input.approvalRequired && input.registrationClosesOn >= input.startsOn) problems.push({ field: 'registrationClosesOn', message: '须审核的班次应在开始日之前截止报名，以便分配名额' });
    if (input.registrationOpensOn && input.registrationOpensOn > input.registrationClosesOn) problems.push({ field: 'registrationOpensOn', message: '不能晚于报名截止日' });
    const place = optionalText('place', input.place, 200, problems);
    const onlineUrl = optionalText('onlineUrl', input.onlineUrl, 500, problems);
    if (!place && !onlineUrl) problems.push({ field: 'place', message: '须给出地点或线上链接' });
    if (onlineUrl && !/^https:\/\/\S+$/.test(onlineUrl)) problems.push({ field: 'onlineUrl', message: '应为 https 链接' });
    if (input.regionCode && !ctx.reference.region(input.regionCode)) problems.push({ field: 'regionCode', message: '不是已知的辖区代码' });
    if (problems.length) throw badInput(problems);
    return transaction(ctx.em, async (em) => {
      const program = await em.findOne(TrainingProgram, programId);
      if (!program) throw notFound('培训项目', input.programId);
      // A bureau's sessions are in its jurisdiction, a base's in the base's: another region is refused, never silently replaced.
      let regionCode = input.regionCode ?? null;
      if (v.role === 'PROVINCIAL_ADMIN') {
        if (regionCode && regionCode !== v.regionCode) throw forbidden(`省局只能在本辖区（${v.regionCode}）开设班次`);
        regionCode = v.regionCode ?? null;
      }
      if (v.role === 'SERVICE_PROVIDER') {
        if (!program.host || program.host.id !== v.organizationId) throw forbidden('培训基地只能为其承办的项目开设班次');
        const baseRegion = (await em.findOneOrFail(ServiceOrganization, program.host.id)).region?.unwrap().code ?? null;
        if (regionCode && baseRegion && regionCode !== baseRegion) throw forbidden(`培训基地只能在其所在辖区（${baseRegion}）开设班次`);
        regionCode = baseRegion ?? regionCode;
      }
      const session = em.create(TrainingSession, {
        program: programId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        capacity: input.capacity,
        registrationOpensOn: input.registrationOpensOn ?? null,
        registrationClosesOn: input.registrationClosesOn,
        place,
        onlineUrl,
        regionCode,
        approvalRequired: input.approvalRequired ?? false,
      });
      recordAudit(em, ctx, { operation: 'createTrainingSession', objectType: 'TrainingSession', objectId: session.id, jurisdiction: regionCode ?? null, changes: { capacity: { before: null, after: input.capacity }, approvalRequired: { before: null, after: session.approvalRequired } } });
      await em.flush();
      return session;
    });
  },

  /**
   * Enrols a person: an enterprise user its own staff, a provincial admin people of its
   * jurisdiction, the national admin anyone. The person's category must match the program's tier.
   * Without approval, a seat is booked while any is free, else the person waits; seats never exceed
   * the capacity, whatever the concurrency (a per-session advisory lock). With approval, the
   * enrolment is REQUESTED until the host reviews it (the host's own enrolments are approved at once).
   */
  async enrol(ctx: Context, input: { sessionId: string; personId: string }): Promise<Enrolment> {
    const v = requireUser(ctx);
    if (!['ENTERPRISE_USER', 'PROVINCIAL_ADMIN', 'NATIONAL_ADMIN'].includes(v.role)) throw forbidden('报名由企业或知识产权局办理');
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const personId = expectGlobalId(input.personId, 'Person', 'personId');
    const today = ctx.clock.today();
    return transaction(ctx.em, async (em) => {
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
      if (session.registrationOpensOn && today < session.registrationOpensOn) throw ruleViolation('REGISTRATION_NOT_OPEN', `报名 ${session.registrationOpensOn} 开始`, { opensOn: session.registrationOpensOn });
      if (today > session.registrationClosesOn) throw ruleViolation('REGISTRATION_CLOSED', `报名已于 ${session.registrationClosesOn} 截止`, { closesOn: session.registrationClosesOn });
      await lockSession(em, session.id);
      await em.refresh(session);
      const existing = await em.findOne(Enrolment, { session: session.id, person: personId });
      if (existing && existing.status !== EnrolmentStatus.CANCELLED) throw conflict(existing.status === EnrolmentStatus.DECLINED ? '该人员的报名已被举办方拒绝' : '该人员已报名此班次', { status: existing.status });
      const now = ctx.clock.now();
      const enrolment =
        existing ??
        em.create(Enrolment, {
          session: session.id,
          person: personId,
          status: EnrolmentStatus.REQUESTED,
          priority: await employerLevelOn(em, employer?.id, today),
          requestedAt: now,
          requestedBy: v.username,
        });
      if (existing) {
        existing.requestedAt = now;
        existing.requestedBy = v.username;
        existing.priority = await employerLevelOn(em, employer?.id, today);
      }
      if (session.approvalRequired && !runsSession(v, session, program)) log(enrolment, EnrolmentStatus.REQUESTED, v.username, now);
      else await place(em, session, enrolment, v.username, now, session.approvalRequired);
      recordAudit(em, ctx, { operation: 'enrol', objectType: 'Enrolment', objectId: enrolment.id, jurisdiction: session.regionCode ?? null, changes: { status: { before: existing?.status ?? null, after: enrolment.status } } });
      await em.flush();
      return enrolment;
    });
  },

  /** The host approves a requested enrolment (seats follow at allocation, or at once if allocation is past) or declines it with a reason. */
  async review(ctx: Context, input: { id: string; approve: boolean; note?: string | null }): Promise<Enrolment> {
    requireUser(ctx);
    const id = expectGlobalId(input.id, 'Enrolment', 'id');
    const note = input.note?.trim() || undefined;
    if (!input.approve && !note) throw badInput([{ field: 'note', message: '不予通过须说明理由' }]);
    if (note && note.length > 500) throw badInput([{ field: 'note', message: '最多 500 字' }]);
    return transaction(ctx.em, async (em) => {
      const found = await visibleEnrolment(em, ctx, id, input.id);
      const v = await assertRunsSession(em, ctx, await em.findOneOrFail(TrainingSession, found.session.id));
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
  async allocateSeats(ctx: Context, sessionGlobalId: string): Promise<TrainingSession> {
    requireUser(ctx);
    const sessionId = expectGlobalId(sessionGlobalId, 'TrainingSession', 'sessionId');
    return transaction(ctx.em, async (em) => {
      const found = await em.findOne(TrainingSession, sessionId);
      if (!found) throw notFound('培训班次', sessionGlobalId);
      const v = await assertRunsSession(em, ctx, found);
      await lockSession(em, found.id);
      const session = await em.findOneOrFail(TrainingSession, sessionId, { refresh: true });
      if (!session.approvalRequired) throw conflict('该班次无须审核，报名时即分配名额');
      if (session.seatsAllocatedAt) throw conflict('该班次已分配名额', { allocatedAt: session.seatsAllocatedAt.toISOString() });
      if (ctx.clock.today() <= session.registrationClosesOn) throw ruleViolation('REGISTRATION_OPEN', `报名 ${session.registrationClosesOn} 截止后才能分配名额`, { closesOn: session.registrationClosesOn });
      const result = await allocate(em, session, v.username, ctx.clock.now());
      recordAudit(em, ctx, { operation: 'allocateSessionSeats', objectType: 'TrainingSession', objectId: session.id, jurisdiction: session.regionCode ?? null, changes: { booked: { before: null, after: result.booked }, waitlisted: { before: null, after: result.waitlisted } } });
      await em.flush();
      return session;
    });
  },

  /**
   * The public catalogue: sessions starting today or later, by start date (at most 200), filtered by
   * tier, format, region, online/on site, open seats, target industry (a section matches its
   * divisions and a division its section) and host training base.
   */
  async catalogue(ctx: Context, filter: CatalogueFilter): Promise<TrainingSession[]> {
    const where: SqlCondition[] = [
      new Sql('s.starts_on >= ?::date', [ctx.clock.today()]),
      ...whereAnyOf('p.tier in (?)', filter.tiers),
      ...whereAnyOf('p.format in (?)', filter.formats),
      ...whereAnyOf('s.region_code in (?)', filter.regionCodes),
    ];
    if (filter.online != null) where.push(new Sql(filter.online ? 's.online_url is not null' : 's.place is not null', []));
    if (filter.withOpenSeats) where.push(new Sql(`s.capacity > (select count(*) from enrolment e where e.session_id = s.id and e.status in ('BOOKED', 'APPROVED'))`, []));
    if (filter.industryCodes) {
      const codes = new Set(ctx.reference.industryCodes(filter.industryCodes.map((c) => c.trim().toUpperCase())));
      for (const c of [...codes]) {
        const parent = ctx.reference.industry(c)?.parent?.unwrap().code;
        if (parent) codes.add(parent);
      }
      where.push(...whereAnyOf('jsonb_exists_any(p.target_industry_codes, array[?]::text[])', filter.industryCodes.length ? [...codes] : []));
    }
    where.push(...whereAnyOf('p.host_id in (?)', filter.hostIds?.map((id, i) => expectGlobalId(id, 'ServiceOrganization', `hostIds.${i}`))));
    const rows = await ctx.em.execute<{ id: string }[]>(
      `select s.id from training_session s join training_program p on p.id = s.program_id where ${where.map((w) => w.sql).join(' and ')} order by s.starts_on, s.id limit 200`,
      where.flatMap((w) => w.params),
    );
    const found = rows.length ? await ctx.em.find(TrainingSession, { id: { $in: rows.map((r) => r.id) } }) : [];
    return rows.map((r) => found.find((f) => f.id === r.id)!);
  },

  /**
   * Training by tier for a year (sessions ending that year), optionally for some jurisdictions
   * (the sessions' regions): sessions, seats, participants (ever given a seat), completions and how
   * many of those came from demonstration and from advantage enterprises (the title on enrolment).
   */
  async summary(ctx: Context, year: number, regionCodes?: string[] | null): Promise<TrainingSummaryRow[]> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput([{ field: 'year', message: '应为 2000–2100' }]);
    const where: SqlCondition[] = [new Sql('extract(year from s.ends_on) = ?', [year]), ...whereAnyOf('s.region_code in (?)', regionCodes)];
    // One row per trained tier, in the order of R19's table, even when a tier had no session.
    const tiers = Object.keys(FORMATS_BY_TIER);
    const rows = await ctx.em.execute<TrainingSummaryRow[]>(
      `with sessions as (
         select s.id, s.capacity, p.tier from training_session s join training_program p on p.id = s.program_id
          where ${where.map((w) => w.sql).join(' and ')})
       select t.tier,
              (select count(*)::int from sessions x where x.tier = t.tier) as sessions,
              (select coalesce(sum(x.capacity), 0)::int from sessions x where x.tier = t.tier) as seats,
              count(e.id) filter (where e.status in ('BOOKED', 'ATTENDED', 'COMPLETED', 'NO_SHOW'))::int as participants,
              count(e.id) filter (where e.status = 'COMPLETED')::int as completed,
              count(e.id) filter (where e.status = 'NO_SHOW')::int as "noShows",
              count(e.id) filter (where e.status = 'COMPLETED' and e.priority = 'DEMONSTRATION')::int as "completedFromDemonstration",
              count(e.id) filter (where e.status = 'COMPLETED' and e.priority = 'ADVANTAGE')::int as "completedFromAdvantage"
         from unnest(array[?]::text[]) with ordinality as t(tier, ord)
         left join sessions s on s.tier = t.tier
         left join enrolment e on e.session_id = s.id
        group by t.tier, t.ord order by t.ord`,
      [...where.flatMap((w) => w.params), tiers],
    );
    return rows;
  },

  /** Volumes of the training series (public), by title; a tier includes the volumes for every tier. */
  textbooks(ctx: Context, tier?: PersonCategory | null): Promise<TrainingTextbook[]> {
    return ctx.em.find(TrainingTextbook, tier ? { $or: [{ tier }, { tier: null }] } : {}, { orderBy: { title: 'asc', edition: 'asc' }, limit: 500 });
  },

  /** National IP training bases (public), by name, optionally in some jurisdictions. */
  bases(ctx: Context, regionCodes?: string[] | null): Promise<ServiceOrganization[]> {
    return ctx.em.find(ServiceOrganization, { kind: OrganizationKind.TRAINING_BASE, ...(regionCodes ? { region: { $in: regionCodes } } : {}) }, { orderBy: { name: 'asc' }, limit: 500 });
  },

  /** Programs (public), by tier and title, at most 500. */
  async programs(ctx: Context, filter: { tiers?: PersonCategory[] | null; hostId?: string | null }): Promise<TrainingProgram[]> {
    if (filter.tiers && !filter.tiers.length) return [];
    const hostId = filter.hostId ? expectGlobalId(filter.hostId, 'ServiceOrganization', 'hostId') : null;
    return ctx.em.find(
      TrainingProgram,
      { ...(filter.tiers ? { tier: { $in: filter.tiers } } : {}), ...(hostId ? { host: hostId } : {}) },
      { orderBy: { tier: 'asc', title: 'asc', id: 'asc' }, limit: 500 },
    );
  },

  /** Cancels an enrolment; a freed seat goes to the first waiting person: demonstration, then advantage enterprises, then by time. */
  async cancel(ctx: Context, input: { id: string; note?: string | null }): Promise<{ enrolment: Enrolment; promoted: Enrolment | null }> {
    const v = requireUser(ctx);
    const id = expectGlobalId(input.id, 'Enrolment', 'id');
    const result = await transaction(ctx.em, async (em) => {
      const found = await visibleEnrolment(em, ctx, id, input.id);
      const person = await em.findOneOrFail(Person, found.person.id);
      const session = await em.findOneOrFail(TrainingSession, found.session.id);
      const program = await em.findOneOrFail(TrainingProgram, session.program.id);
      const mayCancel =
        runsSession(v, session, program) ||
        (v.role === 'ENTERPRISE_USER' && person.employerEnterprise?.id === v.enterpriseId) ||
        (v.role === 'PROVINCIAL_ADMIN' && found.requestedBy === v.username) ||
        v.personId === person.id;
      if (!mayCancel) throw forbidden('无权取消该报名');
      await lockSession(em, session.id);
      const enrolment = await em.findOneOrFail(Enrolment, id, { refresh: true });
      if (!CANCELLABLE.has(enrolment.status)) throw conflict(`该报名状态为 ${enrolment.status}，不能取消`, { status: enrolment.status });
      if (ctx.clock.today() > session.endsOn) throw ruleViolation('SESSION_OVER', `班次已于 ${session.endsOn} 结束`, { endsOn: session.endsOn });
      const before = enrolment.status;
      const wasBooked = before === EnrolmentStatus.BOOKED;
      log(enrolment, EnrolmentStatus.CANCELLED, v.username, ctx.clock.now(), input.note?.trim() || undefined);
      let promoted: Enrolment | null = null;
      if (wasBooked) {
        const [next] = await em.execute<{ id: string }[]>(
          `select id from enrolment where session_id = ? and status = 'WAITLISTED' order by ${PRIORITY_ORDER}, requested_at, id limit 1`,
          [enrolment.session.id],
          'all',
        );
        if (next) {
          promoted = await em.findOneOrFail(Enrolment, next.id, { refresh: true });
          log(promoted, EnrolmentStatus.BOOKED, 'system', ctx.clock.now(), '候补递补');
        }
      }
      recordAudit(em, ctx, { operation: 'cancelEnrolment', objectType: 'Enrolment', objectId: enrolment.id, jurisdiction: session.regionCode ?? null, changes: { status: { before, after: 'CANCELLED' }, promoted: { before: null, after: promoted?.id ?? null } } });
      await em.flush();
      return { enrolment, promoted };
    });
    // The person promoted may be someone the canceller must not see (another enterprise's staff).
    const promotedVisible = result.promoted && (await findVisibleEnrolments(ctx.em, ctx.viewer, new Sql('en.id = ?', [result.promoted.id]))).length > 0;
    return { enrolment: result.enrolment, promoted: promotedVisible ? result.promoted : null };
  },
};
