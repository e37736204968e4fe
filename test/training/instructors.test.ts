/** Session instructors come from the faculty pool of the national faculty platform [D 四(四)一, 四(四)二]. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';
import { EmployerLevel, MembershipStatus, PoolMembership, TalentPool } from '../../src/modules/talent/pool-membership.entity.js';

describe('session instructors from the faculty pool', () => {
  let t: TestApp;
  let sessionId: string;
  const person: Record<string, string> = {};
  const SET = `mutation($input: SetSessionInstructorsInput!) { setSessionInstructors(input: $input) { session { id instructors { name employer pools } } } }`;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-01');
    const program = (await t.ok(`mutation { createTrainingProgram(input: { title: "知识产权管理", tier: IP_MANAGER, format: MANAGEMENT_TRAINING }) { program { id } } }`)).createTrainingProgram.program.id;
    sessionId = (
      await t.ok(`mutation($p: ID!) { createTrainingSession(input: { programId: $p, startsOn: "2026-12-10", endsOn: "2026-12-11", capacity: 30, registrationClosesOn: "2026-12-01", place: "南京", regionCode: "320000" }) { session { id } } }`, { p: program })
    ).createTrainingSession.session.id;
    // 王教授: faculty through 2027; 李老师: faculty term ends before the session; 赵专家: expert pool only.
    const members: [string, TalentPool, string, string][] = [
      ['王教授', TalentPool.FACULTY_POOL, '2026-01-01', '2027-12-31'],
      ['李老师', TalentPool.FACULTY_POOL, '2024-01-01', '2026-12-10'],
      ['赵专家', TalentPool.EXPERT_POOL, '2026-01-01', '2027-12-31'],
    ];
    const em = t.orm.em.fork();
    for (const [name, pool, termStart, termEnd] of members) {
      const id = await insertPerson(t.orm.em, { name, employer: '某大学', phone: '13900000000', category: 'OTHER' });
      em.create(PoolMembership, {
        person: id,
        pool,
        status: MembershipStatus.ADMITTED,
        employerLevel: EmployerLevel.NONE,
        reason: '教学经验丰富',
        nominatedBy: 'national-admin',
        nominatorRole: 'NATIONAL_ADMIN',
        nominatedAt: new Date(),
        termStart,
        termEnd,
      });
      person[name] = toGlobalId('Person', id);
    }
    await em.flush();
  });
  afterAll(() => t.close());

  it('lets the host set faculty-pool members in term for the whole session; the catalogue shows their public fields only', async () => {
    const set = await t.ok(SET, { input: { sessionId, personIds: [person['王教授']] } }, as.provincial('320000'));
    expect(set.setSessionInstructors.session).toEqual({ id: sessionId, instructors: [{ name: '王教授', employer: '某大学', pools: ['FACULTY_POOL'] }] });
    const catalogue = await t.ok(`{ upcomingTrainingSessions { edges { node { instructors { name } } } } }`, undefined, as.anonymous);
    expect(catalogue.upcomingTrainingSessions.edges[0].node.instructors).toEqual([{ name: '王教授' }]);
    // The public type has no personal fields at all.
    const leak = await t.gql(`{ upcomingTrainingSessions { edges { node { instructors { phone } } } } }`, undefined, as.anonymous);
    expect(leak.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses people outside the faculty pool or whose term does not cover the session, and stores nothing', async () => {
    for (const name of ['李老师', '赵专家']) {
      const res = await t.gql(SET, { input: { sessionId, personIds: [person['王教授'], person[name]] } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'FACULTY_POOL', names: [name] });
    }
    const res = await t.gql(SET, { input: { sessionId, personIds: [toGlobalId('Person', randomUUID())] } });
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await t.sql(`select count(*)::int as n from training_session_instructor`)).toEqual([{ n: 1 }]);
  });

  it('is for the host only', async () => {
    for (const viewer of [as.provincial('440000'), as.anonymous, as.user('ENTERPRISE_USER', { enterpriseId: randomUUID() })]) {
      const res = await t.gql(SET, { input: { sessionId, personIds: [] } }, viewer);
      expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(res.errors?.[0]?.extensions?.code);
    }
    expect(await t.sql(`select count(*)::int as n from training_session_instructor`)).toEqual([{ n: 1 }]);
  });

  it('answers a catalogue page in a fixed number of statements, however many sessions it lists', async () => {
    const Q = `{ upcomingTrainingSessions(first: 100) { edges { node { seatsLeft program { title } instructors { name pools } } } } }`;
    const few = await t.countQueries(() => t.ok(Q, undefined, as.anonymous));
    const program = (await t.ok(`mutation { createTrainingProgram(input: { title: "商业秘密保护", tier: IP_MANAGER, format: BUSINESS_SEMINAR }) { program { id } } }`)).createTrainingProgram.program.id;
    for (let i = 0; i < 8; i++) {
      const s = (await t.ok(`mutation($p: ID!) { createTrainingSession(input: { programId: $p, startsOn: "2026-12-20", endsOn: "2026-12-20", capacity: 10, registrationClosesOn: "2026-12-10", place: "无锡", regionCode: "320000" }) { session { id } } }`, { p: program })).createTrainingSession.session.id;
      await t.ok(SET, { input: { sessionId: s, personIds: [person['王教授']] } });
    }
    const many = await t.countQueries(() => t.ok(Q, undefined, as.anonymous));
    const listed = (many.result as any).upcomingTrainingSessions.edges.map((e: any) => e.node);
    expect(listed).toHaveLength(9);
    expect(listed.every((x: any) => (x.seatsLeft === 10 || x.seatsLeft === 30) && x.instructors.length === 1)).toBe(true);
    // The sessions, programs, booked seats, instructor links, people and their pools: one each.
    expect(many.queries.length).toBe(few.queries.length);
    expect(many.queries.length).toBeLessThanOrEqual(8);
  });

  it('replaces the list, and an empty list clears it', async () => {
    const cleared = await t.ok(SET, { input: { sessionId, personIds: [] } });
    expect(cleared.setSessionInstructors.session.instructors).toEqual([]);
    const tooMany = await t.gql(SET, { input: { sessionId, personIds: Array.from({ length: 21 }, () => toGlobalId('Person', randomUUID())) } });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
