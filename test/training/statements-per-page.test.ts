/**
 * No query per row in training: a catalogue page with each session's program, instructors and
 * roster, and a page of enterprises with their staff's enrolments and training records, cost the
 * same number of SQL statements whatever the page size.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { insertEnrolment, insertPerson, insertProgram, insertSession } from '../../seeds/factories.js';

describe('training lists cost a fixed number of statements per page', () => {
  let t: TestApp;
  const SESSIONS = 8;
  const ENTERPRISES = 6;

  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    const em = t.orm.em;
    const program = await insertProgram(em, { title: '企业知识产权管理实务', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING' });
    const past = await insertSession(em, { programId: program, startsOn: '2026-06-10', endsOn: '2026-06-11', capacity: 50, registrationClosesOn: '2026-06-01', regionCode: '320000' });
    const teachers = [await insertPerson(em, { name: '王教授', category: 'OTHER' }), await insertPerson(em, { name: '李老师', category: 'OTHER' })];
    const upcoming: string[] = [];
    for (let i = 0; i < SESSIONS; i++) {
      upcoming.push(
        await insertSession(em, { programId: program, startsOn: `2026-12-${10 + i}`, endsOn: `2026-12-${10 + i}`, capacity: 30, registrationClosesOn: '2026-12-05', regionCode: '320000', instructorIds: teachers }),
      );
    }
    // Each enterprise: two staff, one enrolled in an upcoming session, one who completed the past one.
    for (let i = 0; i < ENTERPRISES; i++) {
      const e = await makeEnterprise(em, randomFor(300 + i), { regionCode: '320000' });
      const booked = await insertPerson(em, { name: `学员甲${i}`, employerEnterpriseId: e.id, category: 'IP_MANAGER' });
      const trained = await insertPerson(em, { name: `学员乙${i}`, employerEnterpriseId: e.id, category: 'IP_MANAGER' });
      const at = new Date(`2026-11-0${1 + i}T09:00:00+08:00`);
      await insertEnrolment(em, { sessionId: upcoming[i % SESSIONS]!, personId: booked, statuses: ['BOOKED'], priority: 'NONE', requestedAt: at, requestedBy: 'test' });
      await insertEnrolment(em, { sessionId: past, personId: trained, statuses: ['BOOKED', 'COMPLETED'], priority: 'NONE', requestedAt: new Date('2026-05-20T09:00:00+08:00'), requestedBy: 'test' });
    }
  });
  afterAll(() => t.close());

  it('upcomingTrainingSessions with programs, instructors, rosters (and their totals)', async () => {
    const Q = `query($n: Int!) { upcomingTrainingSessions(first: $n) { totalCount edges { node { id seatsLeft program { title textbooks { title } host { name } }
      instructors { name pools } enrolments { totalCount edges { node { personName status session { startsOn } } } } } } } }`;
    const two = await t.countQueries(() => t.ok(Q, { n: 2 }));
    const all = await t.countQueries(() => t.ok(Q, { n: SESSIONS }));
    const sessions = (all.result as any).upcomingTrainingSessions;
    expect(sessions.totalCount).toBe(SESSIONS);
    expect(sessions.edges).toHaveLength(SESSIONS);
    expect(sessions.edges.filter((e: any) => e.node.enrolments.edges.length === 1 && e.node.enrolments.totalCount === 1)).toHaveLength(ENTERPRISES);
    expect(sessions.edges.every((e: any) => e.node.instructors.length === 2)).toBe(true);
    expect(all.queries.length).toBe(two.queries.length);
    // The sessions and their count, programs, textbook links, booked seats, instructor links, people
    // and pools, roster pages, enrolments, roster counts, people, sessions: one statement each at most.
    expect(all.queries.length).toBeLessThanOrEqual(14);
  });

  it('a page of enterprises with their staff’s enrolments and training records (and their totals)', async () => {
    const Q = `query($n: Int!) { enterprises(first: $n) { edges { node { id
      trainingEnrolments { totalCount edges { node { status personName session { startsOn } } } }
      trainingRecords { totalCount edges { node { year personName programTitle certificateNumber } } } } } } }`;
    const two = await t.countQueries(() => t.ok(Q, { n: 2 }));
    const six = await t.countQueries(() => t.ok(Q, { n: ENTERPRISES }));
    const edges = (six.result as any).enterprises.edges;
    expect(edges).toHaveLength(ENTERPRISES);
    expect(edges.every((e: any) => e.node.trainingEnrolments.totalCount === 2 && e.node.trainingEnrolments.edges.length === 2)).toBe(true);
    expect(edges.every((e: any) => e.node.trainingRecords.totalCount === 1 && e.node.trainingRecords.edges[0].node.year === 2026)).toBe(true);
    expect(six.queries.length).toBe(two.queries.length);
  });

  it('the same for a viewer whose enrolments are restricted (a provincial admin: visibility in the same statements)', async () => {
    const Q = `query($n: Int!) { upcomingTrainingSessions(first: $n) { edges { node { enrolments { totalCount edges { node { personName } } } } } } }`;
    const two = await t.countQueries(() => t.ok(Q, { n: 2 }, as.provincial('320000')));
    const all = await t.countQueries(() => t.ok(Q, { n: SESSIONS }, as.provincial('320000')));
    expect((all.result as any).upcomingTrainingSessions.edges.filter((e: any) => e.node.enrolments.totalCount === 1)).toHaveLength(ENTERPRISES);
    expect(all.queries.length).toBe(two.queries.length);
  });
});
