/**
 * Enrolment edge cases [D 四(四)二]: the priority is the employer's title on the day of each
 * (re-)enrolment; a session needing approval closes registration before it starts and takes no
 * approvals once over; anonymous callers learn nothing about ids; long texts and concurrent
 * duplicates are coded errors, not server errors. (Rosters and records cost a fixed number of
 * statements: statements-per-page.test.ts.)
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';

const SESSION = `mutation($input: CreateTrainingSessionInput!) { createTrainingSession(input: $input) { session { id } } }`;
const ENROL = `mutation($input: EnrolInput!) { enrol(input: $input) { enrolment { id status priority } } }`;
const CANCEL = `mutation($input: CancelEnrolmentInput!) { cancelEnrolment(input: $input) { enrolment { status } } }`;
const REVIEW = `mutation($input: ReviewEnrolmentInput!) { reviewEnrolment(input: $input) { enrolment { status } } }`;

describe('enrolment hardening', () => {
  let t: TestApp;
  let program: string;
  let enterprise: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-22');
    const e = await makeEnterprise(t.orm.em, randomFor(77), { regionCode: '320000' });
    enterprise = e.id;
    // A demonstration enterprise until 2026-11-25 (its round ends early, e.g. revoked).
    await makeDesignation(t.orm.em, e, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2023, validFrom: '2023-11-26', validUntil: '2026-11-25' });
    program = (await t.ok(`mutation { createTrainingProgram(input: { title: "专利挖掘实务", tier: IP_PRACTITIONER, format: INDUSTRY_PRACTICE }) { program { id } } }`)).createTrainingProgram.program.id;
  });
  afterAll(() => t.close());

  let serial = 0;
  async function person() {
    return toGlobalId('Person', await insertPerson(t.orm.em, { name: `学员${++serial}`, employerEnterpriseId: enterprise, category: 'IP_PRACTITIONER' }));
  }
  const session = async (extra: Record<string, unknown> = {}) =>
    (await t.ok(SESSION, { input: { programId: program, startsOn: '2026-12-20', endsOn: '2026-12-21', capacity: 5, registrationClosesOn: '2026-12-10', place: '苏州', regionCode: '320000', ...extra } })).createTrainingSession.session.id as string;

  it('D 四(四)二: a re-enrolment after a cancellation takes the employer’s title on the new day', async () => {
    try {
      const s = await session();
      const p = await person();
      const first = (await t.ok(ENROL, { input: { sessionId: s, personId: p } }, as.enterprise(enterprise))).enrol.enrolment;
      expect(first.priority).toBe('DEMONSTRATION');
      await t.ok(CANCEL, { input: { id: first.id } }, as.enterprise(enterprise));
      t.setToday('2026-11-28');
      const again = (await t.ok(ENROL, { input: { sessionId: s, personId: p } }, as.enterprise(enterprise))).enrol.enrolment;
      expect(again).toMatchObject({ id: first.id, priority: 'NONE', status: 'BOOKED' });
    } finally {
      t.setToday('2026-11-22');
    }
  });

  it('a session needing approval must close registration before its first day, and takes no approvals once over', async () => {
    const bad = await t.gql(SESSION, { input: { programId: program, startsOn: '2026-12-20', endsOn: '2026-12-20', capacity: 5, registrationClosesOn: '2026-12-20', place: '苏州', approvalRequired: true } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'registrationClosesOn' }] });
    const s = await session({ approvalRequired: true });
    const e = (await t.ok(ENROL, { input: { sessionId: s, personId: await person() } }, as.enterprise(enterprise))).enrol.enrolment;
    expect(e.status).toBe('REQUESTED');
    try {
      t.setToday('2026-12-22');
      expect((await t.gql(REVIEW, { input: { id: e.id, approve: true } })).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SESSION_OVER' });
      expect(await t.sql(`select status from enrolment where id = ?`, [fromGlobalId(e.id)!.key])).toEqual([{ status: 'REQUESTED' }]);
    } finally {
      t.setToday('2026-11-22');
    }
  });

  it('answers anonymous callers UNAUTHENTICATED whether or not the id exists', async () => {
    const s = await session({ approvalRequired: true });
    const e = (await t.ok(ENROL, { input: { sessionId: s, personId: await person() } }, as.enterprise(enterprise))).enrol.enrolment;
    const unknown = toGlobalId('Enrolment', randomUUID());
    for (const id of [e.id, unknown]) {
      expect((await t.gql(REVIEW, { input: { id, approve: true } }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(CANCEL, { input: { id } }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    for (const sessionId of [s, toGlobalId('TrainingSession', randomUUID())]) {
      expect((await t.gql(`mutation($s: ID!) { allocateSessionSeats(input: { sessionId: $s }) { session { id } } }`, { s: sessionId }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses over-long texts with BAD_USER_INPUT and stores nothing', async () => {
    const long = (n: number) => '长'.repeat(n);
    const base = await t.gql(`mutation($i: CreateTrainingBaseInput!) { createTrainingBase(input: $i) { base { id } } }`, { i: { name: '某培训基地', regionCode: '320000', contactPhone: long(51) } });
    expect(base.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'contactPhone' }] });
    const book = await t.gql(`mutation($i: CreateTrainingTextbookInput!) { createTrainingTextbook(input: $i) { textbook { id } } }`, { i: { title: '某教材', edition: '第1版', editors: '编者', publishedYear: 2026, publisher: long(201) } });
    expect(book.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'publisher' }] });
    const place = await t.gql(SESSION, { input: { programId: program, startsOn: '2026-12-20', endsOn: '2026-12-20', capacity: 5, registrationClosesOn: '2026-12-10', place: long(201) } });
    expect(place.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'place' }] });
    expect(await t.sql(`select (select count(*)::int from service_organization where name = '某培训基地') as bases, (select count(*)::int from training_textbook where title = '某教材') as books`)).toEqual([{ bases: 0, books: 0 }]);
  });

  it('stores one of several simultaneous identical registrations and answers the others CONFLICT', async () => {
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => t.gql(`mutation { createTrainingBase(input: { name: "国家知识产权培训（测试）基地", regionCode: "320000" }) { base { id } } }`)),
      ...Array.from({ length: 5 }, () => t.gql(`mutation { createTrainingTextbook(input: { title: "并发教材", edition: "第1版", editors: "编者", publishedYear: 2026 }) { textbook { id } } }`)),
    ]);
    const codes = results.map((r) => (r.errors ? r.errors[0]?.extensions?.code : 'OK'));
    expect(codes.slice(0, 5).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(codes.slice(5).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    expect(await t.sql(`select (select count(*)::int from service_organization where name = '国家知识产权培训（测试）基地') as bases, (select count(*)::int from training_textbook where title = '并发教材') as books`)).toEqual([{ bases: 1, books: 1 }]);
  });
});
