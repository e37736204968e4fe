/**
 * Training's lists are Relay connections (keyset pagination, totalCount): the catalogue's lists, a
 * session's roster, an enterprise's enrolments and training records. A roster pages and counts only
 * the enrolments the viewer may see; cursors of another ordering, malformed cursors and oversized
 * pages are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import { insertEnrolment, insertOrganization, insertPerson, insertProgram, insertSession } from '../../seeds/factories.js';

const ROSTER = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $st: [EnrolmentStatus!]) { node(id: $id) { ... on TrainingSession {
  enrolments(first: $first, after: $after, last: $last, before: $before, statuses: $st) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id personName } } } } } }`;
const ENTERPRISE = `query($id: ID!, $first: Int, $after: String, $recordsAfter: String, $year: Int) { enterprise(id: $id) {
  trainingEnrolments(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { personName session { startsOn } } } }
  trainingRecords(first: $first, after: $recordsAfter, year: $year) { totalCount pageInfo { hasNextPage endCursor } edges { node { personName year status } } } } }`;

const names = (connection: any) => connection.edges.map((e: any) => e.node.personName ?? e.node.title ?? e.node.name);
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

describe('training lists as connections', () => {
  let t: TestApp;
  let session: string;
  const ent = { a: '', b: '', c: '' };
  const person: Record<string, string> = {};
  let base: string;
  let otherBase: string;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    const em = t.orm.em;
    base = await insertOrganization(em, { name: '国家知识产权培训（江苏）基地', kind: 'TRAINING_BASE', regionCode: '320000' });
    otherBase = await insertOrganization(em, { name: '国家知识产权培训（广东）基地', kind: 'TRAINING_BASE', regionCode: '440000' });
    const program = await insertProgram(em, { title: '企业知识产权管理实务', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING', hostId: base });
    session = await insertSession(em, { programId: program, startsOn: '2026-12-10', endsOn: '2026-12-11', capacity: 4, registrationClosesOn: '2026-12-01', regionCode: '320000' });
    const y2025 = await insertSession(em, { programId: program, startsOn: '2025-06-10', endsOn: '2025-06-11', capacity: 30, registrationClosesOn: '2025-06-01', regionCode: '320000' });
    const y2026 = await insertSession(em, { programId: program, startsOn: '2026-06-10', endsOn: '2026-06-11', capacity: 30, registrationClosesOn: '2026-06-01', regionCode: '320000' });
    ent.a = (await makeEnterprise(em, randomFor(501), { regionCode: '320000' })).id;
    ent.b = (await makeEnterprise(em, randomFor(502), { regionCode: '320000' })).id;
    ent.c = (await makeEnterprise(em, randomFor(503), { regionCode: '440000' })).id;
    for (const [name, enterprise] of [['甲一', ent.a], ['乙一', ent.b], ['甲二', ent.a], ['丙一', ent.c], ['甲三', ent.a]] as const) {
      person[name] = await insertPerson(em, { name, employerEnterpriseId: enterprise, category: 'IP_MANAGER' });
    }
    // The roster, in order of request: 甲一, 乙一, 甲二, 丙一 booked, 甲三 waiting.
    const order = ['甲一', '乙一', '甲二', '丙一', '甲三'];
    for (const [i, name] of order.entries()) {
      await insertEnrolment(em, { sessionId: session, personId: person[name]!, statuses: [i < 4 ? 'BOOKED' : 'WAITLISTED'], priority: 'NONE', requestedAt: new Date(`2026-11-20T09:0${i}:00+08:00`), requestedBy: 'test' });
    }
    // Enterprise A's records: 甲一 completed in 2025, 甲二 completed and 甲三 attended in 2026.
    const past: [string, string, string, string][] = [
      ['甲一', y2025, 'COMPLETED', '2025-05-20'],
      ['甲二', y2026, 'COMPLETED', '2026-05-20'],
      ['甲三', y2026, 'ATTENDED', '2026-05-21'],
    ];
    for (const [name, sessionId, status, day] of past) {
      await insertEnrolment(em, { sessionId, personId: person[name]!, statuses: ['BOOKED', status], priority: 'NONE', requestedAt: new Date(`${day}T09:00:00+08:00`), requestedBy: 'test' });
    }
  });
  afterAll(() => t.close());

  const roster = async (vars: Record<string, unknown>, viewer: Viewer = as.national()) => (await t.ok(ROSTER, { id: toGlobalId('TrainingSession', session), ...vars }, viewer)).node.enrolments;

  describe('TrainingSession.enrolments', () => {
    it('pages forward and backward by time of request, with the total', async () => {
      const all = await roster({});
      expect(all.totalCount).toBe(5);
      expect(names(all)).toEqual(['甲一', '乙一', '甲二', '丙一', '甲三']);
      const first = await roster({ first: 2 });
      expect(names(first)).toEqual(['甲一', '乙一']);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(first.totalCount).toBe(5);
      const second = await roster({ first: 2, after: first.pageInfo.endCursor });
      expect(names(second)).toEqual(['甲二', '丙一']);
      expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const third = await roster({ first: 2, after: second.pageInfo.endCursor });
      expect(names(third)).toEqual(['甲三']);
      expect(third.pageInfo.hasNextPage).toBe(false);
      const last = await roster({ last: 2 });
      expect(names(last)).toEqual(['丙一', '甲三']);
      expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
      expect(names(await roster({ last: 2, before: last.pageInfo.startCursor }))).toEqual(['乙一', '甲二']);
      // The status filter counts too.
      const waiting = await roster({ st: ['WAITLISTED'] });
      expect([waiting.totalCount, names(waiting)]).toEqual([1, ['甲三']]);
      expect(await roster({ st: [] })).toMatchObject({ totalCount: 0, edges: [] });
    });

    it('pages and counts only what the viewer may see: its own staff, its jurisdiction’s people, its own enrolment; all for the host', async () => {
      const seen = async (viewer: Viewer) => {
        const list = await roster({}, viewer);
        return list && [list.totalCount, names(list)];
      };
      expect(await seen(as.enterprise(ent.a))).toEqual([3, ['甲一', '甲二', '甲三']]);
      expect(await seen(as.enterprise(ent.b))).toEqual([1, ['乙一']]);
      expect(await seen(as.provincial('440000'))).toEqual([1, ['丙一']]);
      expect(await seen(as.user('EXPERT', { personId: person['甲二']! }))).toEqual([1, ['甲二']]);
      expect(await seen(as.user('SERVICE_PROVIDER', { organizationId: otherBase }))).toEqual([0, []]);
      for (const host of [as.provincial('320000'), as.user('SERVICE_PROVIDER', { organizationId: base })]) expect(await seen(host)).toEqual([5, ['甲一', '乙一', '甲二', '丙一', '甲三']]);
      expect(await roster({}, as.anonymous)).toBeNull();
      // Paging within what the enterprise sees.
      const page = await roster({ first: 1 }, as.enterprise(ent.a));
      expect([names(page), page.pageInfo.hasNextPage, page.totalCount]).toEqual([['甲一'], true, 3]);
      const next = await roster({ first: 2, after: page.pageInfo.endCursor }, as.enterprise(ent.a));
      expect([names(next), next.pageInfo.hasNextPage]).toEqual([['甲二', '甲三'], false]);
    });

    it('refuses a malformed cursor, a cursor of another ordering, first with last, and a page over the maximum', async () => {
      const id = toGlobalId('TrainingSession', session);
      const gql = (vars: Record<string, unknown>) => t.gql(ROSTER, { id, ...vars });
      expect(code(await gql({ after: 'not-a-cursor' }))).toBe('BAD_USER_INPUT');
      const enterprisePage = (await t.ok(ENTERPRISE, { id: toGlobalId('Enterprise', ent.a), first: 1 })).enterprise.trainingEnrolments;
      expect(code(await gql({ after: enterprisePage.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
      expect(code(await gql({ first: 1, last: 1 }))).toBe('BAD_USER_INPUT');
      expect(code(await gql({ first: 101 }))).toBe('BAD_USER_INPUT');
    });
  });

  describe('Enterprise.trainingEnrolments and trainingRecords', () => {
    it('an enterprise’s enrolments newest first, and its records latest first, paged with totals', async () => {
      const id = toGlobalId('Enterprise', ent.a);
      const first = (await t.ok(ENTERPRISE, { id, first: 4 }, as.enterprise(ent.a))).enterprise;
      expect(first.trainingEnrolments.totalCount).toBe(6);
      expect(first.trainingEnrolments.edges.map((e: any) => [e.node.personName, e.node.session.startsOn])).toEqual([
        ['甲三', '2026-12-10'],
        ['甲二', '2026-12-10'],
        ['甲一', '2026-12-10'],
        ['甲三', '2026-06-10'],
      ]);
      expect(first.trainingEnrolments.pageInfo.hasNextPage).toBe(true);
      const rest = (await t.ok(ENTERPRISE, { id, first: 4, after: first.trainingEnrolments.pageInfo.endCursor }, as.enterprise(ent.a))).enterprise.trainingEnrolments;
      // A cursor of one list is refused by another (another ordering).
      expect(code(await t.gql(ENTERPRISE, { id, recordsAfter: first.trainingEnrolments.pageInfo.endCursor }))).toBe('BAD_USER_INPUT');
      expect(names(rest)).toEqual(['甲二', '甲一']);
      expect(rest.pageInfo.hasNextPage).toBe(false);

      expect(first.trainingRecords.totalCount).toBe(3);
      expect(first.trainingRecords.edges.map((e: any) => e.node.year)).toEqual([2026, 2026, 2025]);
      const y2026 = (await t.ok(ENTERPRISE, { id, first: 1, year: 2026 }, as.provincial('320000'))).enterprise.trainingRecords;
      expect([y2026.totalCount, y2026.edges.length, y2026.pageInfo.hasNextPage]).toEqual([2, 1, true]);
      const after = (await t.ok(ENTERPRISE, { id, first: 1, year: 2026, recordsAfter: y2026.pageInfo.endCursor }, as.provincial('320000'))).enterprise.trainingRecords;
      expect(names(after)).toHaveLength(1);
      expect(names(after)[0]).not.toBe(names(y2026)[0]);
      expect(after.pageInfo.hasNextPage).toBe(false);
      // Another enterprise and the public: null.
      expect((await t.ok(ENTERPRISE, { id }, as.enterprise(ent.b))).enterprise).toBeNull();
    });
  });

  describe('the catalogue’s lists', () => {
    /** Every node of a top-level connection, paged `size` at a time; checks totalCount on each page. */
    async function walk(field: string, selection: string, args = '', size = 1): Promise<string[]> {
      const out: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const data: any = await t.ok(`query($after: String) { list: ${field}(first: ${size}, after: $after${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${selection} } } } }`, { after }, as.anonymous);
        out.push(...names(data.list));
        expect(data.list.edges.length).toBeLessThanOrEqual(size);
        if (!data.list.pageInfo.hasNextPage) {
          expect(data.list.totalCount).toBe(out.length);
          return out;
        }
        after = data.list.pageInfo.endCursor;
      }
      throw new Error('did not end');
    }

    it('programs by title, textbooks by title, training bases by name, upcoming sessions by start date', async () => {
      for (const title of ['知识产权战略', '专利运营', '商标管理']) {
        await t.ok(`mutation($t: String!) { createTrainingProgram(input: { title: $t, tier: IP_MANAGER, format: BUSINESS_SEMINAR }) { program { id } } }`, { t: title });
        await t.ok(`mutation($t: String!) { createTrainingTextbook(input: { title: $t, edition: "第1版", editors: "编写组", publishedYear: 2026 }) { textbook { id } } }`, { t: title });
      }
      const programs = await walk('trainingPrograms', 'title');
      expect(programs).toHaveLength(4);
      expect(programs).toEqual([...programs].sort());
      expect(await walk('trainingPrograms', 'title', ', tiers: [SENIOR_EXECUTIVE]')).toEqual([]);
      const books = await walk('trainingTextbooks', 'title', '', 2);
      expect(books).toEqual([...books].sort());
      expect(books).toHaveLength(3);
      const bases = await walk('trainingBases', 'name');
      expect(bases).toEqual(['国家知识产权培训（广东）基地', '国家知识产权培训（江苏）基地'].sort());
      expect(await walk('trainingBases', 'name', ', regionCodes: ["440000"]')).toEqual(['国家知识产权培训（广东）基地']);
      const upcoming: any = await t.ok(`{ upcomingTrainingSessions(first: 1) { totalCount edges { node { startsOn } } } }`, undefined, as.anonymous);
      expect(upcoming.upcomingTrainingSessions).toEqual({ totalCount: 1, edges: [{ node: { startsOn: '2026-12-10' } }] });
    });
  });
});
