/**
 * National IP training bases and the training textbook series [D 四(四)二, A 四(四)]; programs
 * hosted by a base, for target industries (GB/T 4754), with textbooks; sessions run by the base;
 * enrolments reviewed by the host and seats allocated by priority once registration has closed
 * (demonstration, then advantage enterprises, then the others, then by time of request); who sees
 * which enrolments.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { insertOrganization, insertPerson } from '../../seeds/factories.js';

const P = `fragment P on TrainingProgram { id title tier format topics host { id name contactPhone } organizer { code } targetIndustries { code } textbooks { id } }`;
const BASE = `mutation($input: CreateTrainingBaseInput!) { createTrainingBase(input: $input) { base { id name kind region { code } contactPhone contactEmail } } }`;
const BASES = `query($r: [RegionCode!]) { trainingBases(regionCodes: $r, first: 100) { totalCount edges { node { id name kind contactPhone region { code } } } } }`;
const BOOK = `mutation($input: CreateTrainingTextbookInput!) { createTrainingTextbook(input: $input) { textbook { id title edition tier isbn publishedYear topics } } }`;
const BOOKS = `query($tier: PersonCategory) { trainingTextbooks(tier: $tier, first: 100) { totalCount edges { node { id title tier isbn } } } }`;
const PROGRAM = `mutation($input: CreateTrainingProgramInput!) { createTrainingProgram(input: $input) { program { ...P } } } ${P}`;
const UPDATE = `mutation($input: UpdateTrainingProgramInput!) { updateTrainingProgram(input: $input) { program { ...P } } } ${P}`;
const PROGRAMS = `query($tiers: [PersonCategory!], $host: ID) { trainingPrograms(tiers: $tiers, hostId: $host, first: 100) { totalCount edges { node { id tier host { id } } } } }`;
const SESSION = `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { session { id regionCode approvalRequired capacity seatsLeft seatsAllocatedAt } } }`;
const ENROL = `mutation($input: EnrolInput!) { enrol(input: $input) { enrolment { id status priority } } }`;
const REVIEW = `mutation($input: ReviewEnrolmentInput!) { reviewEnrolment(input: $input) { enrolment { id status history { status by note } } } }`;
const ALLOCATE = `mutation($s: ID!) { allocateSessionSeats(input: { sessionId: $s }) { booked waitlisted session { id seatsLeft seatsAllocatedAt enrolments(first: 100) { edges { node { id status priority history { status by note } } } } } } }`;
const CANCEL = `mutation($input: CancelEnrolmentInput!) { cancelEnrolment(input: $input) { enrolment { id status } promoted { id status } } }`;
const CATALOGUE = `query($f: TrainingCatalogueFilter) { upcomingTrainingSessions(filter: $f, first: 100) { edges { node { id } } } }`;
const RUN = `mutation { runScheduledTransitions { ran sessionsAllocated } }`;
const SESSION_VIEW = `query($id: ID!) { node(id: $id) { ... on TrainingSession { id seatsLeft seatsAllocatedAt enrolments(first: 100) { totalCount edges { node { id status personName } } } } } }`;
const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { presentCount } }`;

const ext = (r: GraphQLResult) => r.errors?.[0]?.extensions;
/** The nodes of a connection, in order. */
const nodes = (connection: any) => connection.edges.map((e: any) => e.node);
const key = (globalId: string) => fromGlobalId(globalId)!.key;

describe('training bases, textbooks, hosted programs and enrolment approval [D 四(四)二, A 四(四)]', () => {
  let t: TestApp;
  const rng = randomFor(4242);
  const ent = { demo: '', adv: '', plain: '' };
  let base: string;
  let otherBase: string;
  let agency: string;
  let baseUser: Viewer;
  let otherBaseUser: Viewer;
  const book = { mgr: '', general: '', exec: '' };
  let hostedProgram: string;
  let mgrProgram: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    for (const [k, level] of [['demo', 'DEMONSTRATION'], ['adv', 'ADVANTAGE'], ['plain', null]] as const) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
      ent[k] = e.id;
      if (level) await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    }
    base = (await t.ok(BASE, { input: { name: '国家知识产权培训（江苏）基地', regionCode: '320000', contactPhone: '025-83000000', contactEmail: 'base@example.cn' } })).createTrainingBase.base.id;
    otherBase = (await t.ok(BASE, { input: { name: '国家知识产权培训（广东）基地', regionCode: '440000' } })).createTrainingBase.base.id;
    const agencyKey = randomUUID();
    await insertOrganization(t.orm.em, { name: '某专利代理事务所', kind: 'AGENCY', regionCode: '320000' }, agencyKey);
    agency = toGlobalId('ServiceOrganization', agencyKey);
    baseUser = as.user('SERVICE_PROVIDER', { organizationId: key(base) });
    otherBaseUser = as.user('SERVICE_PROVIDER', { organizationId: key(otherBase) });
    book.mgr = (await t.ok(BOOK, { input: { title: '企业知识产权管理实务', edition: '第1版', editors: '国家知识产权局', publishedYear: 2025, tier: 'IP_MANAGER', isbn: '978-7-5130-0000-0' } })).createTrainingTextbook.textbook.id;
    book.general = (await t.ok(BOOK, { input: { title: '知识产权基础知识', edition: '第2版', editors: '国家知识产权局', publishedYear: 2026, isbn: '9787513000017' } })).createTrainingTextbook.textbook.id;
    book.exec = (await t.ok(BOOK, { input: { title: '企业知识产权战略', edition: '第1版', editors: '国家知识产权局', publishedYear: 2024, tier: 'SENIOR_EXECUTIVE' } })).createTrainingTextbook.textbook.id;
    hostedProgram = (
      await t.ok(PROGRAM, { input: { title: '电子信息产业知识产权管理', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING', hostId: base, targetIndustryCodes: ['39'], textbookIds: [book.mgr] } })
    ).createTrainingProgram.program.id;
    mgrProgram = (await t.ok(PROGRAM, { input: { title: '企业知识产权管理实务培训', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' } })).createTrainingProgram.program.id;
  });
  afterAll(() => t.close());

  async function person(employer: string, name = `学员${randomUUID().slice(0, 4)}`) {
    return toGlobalId('Person', await insertPerson(t.orm.em, { name, employerEnterpriseId: employer, category: 'IP_MANAGER' }));
  }
  /** Enrols a new staff member of `enterprise` (as the enterprise), optionally at a given instant. */
  async function enrol(sessionId: string, enterprise: string, at?: string, name?: string): Promise<{ id: string; status: string; priority: string; personId: string }> {
    if (at) t.setToday(at);
    const personId = await person(enterprise, name);
    const e = (await t.ok(ENROL, { input: { sessionId, personId } }, as.enterprise(enterprise))).enrol.enrolment;
    return { ...e, personId };
  }
  async function openSession(programId: string, over: Record<string, unknown> = {}, viewer: Viewer = as.national()) {
    const input = { programId, startsOn: '2026-12-10', endsOn: '2026-12-11', capacity: 3, registrationClosesOn: '2026-12-01', place: '南京', regionCode: '320000', approvalRequired: true, ...over };
    return (await t.ok(SESSION, { input }, viewer)).createTrainingSession.session as { id: string; regionCode: string | null; approvalRequired: boolean; capacity: number; seatsLeft: number };
  }
  const review = (id: string, approve: boolean, viewer: Viewer = as.provincial('320000'), note?: string) => t.gql(REVIEW, { input: { id, approve, ...(note === undefined ? {} : { note }) } }, viewer);
  const statusOf = async (enrolmentId: string) => (await t.sql<{ status: string }>(`select status from enrolment where id = ?`, [key(enrolmentId)]))[0]!.status;
  const count = async (sql: string, params: unknown[] = []) => (await t.sql<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0]!.n;

  describe('national IP training bases [D 四(四)二]', () => {
    it('are recognised by the national admin (name and contacts trimmed) in a jurisdiction', async () => {
      t.setToday('2026-11-22');
      const created = await t.ok(BASE, { input: { name: '  国家知识产权培训（浙江）基地 ', regionCode: '330000', contactPhone: ' 0571-88000000 ' } });
      expect(created.createTrainingBase.base).toMatchObject({ name: '国家知识产权培训（浙江）基地', kind: 'TRAINING_BASE', region: { code: '330000' }, contactPhone: '0571-88000000', contactEmail: null });
    });

    it('are recognised by the national admin only: a provincial admin, a base or an enterprise is FORBIDDEN, the public UNAUTHENTICATED', async () => {
      const before = await count(`service_organization where kind = 'TRAINING_BASE'`);
      const input = { name: '国家知识产权培训（江苏南京）基地', regionCode: '320000' };
      for (const viewer of [as.provincial('320000'), baseUser, as.enterprise(ent.plain)]) {
        expect(ext(await t.gql(BASE, { input }, viewer))?.code).toBe('FORBIDDEN');
      }
      expect(ext(await t.gql(BASE, { input }, as.anonymous))?.code).toBe('UNAUTHENTICATED');
      expect(await count(`service_organization where kind = 'TRAINING_BASE'`)).toBe(before);
    });

    it('refuses an unknown region code and a name under 2 characters field by field, and stores nothing', async () => {
      const before = await count(`service_organization`);
      const bad = await t.gql(BASE, { input: { name: ' 甲 ', regionCode: '990000', contactEmail: 'not-an-email' } });
      expect(ext(bad)?.code).toBe('BAD_USER_INPUT');
      expect((ext(bad)?.fields as { field: string }[]).map((f) => f.field).sort()).toEqual(['contactEmail', 'name', 'regionCode']);
      // A malformed code fails at the scalar.
      expect(ext(await t.gql(BASE, { input: { name: '国家知识产权培训（某地）基地', regionCode: '32' } }))?.code).toBe('BAD_USER_INPUT');
      expect(await count(`service_organization`)).toBe(before);
    });

    it('refuses a second base of the same name (CONFLICT)', async () => {
      const dup = await t.gql(BASE, { input: { name: ' 国家知识产权培训（江苏）基地', regionCode: '320000' } });
      expect(ext(dup)).toMatchObject({ code: 'CONFLICT', name: '国家知识产权培训（江苏）基地' });
      expect(await count(`service_organization where name = '国家知识产权培训（江苏）基地'`)).toBe(1);
    });

    it('are listed publicly by name, filterable by region; contacts only for the national admin, the jurisdiction and the base itself', async () => {
      const pub = nodes((await t.ok(BASES, {}, as.anonymous)).trainingBases);
      expect(pub.map((b: any) => b.kind)).toEqual(pub.map(() => 'TRAINING_BASE'));
      expect(pub.map((b: any) => b.id)).toEqual(expect.arrayContaining([base, otherBase]));
      expect(pub.map((b: any) => b.id)).not.toContain(agency);
      expect(pub.map((b: any) => b.name)).toEqual([...pub.map((b: any) => b.name)].sort());
      expect(pub.find((b: any) => b.id === base)).toMatchObject({ region: { code: '320000' }, contactPhone: null });
      expect(nodes((await t.ok(BASES, {}, as.national())).trainingBases).find((b: any) => b.id === base).contactPhone).toBe('025-83000000');
      expect(nodes((await t.ok(BASES, {}, as.provincial('320000'))).trainingBases).find((b: any) => b.id === base).contactPhone).toBe('025-83000000');
      expect(nodes((await t.ok(BASES, {}, baseUser)).trainingBases).find((b: any) => b.id === base).contactPhone).toBe('025-83000000');
      expect(nodes((await t.ok(BASES, {}, as.provincial('440000'))).trainingBases).find((b: any) => b.id === base).contactPhone).toBeNull();
      expect((await t.ok(BASES, { r: ['440000'] }, as.anonymous)).trainingBases).toEqual({ totalCount: 1, edges: [{ node: expect.objectContaining({ id: otherBase }) }] });
    });
  });

  describe('the training textbook series [A 四(四)]', () => {
    it('registers a volume (national admin), the ISBN-13 normalised once its check digit is verified', async () => {
      const created = await t.ok(BOOK, { input: { title: ' 知识产权实务操作 ', edition: '第1版', editors: '编写组', publishedYear: 2026, tier: 'IP_PRACTITIONER', isbn: '978-7-5130-0002-4', topics: ['专利检索', ' 专利检索 ', ''] } });
      expect(created.createTrainingTextbook.textbook).toMatchObject({ title: '知识产权实务操作', tier: 'IP_PRACTITIONER', isbn: '9787513000024', topics: ['专利检索'] });
      const stored = nodes((await t.ok(BOOKS, {}, as.anonymous)).trainingTextbooks).find((b: any) => b.id === book.mgr);
      expect(stored.isbn).toBe('9787513000000');
    });

    it('is for the national admin only', async () => {
      const input = { title: '地方教材', edition: '第1版', editors: '某省局', publishedYear: 2026 };
      expect(ext(await t.gql(BOOK, { input }, as.provincial('320000')))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(BOOK, { input }, baseUser))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(BOOK, { input }, as.anonymous))?.code).toBe('UNAUTHENTICATED');
      expect(await count(`training_textbook where title = '地方教材'`)).toBe(0);
    });

    it('refuses an ISBN whose check digit does not match (BAD_USER_INPUT on isbn), and stores nothing', async () => {
      const before = await count(`training_textbook`);
      for (const isbn of ['978-7-5130-0000-1', '7-5130-0000-X', '978751300000']) {
        const bad = await t.gql(BOOK, { input: { title: `校验位${isbn}`, edition: '第1版', editors: '编写组', publishedYear: 2026, isbn } });
        expect(ext(bad)?.code).toBe('BAD_USER_INPUT');
        expect(ext(bad)?.fields).toEqual([expect.objectContaining({ field: 'isbn' })]);
      }
      expect(await count(`training_textbook`)).toBe(before);
    });

    it('refuses an ISBN already registered, however written, and the same title and edition again (CONFLICT)', async () => {
      const dupIsbn = await t.gql(BOOK, { input: { title: '另一本书', edition: '第1版', editors: '编写组', publishedYear: 2026, isbn: '9787513000000' } });
      expect(ext(dupIsbn)).toMatchObject({ code: 'CONFLICT', isbn: '9787513000000' });
      const dupHyphens = await t.gql(BOOK, { input: { title: '又一本书', edition: '第1版', editors: '编写组', publishedYear: 2026, isbn: '978 7 5130 0001 7' } });
      expect(ext(dupHyphens)?.code).toBe('CONFLICT');
      const dupTitle = await t.gql(BOOK, { input: { title: '企业知识产权管理实务', edition: '第1版', editors: '编写组', publishedYear: 2026 } });
      expect(ext(dupTitle)?.code).toBe('CONFLICT');
      expect(await count(`training_textbook where title in ('另一本书', '又一本书')`)).toBe(0);
    });

    it('lists publicly by title; a tier filter includes the general (tier-less) volumes', async () => {
      const mgr = nodes((await t.ok(BOOKS, { tier: 'IP_MANAGER' }, as.anonymous)).trainingTextbooks);
      expect(mgr.map((b: any) => b.id)).toEqual(expect.arrayContaining([book.mgr, book.general]));
      expect(mgr.map((b: any) => b.id)).not.toContain(book.exec);
      expect(mgr.every((b: any) => b.tier === 'IP_MANAGER' || b.tier === null)).toBe(true);
      const all = nodes((await t.ok(BOOKS, {}, as.anonymous)).trainingTextbooks);
      expect(all.map((b: any) => b.id)).toEqual(expect.arrayContaining([book.mgr, book.general, book.exec]));
    });
  });

  describe('programs hosted by a base, for target industries, with textbooks [D 四(四)二, A 四(四)]', () => {
    it('GB/T 4754 reference data has the section and divisions used here', async () => {
      const rows = await t.sql<{ code: string; parent_code: string | null }>(`select code, parent_code from industry where code in ('C', '39', '13', 'I') order by code`);
      expect(rows).toEqual([
        { code: '13', parent_code: 'C' },
        { code: '39', parent_code: 'C' },
        { code: 'C', parent_code: null },
        { code: 'I', parent_code: null },
      ]);
    });

    it('sets up a national program with a host base, target industries (normalised) and textbooks; the organizer is null', async () => {
      const created = (
        await t.ok(PROGRAM, {
          input: { title: ' 制造业知识产权管理 ', tier: 'IP_MANAGER', format: 'BUSINESS_SEMINAR', topics: ['战略规划'], hostId: base, targetIndustryCodes: [' c', '39', 'C'], textbookIds: [book.mgr, book.general, book.mgr] },
        })
      ).createTrainingProgram.program;
      expect(created).toMatchObject({ title: '制造业知识产权管理', organizer: null, host: { id: base, name: '国家知识产权培训（江苏）基地' }, targetIndustries: [{ code: 'C' }, { code: '39' }] });
      expect(created.textbooks.map((b: any) => b.id).sort()).toEqual([book.mgr, book.general].sort());
      // Public, but not the base's contacts.
      const pub = await t.ok(`query($id: ID!) { node(id: $id) { ... on TrainingProgram { title host { name contactPhone } textbooks { title } } } }`, { id: created.id }, as.anonymous);
      expect(pub.node).toMatchObject({ title: '制造业知识产权管理', host: { name: '国家知识产权培训（江苏）基地', contactPhone: null } });
      expect(pub.node.textbooks).toHaveLength(2);
    });

    it('refuses a host that is not a training base (BAD_USER_INPUT on hostId) or does not exist (NOT_FOUND), and stores nothing', async () => {
      const before = await count(`training_program`);
      const notBase = await t.gql(PROGRAM, { input: { title: '代理机构承办', tier: 'IP_MANAGER', format: 'THEMATIC_SALON', hostId: agency } });
      expect(ext(notBase)?.code).toBe('BAD_USER_INPUT');
      expect(ext(notBase)?.fields).toEqual([expect.objectContaining({ field: 'hostId' })]);
      const missing = await t.gql(PROGRAM, { input: { title: '不存在的基地', tier: 'IP_MANAGER', format: 'THEMATIC_SALON', hostId: toGlobalId('ServiceOrganization', randomUUID()) } });
      expect(ext(missing)?.code).toBe('NOT_FOUND');
      const missingBook = await t.gql(PROGRAM, { input: { title: '不存在的教材', tier: 'IP_MANAGER', format: 'THEMATIC_SALON', textbookIds: [toGlobalId('TrainingTextbook', randomUUID())] } });
      expect(ext(missingBook)?.code).toBe('NOT_FOUND');
      expect(await count(`training_program`)).toBe(before);
    });

    it('refuses an industry code that is not a GB/T 4754 section or division (BAD_USER_INPUT on targetIndustryCodes)', async () => {
      const before = await count(`training_program`);
      for (const codes of [['C', 'ZZ'], ['391']]) {
        const bad = await t.gql(PROGRAM, { input: { title: '未知行业', tier: 'IP_MANAGER', format: 'THEMATIC_SALON', targetIndustryCodes: codes } });
        expect(ext(bad)?.code).toBe('BAD_USER_INPUT');
        expect(ext(bad)?.fields).toEqual([expect.objectContaining({ field: 'targetIndustryCodes' })]);
      }
      expect(await count(`training_program`)).toBe(before);
    });

    it('updates only the given fields; hostId: null clears the host (and the base no longer runs it); tier and format stay', async () => {
      const id = (
        await t.ok(PROGRAM, { input: { title: '专利运营实务', tier: 'IP_MANAGER', format: 'BUSINESS_SEMINAR', topics: ['专利运营'], hostId: base, targetIndustryCodes: ['C'], textbookIds: [book.mgr] } })
      ).createTrainingProgram.program.id;
      const updated = (await t.ok(UPDATE, { input: { id, title: '专利运营与资本运作', targetIndustryCodes: ['39', '13'], textbookIds: [book.general] } })).updateTrainingProgram.program;
      expect(updated).toMatchObject({ title: '专利运营与资本运作', tier: 'IP_MANAGER', format: 'BUSINESS_SEMINAR', topics: ['专利运营'], host: { id: base }, targetIndustries: [{ code: '39' }, { code: '13' }], textbooks: [{ id: book.general }] });
      // The audit entry records exactly what changed.
      const [entry] = await t.sql<{ changes: Record<string, { before: unknown; after: unknown }> }>(
        `select changes from audit_entry where operation = 'updateTrainingProgram' and object_id = ? order by at desc limit 1`,
        [key(id)],
      );
      expect(entry!.changes).toEqual({
        title: { before: '专利运营实务', after: '专利运营与资本运作' },
        targetIndustryCodes: { before: ['C'], after: ['39', '13'] },
        textbooks: { before: [key(book.mgr)], after: [key(book.general)] },
      });
      // A provincial admin cannot change a national program.
      const forbidden = await t.gql(UPDATE, { input: { id, title: '省局改名' } }, as.provincial('320000'));
      expect(ext(forbidden)?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(UPDATE, { input: { id, title: '基地改名' } }, baseUser))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(UPDATE, { input: { id, hostId: agency } }))?.fields).toEqual([expect.objectContaining({ field: 'hostId' })]);
      expect((await t.ok(`query($id: ID!) { node(id: $id) { ... on TrainingProgram { title host { id } } } }`, { id })).node).toEqual({ title: '专利运营与资本运作', host: { id: base } });
      // The base can open sessions of its program until the host is cleared.
      await openSession(id, { approvalRequired: false }, baseUser);
      const cleared = (await t.ok(UPDATE, { input: { id, hostId: null } })).updateTrainingProgram.program;
      expect(cleared).toMatchObject({ title: '专利运营与资本运作', host: null, targetIndustries: [{ code: '39' }, { code: '13' }], textbooks: [{ id: book.general }] });
      const afterClear = await t.gql(SESSION, { input: { programId: id, startsOn: '2026-12-10', endsOn: '2026-12-10', capacity: 5, registrationClosesOn: '2026-12-01', place: '南京' } }, baseUser);
      expect(ext(afterClear)?.code).toBe('FORBIDDEN');
      // An empty list means every industry.
      expect((await t.ok(UPDATE, { input: { id, targetIndustryCodes: [] } })).updateTrainingProgram.program.targetIndustries).toEqual([]);
    });

    it('a provincial program has its region as organizer and is changed by that bureau (or the national admin) only', async () => {
      const created = (await t.ok(PROGRAM, { input: { title: '江苏省专利实务培训', tier: 'IP_PRACTITIONER', format: 'INDUSTRY_PRACTICE' } }, as.provincial('320000'))).createTrainingProgram.program;
      expect(created.organizer).toEqual({ code: '320000' });
      expect(ext(await t.gql(UPDATE, { input: { id: created.id, title: '广东改名' } }, as.provincial('440000')))?.code).toBe('FORBIDDEN');
      expect((await t.ok(UPDATE, { input: { id: created.id, title: '江苏省专利实务培训（二期）' } }, as.provincial('320000'))).updateTrainingProgram.program.title).toBe('江苏省专利实务培训（二期）');
      expect((await t.ok(UPDATE, { input: { id: created.id, topics: ['专利挖掘'] } })).updateTrainingProgram.program).toMatchObject({ topics: ['专利挖掘'], organizer: { code: '320000' } });
      expect(ext(await t.gql(PROGRAM, { input: { title: '企业自办', tier: 'IP_PRACTITIONER', format: 'INDUSTRY_PRACTICE' } }, as.enterprise(ent.plain)))?.code).toBe('FORBIDDEN');
    });

    it('lists programs publicly by tier and by host', async () => {
      const practitioner = nodes((await t.ok(PROGRAMS, { tiers: ['IP_PRACTITIONER'] }, as.anonymous)).trainingPrograms);
      expect(practitioner.length).toBeGreaterThan(0);
      expect(practitioner.every((p: any) => p.tier === 'IP_PRACTITIONER')).toBe(true);
      const managers = nodes((await t.ok(PROGRAMS, { tiers: ['IP_MANAGER', 'SENIOR_EXECUTIVE'] }, as.anonymous)).trainingPrograms).map((p: any) => p.id);
      expect(managers).toEqual(expect.arrayContaining([hostedProgram, mgrProgram]));
      expect((await t.ok(PROGRAMS, { tiers: [] }, as.anonymous)).trainingPrograms).toEqual({ totalCount: 0, edges: [] });
      const hosted = nodes((await t.ok(PROGRAMS, { host: base }, as.anonymous)).trainingPrograms);
      expect(hosted.map((p: any) => p.id)).toContain(hostedProgram);
      expect(hosted.every((p: any) => p.host?.id === base)).toBe(true);
      expect((await t.ok(PROGRAMS, { host: otherBase }, as.anonymous)).trainingPrograms).toEqual({ totalCount: 0, edges: [] });
    });

    it('the catalogue filters by target industry (a section matches its divisions and a division its section) and by host base', async () => {
      t.setToday('2026-11-22');
      const mk = async (title: string, targetIndustryCodes: string[], hostId?: string) => {
        const program = (await t.ok(PROGRAM, { input: { title, tier: 'IP_MANAGER', format: 'STUDY_VISIT', targetIndustryCodes, ...(hostId ? { hostId } : {}) } })).createTrainingProgram.program.id;
        return (await openSession(program, { startsOn: '2026-12-20', endsOn: '2026-12-20', registrationClosesOn: '2026-12-15', approvalRequired: false })).id;
      };
      const s39 = await mk('电子信息企业考察', ['39'], base);
      const sC = await mk('制造业企业考察', ['C']);
      const sI = await mk('互联网企业考察', ['I']);
      const sAll = await mk('综合考察', []);
      const ids = async (f: Record<string, unknown>) => nodes((await t.ok(CATALOGUE, { f }, as.anonymous)).upcomingTrainingSessions).map((s: any) => s.id) as string[];
      const mine = [s39, sC, sI, sAll];
      const pick = (list: string[]) => mine.filter((s) => list.includes(s));
      expect(pick(await ids({ industryCodes: ['C'] }))).toEqual([s39, sC]);
      expect(pick(await ids({ industryCodes: ['39'] }))).toEqual([s39, sC]);
      expect(pick(await ids({ industryCodes: [' c'] }))).toEqual([s39, sC]);
      // A sibling division matches the section-wide program, not the other division's.
      expect(pick(await ids({ industryCodes: ['13'] }))).toEqual([sC]);
      expect(pick(await ids({ industryCodes: ['64'] }))).toEqual([sI]);
      expect(pick(await ids({ industryCodes: [] }))).toEqual([]);
      expect(pick(await ids({}))).toEqual(mine);
      expect(pick(await ids({ hostIds: [base] }))).toEqual([s39]);
      expect(pick(await ids({ hostIds: [otherBase] }))).toEqual([]);
      expect(pick(await ids({ hostIds: [base], industryCodes: ['C'] }))).toEqual([s39]);
    });
  });

  describe('sessions run by a training base [D 四(四)二]', () => {
    it('a user of the host base opens sessions of its hosted program, in the base’s jurisdiction; not of other programs', async () => {
      t.setToday('2026-11-22');
      const s = await openSession(hostedProgram, {}, baseUser);
      expect(s).toMatchObject({ regionCode: '320000', approvalRequired: true, capacity: 3, seatsLeft: 3 });
      const input = { programId: mgrProgram, startsOn: '2026-12-10', endsOn: '2026-12-11', capacity: 3, registrationClosesOn: '2026-12-01', place: '南京' };
      // Another jurisdiction is refused, not silently replaced by the base's.
      expect(ext(await t.gql(SESSION, { input: { ...input, programId: hostedProgram, regionCode: '110000' } }, baseUser))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(SESSION, { input }, baseUser))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(SESSION, { input: { ...input, programId: hostedProgram } }, otherBaseUser))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(SESSION, { input: { ...input, programId: hostedProgram } }, as.user('SERVICE_PROVIDER', { organizationId: key(agency) })))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(SESSION, { input: { ...input, programId: hostedProgram } }, as.enterprise(ent.plain)))?.code).toBe('FORBIDDEN');
    });

    it('a provincial admin opens sessions in its own jurisdiction: another region is FORBIDDEN and nothing is stored', async () => {
      t.setToday('2026-11-22');
      const input = { programId: mgrProgram, startsOn: '2026-12-10', endsOn: '2026-12-11', capacity: 3, registrationClosesOn: '2026-12-01', place: '杭州' };
      const [{ n: before }] = (await t.sql<{ n: number }>('select count(*)::int as n from training_session')) as [{ n: number }];
      expect(ext(await t.gql(SESSION, { input: { ...input, regionCode: '320000' } }, as.provincial('330000')))?.code).toBe('FORBIDDEN');
      expect(await t.sql('select count(*)::int as n from training_session')).toEqual([{ n: before }]);
      const own = await t.ok(SESSION, { input: { ...input, regionCode: '330000' } }, as.provincial('330000'));
      expect(own.createTrainingSession.session.regionCode).toBe('330000');
      const implicit = await t.ok(SESSION, { input }, as.provincial('330000'));
      expect(implicit.createTrainingSession.session.regionCode).toBe('330000');
    });

    it('the base reviews the enrolments of its sessions and records their attendance; another base may not', async () => {
      t.setToday('2026-11-22');
      const withApproval = await openSession(hostedProgram, {}, baseUser);
      const requested = await enrol(withApproval.id, ent.plain);
      expect(requested.status).toBe('REQUESTED');
      // Another base cannot even see the enrolment.
      expect(ext(await review(requested.id, true, otherBaseUser))?.code).toBe('NOT_FOUND');
      const approved = await review(requested.id, true, baseUser, '符合条件');
      expect(approved.data?.reviewEnrolment.enrolment).toMatchObject({ status: 'APPROVED', history: [{ status: 'REQUESTED' }, { status: 'APPROVED', by: 'test-service_provider', note: '符合条件' }] });

      const open = await openSession(hostedProgram, { startsOn: '2026-11-23', endsOn: '2026-11-24', registrationClosesOn: '2026-11-22', approvalRequired: false }, baseUser);
      const booked = await enrol(open.id, ent.adv);
      expect(booked.status).toBe('BOOKED');
      t.setToday('2026-11-23');
      const input = { sessionId: open.id, day: '2026-11-23', presentPersonIds: [booked.personId] };
      expect(ext(await t.gql(ATTEND, { input }, otherBaseUser))?.code).toBe('FORBIDDEN');
      expect((await t.ok(ATTEND, { input }, baseUser)).recordAttendance).toEqual({ presentCount: 1 });
      expect(await t.sql(`select present from attendance where enrolment_id = ?`, [key(booked.id)])).toEqual([{ present: true }]);
    });
  });

  describe('enrolment approval and seat allocation by priority [D 四(四)二]', () => {
    it('an enterprise’s enrolment waits for review (REQUESTED, no seat); only the host reviews', async () => {
      t.setToday('2026-11-22');
      const s = await openSession(mgrProgram);
      const e = await enrol(s.id, ent.plain);
      expect(e).toMatchObject({ status: 'REQUESTED', priority: 'NONE' });
      expect((await t.ok(SESSION_VIEW, { id: s.id })).node.seatsLeft).toBe(3);
      // The enterprise sees its own enrolment but may not review it; who cannot see it gets NOT_FOUND.
      expect(ext(await review(e.id, true, as.enterprise(ent.plain)))?.code).toBe('FORBIDDEN');
      for (const viewer of [as.provincial('440000'), baseUser]) expect(ext(await review(e.id, true, viewer))?.code).toBe('NOT_FOUND');
      expect(ext(await review(e.id, true, as.anonymous))?.code).toBe('UNAUTHENTICATED');
      expect(await statusOf(e.id)).toBe('REQUESTED');
      // The host’s own enrolments need no review.
      const byHost = await t.ok(ENROL, { input: { sessionId: s.id, personId: await person(ent.plain) } }, as.provincial('320000'));
      expect(byHost.enrol.enrolment.status).toBe('APPROVED');
    });

    it('declining needs a reason; a declined person cannot enrol again (CONFLICT) nor be reviewed again', async () => {
      t.setToday('2026-11-22');
      const s = await openSession(mgrProgram);
      const e = await enrol(s.id, ent.plain);
      for (const note of [undefined, '   ']) {
        const bad = await review(e.id, false, as.provincial('320000'), note);
        expect(ext(bad)?.code).toBe('BAD_USER_INPUT');
        expect(ext(bad)?.fields).toEqual([expect.objectContaining({ field: 'note' })]);
      }
      expect(await statusOf(e.id)).toBe('REQUESTED');
      const declined = await review(e.id, false, as.provincial('320000'), '岗位不符');
      expect(declined.data?.reviewEnrolment.enrolment).toMatchObject({ status: 'DECLINED', history: [{ status: 'REQUESTED' }, { status: 'DECLINED', note: '岗位不符' }] });
      const again = await t.gql(ENROL, { input: { sessionId: s.id, personId: e.personId } }, as.enterprise(ent.plain));
      expect(ext(again)).toMatchObject({ code: 'CONFLICT', status: 'DECLINED' });
      expect(ext(await review(e.id, true))).toMatchObject({ code: 'CONFLICT', status: 'DECLINED' });
      expect(await count(`enrolment where id = ? and status = 'DECLINED'`, [key(e.id)])).toBe(1);
    });

    it('approved enrolments get seats once registration has closed: demonstration, advantage, others, then by time; the rest wait', async () => {
      t.setToday('2026-11-22');
      const s = await openSession(mgrProgram, { capacity: 3 });
      const plainEarly = await enrol(s.id, ent.plain, '2026-11-22T09:00:00+08:00');
      const plainLate = await enrol(s.id, ent.plain, '2026-11-22T09:05:00+08:00');
      const adv = await enrol(s.id, ent.adv, '2026-11-22T09:10:00+08:00');
      const demo = await enrol(s.id, ent.demo, '2026-11-22T09:15:00+08:00');
      const pending = await enrol(s.id, ent.plain, '2026-11-22T09:20:00+08:00');
      expect([plainEarly, plainLate, adv, demo, pending].map((e) => e.status)).toEqual(['REQUESTED', 'REQUESTED', 'REQUESTED', 'REQUESTED', 'REQUESTED']);
      expect([plainEarly, adv, demo].map((e) => e.priority)).toEqual(['NONE', 'ADVANTAGE', 'DEMONSTRATION']);
      // Reviewed in an order unrelated to the priority. An approval books no seat yet, but seatsLeft
      // (and the catalogue's withOpenSeats) counts it as promised.
      const open = async () => nodes((await t.ok(CATALOGUE, { f: { withOpenSeats: true } }, as.anonymous)).upcomingTrainingSessions).map((x: any) => x.id);
      expect((await review(plainLate.id, true)).data?.reviewEnrolment.enrolment.status).toBe('APPROVED');
      expect((await t.ok(SESSION_VIEW, { id: s.id })).node).toMatchObject({ seatsLeft: 2, seatsAllocatedAt: null });
      expect(await open()).toContain(s.id);
      for (const e of [demo, plainEarly, adv]) {
        expect((await review(e.id, true)).data?.reviewEnrolment.enrolment.status).toBe('APPROVED');
      }
      const view = (await t.ok(SESSION_VIEW, { id: s.id })).node;
      expect(view).toMatchObject({ seatsLeft: 0, seatsAllocatedAt: null });
      expect(nodes(view.enrolments).map((e: any) => e.status).sort()).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED', 'REQUESTED']);
      expect(await count(`enrolment where session_id = ? and status = 'BOOKED'`, [key(s.id)])).toBe(0);
      expect(await open()).not.toContain(s.id);

      // Not while registration is open, including its last day.
      for (const day of ['2026-11-22', '2026-12-01']) {
        t.setToday(day);
        expect(ext(await t.gql(ALLOCATE, { s: s.id }, as.provincial('320000')))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'REGISTRATION_OPEN', closesOn: '2026-12-01' });
      }
      t.setToday('2026-12-02');
      expect(ext(await t.gql(ALLOCATE, { s: s.id }, as.provincial('440000')))?.code).toBe('FORBIDDEN');
      expect(ext(await t.gql(ALLOCATE, { s: s.id }, baseUser))?.code).toBe('FORBIDDEN');
      const payload = (await t.ok(ALLOCATE, { s: s.id }, as.provincial('320000'))).allocateSessionSeats;
      expect(payload).toMatchObject({ booked: 3, waitlisted: 1 });
      const allocated = { ...payload.session, enrolments: nodes(payload.session.enrolments) };
      expect(allocated.seatsLeft).toBe(0);
      expect(allocated.seatsAllocatedAt).not.toBeNull();
      const status = (id: string) => allocated.enrolments.find((e: any) => e.id === id).status;
      expect([demo, adv, plainEarly, plainLate, pending].map((e) => status(e.id))).toEqual(['BOOKED', 'BOOKED', 'BOOKED', 'WAITLISTED', 'REQUESTED']);
      const history = allocated.enrolments.find((e: any) => e.id === demo.id).history;
      expect(history.map((h: any) => h.status)).toEqual(['REQUESTED', 'APPROVED', 'BOOKED']);
      expect(history[2]).toMatchObject({ by: 'test-provincial_admin', note: '名额分配' });
      expect(allocated.enrolments.find((e: any) => e.id === plainLate.id).history.map((h: any) => h.status)).toEqual(['REQUESTED', 'APPROVED', 'WAITLISTED']);
      expect(await count(`enrolment where session_id = ? and status = 'BOOKED'`, [key(s.id)])).toBe(3);

      // Allocation happens once.
      expect(ext(await t.gql(ALLOCATE, { s: s.id }, as.provincial('320000')))?.code).toBe('CONFLICT');
      // After allocation, an approval places the enrolment at once: here the session is full.
      const late = (await review(pending.id, true)).data?.reviewEnrolment.enrolment;
      expect(late.status).toBe('WAITLISTED');
      expect(late.history.map((h: any) => h.status)).toEqual(['REQUESTED', 'APPROVED', 'WAITLISTED']);
      // A freed seat goes to the first waiting: same priority, earlier request.
      const cancelled = (await t.ok(CANCEL, { input: { id: demo.id } }, as.enterprise(ent.demo))).cancelEnrolment;
      // Promoted: another enterprise's staff, so not shown to this canceller.
      expect(cancelled.promoted).toBeNull();
      expect(await statusOf(plainLate.id)).toBe('BOOKED');
      expect(await statusOf(pending.id)).toBe('WAITLISTED');
    });

    it('a session without approval has nothing to allocate (CONFLICT)', async () => {
      t.setToday('2026-11-22');
      const s = await openSession(mgrProgram, { approvalRequired: false, registrationClosesOn: '2026-11-25' });
      expect((await enrol(s.id, ent.plain)).status).toBe('BOOKED');
      t.setToday('2026-11-30');
      expect(ext(await t.gql(ALLOCATE, { s: s.id }))?.code).toBe('CONFLICT');
    });

    it('the scheduled transitions allocate a closed, unallocated session the day after registration closes, once', async () => {
      t.setToday('2026-11-22');
      const s = await openSession(mgrProgram, { capacity: 3, registrationClosesOn: '2026-12-01' });
      const plain = await enrol(s.id, ent.plain, '2026-11-22T10:00:00+08:00');
      const adv = await enrol(s.id, ent.adv, '2026-11-22T10:01:00+08:00');
      const requested = await enrol(s.id, ent.plain, '2026-11-22T10:02:00+08:00');
      for (const e of [plain, adv]) await review(e.id, true);
      expect(ext(await t.gql(RUN, {}, as.provincial('320000')))?.code).toBe('FORBIDDEN');

      // On the closing day itself: nothing yet.
      t.setToday('2026-12-01');
      await t.ok(RUN);
      expect((await t.ok(SESSION_VIEW, { id: s.id })).node.seatsAllocatedAt).toBeNull();
      expect(await statusOf(plain.id)).toBe('APPROVED');

      t.setToday('2026-12-02');
      const first = (await t.ok(RUN)).runScheduledTransitions;
      expect(first.ran).toBe(true);
      expect(first.sessionsAllocated).toBeGreaterThanOrEqual(1);
      const view = (await t.ok(SESSION_VIEW, { id: s.id })).node;
      expect(view.seatsAllocatedAt).not.toBeNull();
      expect(view.seatsLeft).toBe(1);
      const h = await t.ok(`query($id: ID!) { node(id: $id) { ... on Enrolment { status history { status by note } } } }`, { id: adv.id });
      expect(h.node).toMatchObject({ status: 'BOOKED', history: [{ status: 'REQUESTED' }, { status: 'APPROVED' }, { status: 'BOOKED', by: 'system', note: '名额分配' }] });
      expect(await statusOf(plain.id)).toBe('BOOKED');
      expect(await count(`audit_entry where operation = 'allocateSessionSeats' and role = 'SYSTEM' and object_id = ?`, [key(s.id)])).toBe(1);

      // Idempotent: a second run allocates nothing more.
      const second = (await t.ok(RUN)).runScheduledTransitions;
      expect(second).toEqual({ ran: true, sessionsAllocated: 0 });
      expect((await t.ok(SESSION_VIEW, { id: s.id })).node.seatsAllocatedAt).toEqual(view.seatsAllocatedAt);
      expect(await count(`audit_entry where operation = 'allocateSessionSeats' and object_id = ?`, [key(s.id)])).toBe(1);
      expect(ext(await t.gql(ALLOCATE, { s: s.id }))?.code).toBe('CONFLICT');

      // After allocation an approval places the enrolment at once: a seat is free.
      const placed = (await review(requested.id, true)).data?.reviewEnrolment.enrolment;
      expect(placed.status).toBe('BOOKED');
      expect(placed.history.map((x: any) => x.status)).toEqual(['REQUESTED', 'APPROVED', 'BOOKED']);
    });
  });

  describe('cancelling [D 四(四)二]', () => {
    it('a REQUESTED enrolment can be cancelled, and frees no seat for the waiting list', async () => {
      t.setToday('2026-11-22');
      const s = await openSession(mgrProgram, { capacity: 1 });
      const first = await enrol(s.id, ent.plain, '2026-11-22T11:00:00+08:00');
      const second = await enrol(s.id, ent.plain, '2026-11-22T11:01:00+08:00');
      const third = await enrol(s.id, ent.adv, '2026-11-22T11:02:00+08:00');
      for (const e of [first, second]) await review(e.id, true);
      t.setToday('2026-12-02');
      await t.ok(ALLOCATE, { s: s.id });
      expect([await statusOf(first.id), await statusOf(second.id)]).toEqual(['BOOKED', 'WAITLISTED']);
      const res = (await t.ok(CANCEL, { input: { id: third.id, note: '另有安排' } }, as.enterprise(ent.adv))).cancelEnrolment;
      expect(res).toEqual({ enrolment: { id: third.id, status: 'CANCELLED' }, promoted: null });
      expect(await statusOf(second.id)).toBe('WAITLISTED');
      // An enterprise cannot cancel another enterprise's enrolment: it cannot even see it.
      expect(ext(await t.gql(CANCEL, { input: { id: second.id } }, as.enterprise(ent.adv)))?.code).toBe('NOT_FOUND');
    });

    it('a DECLINED or COMPLETED enrolment cannot be cancelled (CONFLICT); after the session’s end nothing can (SESSION_OVER)', async () => {
      t.setToday('2026-11-22');
      const withApproval = await openSession(mgrProgram);
      const declined = await enrol(withApproval.id, ent.plain);
      await review(declined.id, false, as.provincial('320000'), '名额有限');
      expect(ext(await t.gql(CANCEL, { input: { id: declined.id } }, as.enterprise(ent.plain)))).toMatchObject({ code: 'CONFLICT', status: 'DECLINED' });

      const s = await openSession(mgrProgram, { startsOn: '2026-11-25', endsOn: '2026-11-25', registrationClosesOn: '2026-11-24', approvalRequired: false, capacity: 2 });
      const present = await enrol(s.id, ent.plain);
      const absent = await enrol(s.id, ent.plain);
      const waiting = await enrol(s.id, ent.adv);
      expect([present.status, absent.status, waiting.status]).toEqual(['BOOKED', 'BOOKED', 'WAITLISTED']);
      t.setToday('2026-11-26');
      for (const e of [absent, waiting]) {
        expect(ext(await t.gql(CANCEL, { input: { id: e.id } }, as.enterprise(e === waiting ? ent.adv : ent.plain)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SESSION_OVER', endsOn: '2026-11-25' });
      }
      expect(await statusOf(absent.id)).toBe('BOOKED');
      await t.ok(ATTEND, { input: { sessionId: s.id, day: '2026-11-25', presentPersonIds: [present.personId] } });
      const completed = await t.ok(`mutation($s: ID!) { completeTrainingSession(input: { sessionId: $s }) { session { enrolments(first: 100) { edges { node { id status } } } } } }`, { s: s.id });
      const done = nodes(completed.completeTrainingSession.session.enrolments);
      expect(done.find((e: any) => e.id === present.id).status).toBe('COMPLETED');
      expect(ext(await t.gql(CANCEL, { input: { id: present.id } }, as.enterprise(ent.plain)))).toMatchObject({ code: 'CONFLICT', status: 'COMPLETED' });
      expect(ext(await t.gql(CANCEL, { input: { id: present.id } }))).toMatchObject({ code: 'CONFLICT' });
      expect(await statusOf(present.id)).toBe('COMPLETED');
    });
  });

  describe('who sees enrolments', () => {
    let vis: string;
    let open: string;
    let approval: string;
    const e: Record<string, { id: string; status: string; personId: string }> = {};
    const ENTERPRISE = `query($id: ID!, $st: [EnrolmentStatus!]) { enterprise(id: $id) { id trainingEnrolments(statuses: $st) { totalCount edges { node { id status personName person { id } } } } } }`;
    /** The enterprise's enrolments as `viewer` sees them: their nodes, or null. */
    const enrolmentsOf = async (viewer: Viewer, enterprise = vis, st?: string[]) => {
      const list = (await t.ok(ENTERPRISE, { id: toGlobalId('Enterprise', enterprise), ...(st ? { st } : {}) }, viewer)).enterprise.trainingEnrolments;
      return list && nodes(list);
    };
    const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Enrolment { status personName person { id name } } } }`;

    beforeAll(async () => {
      t.setToday('2026-11-22');
      vis = (await makeEnterprise(t.orm.em, rng, { regionCode: '320000' })).id;
      open = (await openSession(hostedProgram, { capacity: 1, approvalRequired: false, startsOn: '2026-12-15', endsOn: '2026-12-16' })).id;
      approval = (await openSession(hostedProgram, { startsOn: '2026-12-15', endsOn: '2026-12-16', registrationClosesOn: '2026-12-10' })).id;
      e.advBooked = await enrol(open, ent.adv, '2026-11-22T12:00:00+08:00');
      e.visWaiting = await enrol(open, vis, '2026-11-22T12:01:00+08:00', '王可见');
      e.visCancelled = await enrol(open, vis, '2026-11-22T12:02:00+08:00');
      e.visRequested = await enrol(approval, vis, '2026-11-22T12:03:00+08:00');
      e.advRequested = await enrol(approval, ent.adv, '2026-11-22T12:04:00+08:00');
      await t.ok(CANCEL, { input: { id: e.visCancelled.id } }, as.enterprise(vis));
      t.setToday('2026-11-22');
    });

    it('TrainingSession.enrolments: null for the public, own staff for an enterprise, all for the host and the national admin', async () => {
      const rosterOf = async (viewer: Viewer) => (await t.ok(SESSION_VIEW, { id: open }, viewer)).node.enrolments;
      const list = async (viewer: Viewer) => {
        const roster = await rosterOf(viewer);
        if (roster) expect(roster.totalCount).toBe(roster.edges.length);
        return roster && nodes(roster).map((x: any) => x.id);
      };
      expect(await list(as.anonymous)).toBeNull();
      expect(await list(as.enterprise(vis))).toEqual([e.visWaiting.id, e.visCancelled.id]);
      expect(await list(as.enterprise(ent.adv))).toEqual([e.advBooked.id]);
      const all = [e.advBooked.id, e.visWaiting.id, e.visCancelled.id];
      expect(await list(as.national())).toEqual(all);
      expect(await list(baseUser)).toEqual(all);
      expect(await list(as.provincial('320000'))).toEqual(all);
      expect(await list(otherBaseUser)).toEqual([]);
      expect(await list(as.provincial('440000'))).toEqual([]);
      const waiting = await t.ok(`query($id: ID!) { node(id: $id) { ... on TrainingSession { enrolments(statuses: [WAITLISTED]) { edges { node { id } } } } } }`, { id: open }, baseUser);
      expect(nodes(waiting.node.enrolments)).toEqual([{ id: e.visWaiting.id }]);
    });

    it('node(id) gives an enrolment to its enterprise, the person, the host and admins, null to others; the catalogue objects to anyone', async () => {
      const id = e.visWaiting.id;
      const node = async (viewer: Viewer, nodeId = id) => (await t.ok(NODE, { id: nodeId }, viewer)).node;
      expect(await node(as.enterprise(vis))).toMatchObject({ __typename: 'Enrolment', id, status: 'WAITLISTED', personName: '王可见' });
      expect(await node(baseUser)).toMatchObject({ id });
      expect(await node(as.national())).toMatchObject({ id, person: { id: e.visWaiting.personId, name: '王可见' } });
      for (const viewer of [as.enterprise(ent.adv), as.anonymous, otherBaseUser, as.provincial('440000')]) expect(await node(viewer)).toBeNull();
      // The person themselves.
      const self = as.user('EXPERT', { personId: key(e.visWaiting.personId) });
      expect(await node(self)).toMatchObject({ id, person: { id: e.visWaiting.personId } });
      // Sessions, programs and textbooks are public.
      expect((await node(as.anonymous, open)).__typename).toBe('TrainingSession');
      expect((await node(as.anonymous, hostedProgram)).__typename).toBe('TrainingProgram');
      expect((await node(as.anonymous, book.mgr)).__typename).toBe('TrainingTextbook');
    });

    it('Enrolment.person is the record of its own staff for an enterprise user (people are visible to admins, their employer and themselves); personName is given', async () => {
      const mine = await enrolmentsOf(as.enterprise(vis));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((x: any) => x.person !== null && typeof x.personName === 'string' && x.personName.length > 0)).toBe(true);
      const viaSession = (await t.ok(`query($id: ID!) { node(id: $id) { ... on TrainingSession { enrolments { edges { node { personName person { id } } } } } } }`, { id: open }, as.enterprise(vis))).node.enrolments;
      expect(nodes(viaSession)[0]).toEqual({ personName: '王可见', person: { id: e.visWaiting.personId } });
      const byAdmin = await enrolmentsOf(as.national());
      expect(byAdmin).toHaveLength(mine.length);
      expect(byAdmin.every((x: any) => x.person !== null)).toBe(true);
    });

    it('Enterprise.trainingEnrolments lists its own requested, waitlisted and cancelled ones, newest first; null for another enterprise', async () => {
      const mine = await enrolmentsOf(as.enterprise(vis));
      expect(mine.map((x: any) => [x.id, x.status])).toEqual([
        [e.visRequested.id, 'REQUESTED'],
        [e.visCancelled.id, 'CANCELLED'],
        [e.visWaiting.id, 'WAITLISTED'],
      ]);
      const filtered = await enrolmentsOf(as.enterprise(vis), vis, ['CANCELLED', 'REQUESTED']);
      expect(filtered.map((x: any) => x.status)).toEqual(['REQUESTED', 'CANCELLED']);
      expect((await t.ok(ENTERPRISE, { id: toGlobalId('Enterprise', vis), st: [] }, as.enterprise(vis))).enterprise.trainingEnrolments).toEqual({ totalCount: 0, edges: [] });
      // The jurisdiction's bureau sees them too.
      expect(await enrolmentsOf(as.provincial('320000'))).toHaveLength(3);
      // Another enterprise sees the demonstration enterprise's public profile, without its enrolments.
      const other = (await t.ok(ENTERPRISE, { id: toGlobalId('Enterprise', ent.demo) }, as.enterprise(vis))).enterprise;
      expect(other).toEqual({ id: toGlobalId('Enterprise', ent.demo), trainingEnrolments: null });
      expect((await t.ok(ENTERPRISE, { id: toGlobalId('Enterprise', ent.demo) }, as.anonymous)).enterprise.trainingEnrolments).toBeNull();
    });
  });
});
