/**
 * The training catalogue [D 四(四)二, A 四(四)]: national IP training bases, the textbook series,
 * programs by tier, their sessions and instructors, and the public lists of all of them.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { conflict, flushOrConflict, notFound, ruleViolation, badInput } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { filteredQuery, keysetPage, type ConnectionArgs, type CursorValueCheck } from '../../common/pagination.js';
import { assertMay } from '../../common/policy.js';
import { isCalendarDate } from '../../common/scalars.js';
import { anyOfGiven, FALSE, sql, type Sql } from '../../common/sql.js';
import { advisoryLock, transaction } from '../../common/transaction.js';
import { jurisdictionOf, organizationOf } from '../../common/viewer.policy.js';
import { changedFields, recordAudit, snapshot } from '../audit/audit.service.js';
import { OrganizationKind, ServiceOrganization } from '../organization/organization.entity.js';
import { Person, type PersonCategory } from '../person/person.entity.js';
import { MembershipStatus, PoolMembership, TalentPool } from '../talent/pool-membership.entity.js';
import { FORMATS_BY_TIER, TrainingFormat, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { assertAudience, trainingActions, type SessionFacts } from './training.policy.js';
import { checkBaseInput, checkInstructors, checkProgramInput, checkSessionInput, checkTextbookInput, type CheckedProgram, type ProgramInput } from './catalogue.checks.js';
import type { CreateTrainingBaseInput, CreateTrainingSessionInput, CreateTrainingTextbookInput, TrainingCatalogueFilter } from './catalogue.inputs.js';

/** The program fields whose changes the audit log records (besides the textbooks). */
const PROGRAM_AUDIT_FIELDS = ['title', 'topics', 'targetIndustryCodes', 'host'] as const;

const isText: CursorValueCheck = (v) => typeof v === 'string' && v.length <= 400;
const isDate: CursorValueCheck = (v) => typeof v === 'string' && isCalendarDate(v);

/** What the host rule needs of a session (its program is loaded through the request's loader, or `em` inside a transaction). */
export async function sessionFacts(em: EntityManager, session: TrainingSession): Promise<SessionFacts> {
  const program = await em.findOneOrFail(TrainingProgram, session.program.id);
  return { regionCode: session.regionCode ?? null, hostId: program.host?.id ?? null };
}

/** Applies checked program input, loading the host (a training base) and textbooks. */
async function applyProgramInput(em: EntityManager, program: TrainingProgram, input: ProgramInput, checked: CheckedProgram) {
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

export const catalogueService = {
  /**
   * Sets up a program (the national admin, or a provincial admin for its jurisdiction). R19
   * [D 四(四)二]: the format must be one of the tier's. The host, if given, is a national IP
   * training base; target industries are GB/T 4754 sections or divisions; textbooks are volumes of
   * the training series [A 四(四)].
   */
  async createProgram(ctx: Context, input: ProgramInput & { tier: PersonCategory; format: TrainingFormat }): Promise<TrainingProgram> {
    assertMay(ctx, trainingActions.createProgram);
    const allowed = FORMATS_BY_TIER[input.tier];
    if (!allowed || !allowed.includes(input.format)) {
      throw ruleViolation('R19', `${input.tier} 层级的培训形式应为：${(allowed ?? []).join('、') || '（该类别无分层培训）'}`, { paragraph: '四(四)二', allowed: allowed ?? [] });
    }
    const checked = checkProgramInput(ctx, input, true);
    return transaction(ctx.em, async (em) => {
      const program = em.create(TrainingProgram, { title: checked.title!, tier: input.tier, format: input.format, organizerRegionCode: jurisdictionOf(ctx.viewer) });
      await applyProgramInput(em, program, input, checked);
      recordAudit(em, ctx, { operation: 'createTrainingProgram', objectType: 'TrainingProgram', objectId: program.id, jurisdiction: program.organizerRegionCode ?? null, changes: { title: { before: null, after: program.title }, tier: { before: null, after: program.tier }, format: { before: null, after: program.format } } });
      await em.flush();
      return program;
    });
  },

  /** Changes a program's title, topics, industries, host or textbooks (its organiser); tier and format are fixed once set. Omitted fields stay. */
  async updateProgram(ctx: Context, input: ProgramInput & { id: string }): Promise<TrainingProgram> {
    assertAudience(ctx, trainingActions.updateProgram);
    const id = expectGlobalId(input.id, 'TrainingProgram', 'id');
    const checked = checkProgramInput(ctx, input, false);
    return transaction(ctx.em, async (em) => {
      const program = await em.findOne(TrainingProgram, id, { populate: ['textbooks'] });
      if (!program) throw notFound('培训项目', input.id);
      assertMay(ctx, trainingActions.updateProgram, { regionCode: program.organizerRegionCode ?? null });
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
  async createTextbook(ctx: Context, input: CreateTrainingTextbookInput): Promise<TrainingTextbook> {
    assertMay(ctx, trainingActions.createTextbook);
    const book = checkTextbookInput(ctx, input);
    const { title, edition, isbn } = book;
    return transaction(ctx.em, async (em) => {
      if (await em.count(TrainingTextbook, { title, edition })) throw conflict('该教材此版次已登记', { title, edition });
      if (isbn && (await em.count(TrainingTextbook, { isbn }))) throw conflict('该 ISBN 已登记', { isbn });
      const created = em.create(TrainingTextbook, book);
      recordAudit(em, ctx, { operation: 'createTrainingTextbook', objectType: 'TrainingTextbook', objectId: created.id, jurisdiction: null, changes: { title: { before: null, after: title }, edition: { before: null, after: edition } } });
      await flushOrConflict(em, { duplicate: () => conflict('该教材此版次或 ISBN 已登记', { title, edition, isbn }) });
      return created;
    });
  },

  /** Registers a national IP training base [D 四(四)二] (the national admin). */
  async createTrainingBase(ctx: Context, input: CreateTrainingBaseInput): Promise<ServiceOrganization> {
    assertMay(ctx, trainingActions.createBase);
    const { name, regionCode, contactPhone, contactEmail } = checkBaseInput(ctx, input);
    return transaction(ctx.em, async (em) => {
      // Names are unique among training bases: serialise concurrent registrations of one name.
      await advisoryLock(em, `training-base:${name}`);
      if (await em.count(ServiceOrganization, { kind: OrganizationKind.TRAINING_BASE, name })) throw conflict('同名培训基地已存在', { name });
      const base = em.create(ServiceOrganization, { name, kind: OrganizationKind.TRAINING_BASE, region: regionCode, contactPhone, contactEmail });
      recordAudit(em, ctx, { operation: 'createTrainingBase', objectType: 'ServiceOrganization', objectId: base.id, jurisdiction: regionCode, changes: { name: { before: null, after: name } } });
      await em.flush();
      return base;
    });
  },

  /**
   * Opens a session of a program: the national admin; a provincial admin in its jurisdiction (the
   * default region); a user of the training base hosting the program, in the base's jurisdiction
   * (the default). Another region is refused, never silently replaced.
   */
  async createSession(ctx: Context, input: CreateTrainingSessionInput): Promise<TrainingSession> {
    assertAudience(ctx, trainingActions.createSession);
    const programId = expectGlobalId(input.programId, 'TrainingProgram', 'programId');
    const { place, onlineUrl } = checkSessionInput(ctx, input);
    return transaction(ctx.em, async (em) => {
      const program = await em.findOne(TrainingProgram, programId);
      if (!program) throw notFound('培训项目', input.programId);
      const hostId = program.host?.id ?? null;
      const hostRegionCode = hostId ? ((await em.findOneOrFail(ServiceOrganization, hostId)).region?.unwrap().code ?? null) : null;
      const facts = { regionCode: input.regionCode ?? null, hostId, hostRegionCode };
      // Where the session is held when the input does not say: the bureau's jurisdiction, or the hosting base's.
      facts.regionCode ??= jurisdictionOf(ctx.viewer) ?? (hostId && organizationOf(ctx.viewer) === hostId ? hostRegionCode : null);
      assertMay(ctx, trainingActions.createSession, facts);
      const session = em.create(TrainingSession, {
        program: programId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        capacity: input.capacity,
        registrationOpensOn: input.registrationOpensOn ?? null,
        registrationClosesOn: input.registrationClosesOn,
        place,
        onlineUrl,
        regionCode: facts.regionCode,
        approvalRequired: input.approvalRequired ?? false,
      });
      recordAudit(em, ctx, { operation: 'createTrainingSession', objectType: 'TrainingSession', objectId: session.id, jurisdiction: facts.regionCode, changes: { capacity: { before: null, after: input.capacity }, approvalRequired: { before: null, after: session.approvalRequired } } });
      await em.flush();
      return session;
    });
  },

  /**
   * Sets a session's instructors (its host). Each must be admitted to the faculty pool of the
   * national faculty platform for every day of the session [D 四(四)一]; the list replaces the
   * previous one.
   */
  async setInstructors(ctx: Context, input: { sessionId: string; personIds: string[] }): Promise<TrainingSession> {
    assertAudience(ctx, trainingActions.runSession);
    const sessionId = expectGlobalId(input.sessionId, 'TrainingSession', 'sessionId');
    const ids = checkInstructors(input.personIds);
    return transaction(ctx.em, async (em) => {
      const session = await em.findOne(TrainingSession, sessionId, { populate: ['instructors'] });
      if (!session) throw notFound('培训班次', input.sessionId);
      assertMay(ctx, trainingActions.runSession, await sessionFacts(em, session));
      const people = ids.length ? await em.find(Person, { id: { $in: ids } }) : [];
      const missing = ids.filter((id) => !people.some((p) => p.id === id));
      if (missing.length) throw notFound('人员', input.personIds[ids.indexOf(missing[0]!)] ?? missing[0]);
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

  /** Programs (public), by title, filtered by tier and host. */
  programs(ctx: Context, filter: { tiers?: PersonCategory[] | null; hostId?: string | null }, args: ConnectionArgs) {
    const hostId = filter.hostId ? expectGlobalId(filter.hostId, 'ServiceOrganization', 'hostId') : null;
    const where = [anyOfGiven(sql`p.tier`, filter.tiers), hostId ? sql`p.host_id = ${hostId}::uuid` : null].filter((w): w is Sql => !!w);
    return keysetPage<TrainingProgram>({
      query: filteredQuery(ctx.em, TrainingProgram, 'p', where),
      args,
      limits: ctx.config,
      orderKey: 'TITLE:ASC',
      ascending: true,
      column: 'p.title',
      idColumn: 'p.id',
      cast: 'text',
      property: 'title',
      value: (p) => p.title,
      valueOk: isText,
    });
  },

  /** Volumes of the training series (public), by title; a tier includes the volumes for every tier. */
  textbooks(ctx: Context, tier: PersonCategory | null | undefined, args: ConnectionArgs) {
    return keysetPage<TrainingTextbook>({
      query: filteredQuery(ctx.em, TrainingTextbook, 'b', tier ? [sql`(b.tier = ${tier} or b.tier is null)`] : []),
      args,
      limits: ctx.config,
      orderKey: 'TITLE:ASC',
      ascending: true,
      column: 'b.title',
      idColumn: 'b.id',
      cast: 'text',
      property: 'title',
      value: (b) => b.title,
      valueOk: isText,
    });
  },

  /** National IP training bases (public), by name, optionally in some jurisdictions. */
  bases(ctx: Context, regionCodes: string[] | null | undefined, args: ConnectionArgs) {
    const where = [sql`o.kind = ${OrganizationKind.TRAINING_BASE}`, anyOfGiven(sql`o.region_code`, regionCodes)].filter((w): w is Sql => !!w);
    return keysetPage<ServiceOrganization>({
      query: filteredQuery(ctx.em, ServiceOrganization, 'o', where),
      args,
      limits: ctx.config,
      orderKey: 'NAME:ASC',
      ascending: true,
      column: 'o.name',
      idColumn: 'o.id',
      cast: 'text',
      property: 'name',
      value: (o) => o.name,
      valueOk: isText,
    });
  },

  /**
   * The public catalogue: sessions starting today or later, by start date, filtered by tier,
   * format, region, online/on site, open seats, target industry (a section matches its divisions
   * and a division its section) and host training base.
   */
  upcoming(ctx: Context, filter: TrainingCatalogueFilter, args: ConnectionArgs) {
    const program: Sql[] = [anyOfGiven(sql`p.tier`, filter.tiers), anyOfGiven(sql`p.format`, filter.formats)].filter((w): w is Sql => !!w);
    if (filter.industryCodes) {
      const codes = new Set(ctx.reference.industryCodes(filter.industryCodes.map((c) => c.trim().toUpperCase())));
      for (const c of [...codes]) {
        const parent = ctx.reference.industry(c)?.parent?.unwrap().code;
        if (parent) codes.add(parent);
      }
      program.push(filter.industryCodes.length && codes.size ? sql`jsonb_exists_any(p.target_industry_codes, array[${[...codes]}]::text[])` : FALSE);
    }
    if (filter.hostIds) {
      const hosts = filter.hostIds.map((id, i) => expectGlobalId(id, 'ServiceOrganization', `hostIds.${i}`));
      program.push(anyOfGiven(sql`p.host_id`, hosts)!);
    }
    const where: Sql[] = [sql`s.starts_on >= ${ctx.clock.today()}::date`];
    const regions = anyOfGiven(sql`s.region_code`, filter.regionCodes);
    if (regions) where.push(regions);
    if (filter.online != null) where.push(filter.online ? sql`s.online_url is not null` : sql`s.place is not null`);
    if (filter.withOpenSeats) where.push(sql`s.capacity > (select count(*) from enrolment e where e.session_id = s.id and e.status in ('BOOKED', 'APPROVED'))`);
    for (const condition of program) where.push(sql`exists (select 1 from training_program p where p.id = s.program_id and ${condition})`);
    return keysetPage<TrainingSession>({
      query: filteredQuery(ctx.em, TrainingSession, 's', where),
      args,
      limits: ctx.config,
      orderKey: 'STARTS_ON:ASC',
      ascending: true,
      column: 's.starts_on',
      idColumn: 's.id',
      cast: 'date',
      property: 'startsOn',
      value: (s) => s.startsOn,
      valueOk: isDate,
    });
  },
};
