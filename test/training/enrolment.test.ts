/**
 * Tiered training [D 四(四)二, A 四(四)]: formats by tier (R19), the tier matching the person's
 * category, capacity never exceeded under concurrency, waitlist promotion with demonstration, then
 * advantage enterprises first, and a history of every change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';

const PROGRAM = `mutation($input: CreateTrainingProgramInput!) { createTrainingProgram(input: $input) { program { id tier format } } }`;
const SESSION = `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { session { id capacity seatsLeft } } }`;
const ENROL = `mutation($input: EnrolInput!) { enrol(input: $input) { enrolment { id status priority } } }`;
const CANCEL = `mutation($input: CancelEnrolmentInput!) { cancelEnrolment(input: $input) { enrolment { status history { status by } } promoted { id status priority history { status by note } } } }`;

describe('training enrolment', () => {
  let t: TestApp;
  const rng = randomFor(999);
  let program: string;
  const enterprises: Record<string, string> = {};
  beforeAll(async () => {
    // 50 simultaneous enrolments queue for one session's lock: on a loaded machine the last ones may
    // wait longer than the serving limits (5 s for a connection or a lock), which this test is not about.
    t = await createTestApp({ dbAcquireTimeoutMs: 120_000, dbLockTimeoutMs: 120_000 });
    t.setToday('2026-11-22');
    for (const [key, level] of [['demo', 'DEMONSTRATION'], ['adv', 'ADVANTAGE'], ['plain', null]] as const) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: '320000' });
      enterprises[key] = e.id;
      if (level) await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
    }
    program = (await t.ok(PROGRAM, { input: { title: '企业知识产权管理实务培训', tier: 'IP_MANAGER', format: 'MANAGEMENT_TRAINING', topics: ['战略规划'] } })).createTrainingProgram.program.id;
  });
  afterAll(() => t.close());

  let serial = 0;
  async function person(employer: string, category: 'IP_MANAGER' | 'SENIOR_EXECUTIVE' = 'IP_MANAGER') {
    return toGlobalId('Person', await insertPerson(t.orm.em, { name: `学员${++serial}`, employerEnterpriseId: employer, category }));
  }
  const session = async (capacity: number) =>
    (await t.ok(SESSION, { input: { programId: program, startsOn: '2026-12-10', endsOn: '2026-12-11', capacity, registrationClosesOn: '2026-12-01', place: '南京' } })).createTrainingSession.session.id as string;

  it('the public catalogue lists upcoming sessions, filterable by tier, region, online and open seats', async () => {
    const s = await session(1);
    const Q = `query($f: TrainingCatalogueFilter) { upcomingTrainingSessions(filter: $f, first: 100) { totalCount edges { node { id seatsLeft } } } }`;
    const ids = async (f: Record<string, unknown>) => (await t.ok(Q, { f }, as.anonymous)).upcomingTrainingSessions.edges.map((x: any) => x.node.id);
    expect(await ids({ tiers: ['IP_MANAGER'] })).toContain(s);
    expect((await t.ok(Q, { f: { tiers: ['SENIOR_EXECUTIVE'] } }, as.anonymous)).upcomingTrainingSessions).toEqual({ totalCount: 0, edges: [] });
    expect(await ids({ online: true })).toEqual([]);
    await t.ok(ENROL, { input: { sessionId: s, personId: await person(enterprises.plain!) } }, as.enterprise(enterprises.plain!));
    expect(await ids({ withOpenSeats: true })).not.toContain(s);
  });

  it('D 四(四)二 (R19): a program’s format must be one of its tier’s', async () => {
    const wrong = await t.gql(PROGRAM, { input: { title: '错配', tier: 'SENIOR_EXECUTIVE', format: 'STUDY_VISIT' } });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R19', allowed: ['MANAGER_FORUM', 'ONLINE_COURSE'] });
  });

  it('D 四(四)二 (R19): only people of the matching category may enrol', async () => {
    const s = await session(5);
    const exec = await person(enterprises.plain!, 'SENIOR_EXECUTIVE');
    const result = await t.gql(ENROL, { input: { sessionId: s, personId: exec } }, as.enterprise(enterprises.plain!));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R19', tier: 'IP_MANAGER', category: 'SENIOR_EXECUTIVE' });
    // And an enterprise enrols only its own staff.
    const other = await person(enterprises.demo!);
    expect((await t.gql(ENROL, { input: { sessionId: s, personId: other } }, as.enterprise(enterprises.plain!))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('enrols only within the registration window, both ends included', async () => {
    const input = { programId: program, startsOn: '2026-12-20', endsOn: '2026-12-20', capacity: 5, registrationOpensOn: '2026-11-25', registrationClosesOn: '2026-12-05', place: '南京' };
    const before = await t.sql<{ n: number }>('select count(*)::int as n from training_session');
    const wrong = await t.gql(SESSION, { input: { ...input, registrationOpensOn: '2026-12-06' } });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'registrationOpensOn' }] });
    expect(await t.sql('select count(*)::int as n from training_session')).toEqual(before);
    const s = (await t.ok(SESSION, { input })).createTrainingSession.session.id as string;
    const enrol = async () => t.gql(ENROL, { input: { sessionId: s, personId: await person(enterprises.plain!) } }, as.enterprise(enterprises.plain!));
    try {
      t.setToday('2026-11-24');
      expect((await enrol()).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'REGISTRATION_NOT_OPEN', opensOn: '2026-11-25' });
      t.setToday('2026-11-25');
      expect((await enrol()).data?.enrol.enrolment.status).toBe('BOOKED');
      t.setToday('2026-12-05');
      expect((await enrol()).data?.enrol.enrolment.status).toBe('BOOKED');
      t.setToday('2026-12-06');
      expect((await enrol()).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'REGISTRATION_CLOSED', closesOn: '2026-12-05' });
      expect(await t.sql(`select count(*)::int as n from enrolment where session_id = ?`, [fromGlobalId(s)!.key])).toEqual([{ n: 2 }]);
    } finally {
      t.setToday('2026-11-22');
    }
  });

  it('50 simultaneous enrolments into 10 seats: exactly 10 booked, the rest waitlisted', async () => {
    const s = await session(10);
    const people = await Promise.all(Array.from({ length: 50 }, () => person(enterprises.plain!)));
    const results = await Promise.all(people.map((p) => t.gql(ENROL, { input: { sessionId: s, personId: p } }, as.enterprise(enterprises.plain!))));
    expect(results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code ?? e.message)).toEqual([]);
    const statuses = results.map((r) => r.data!.enrol.enrolment.status);
    expect(statuses.filter((x) => x === 'BOOKED')).toHaveLength(10);
    expect(statuses.filter((x) => x === 'WAITLISTED')).toHaveLength(40);
    const [row] = await t.sql<{ n: number }>(`select count(*)::int as n from enrolment where session_id = ? and status = 'BOOKED'`, [fromGlobalId(s)!.key]);
    expect(row!.n).toBe(10);
  });

  it('a cancelled seat goes to the first waiting person: demonstration, then advantage enterprises, then by time', async () => {
    const s = await session(1);
    const first = (await t.ok(ENROL, { input: { sessionId: s, personId: await person(enterprises.plain!) } }, as.enterprise(enterprises.plain!))).enrol.enrolment;
    const plain = (await t.ok(ENROL, { input: { sessionId: s, personId: await person(enterprises.plain!) } }, as.enterprise(enterprises.plain!))).enrol.enrolment;
    const adv = (await t.ok(ENROL, { input: { sessionId: s, personId: await person(enterprises.adv!) } }, as.enterprise(enterprises.adv!))).enrol.enrolment;
    const demo = (await t.ok(ENROL, { input: { sessionId: s, personId: await person(enterprises.demo!) } }, as.enterprise(enterprises.demo!))).enrol.enrolment;
    expect([first.status, plain.status, adv.status, demo.status]).toEqual(['BOOKED', 'WAITLISTED', 'WAITLISTED', 'WAITLISTED']);
    expect([plain.priority, adv.priority, demo.priority]).toEqual(['NONE', 'ADVANTAGE', 'DEMONSTRATION']);
    const cancelled = (await t.ok(CANCEL, { input: { id: first.id, note: '工作冲突' } }, as.enterprise(enterprises.plain!))).cancelEnrolment;
    expect(cancelled.enrolment.history.map((h: any) => h.status)).toEqual(['BOOKED', 'CANCELLED']);
    // The person promoted works at another enterprise: the canceller is not shown who it is.
    expect(cancelled.promoted).toBeNull();
    const NODE = `query($id: ID!) { node(id: $id) { ... on Enrolment { id status history { status by note } } } }`;
    expect((await t.ok(NODE, { id: demo.id })).node).toMatchObject({ id: demo.id, status: 'BOOKED', history: [{ status: 'WAITLISTED' }, { status: 'BOOKED', by: 'system', note: '候补递补' }] });
    // Whoever may see the promoted enrolment (here the national admin) gets it in the payload.
    const next = (await t.ok(CANCEL, { input: { id: demo.id } })).cancelEnrolment;
    expect(next.promoted.id).toBe(adv.id);
  });
});
