/** Attendance per day, completion by the attendance rule (a setting), certificates anyone can verify — and a forged number verifies as nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';

const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { day presentCount absentCount } }`;
const COMPLETE = `mutation($s: ID!) { completeTrainingSession(input: { sessionId: $s }) {
  completed attended noShows session { id enrolments(first: 100) { totalCount edges { node { status personName certificate { number holderName } } } } } } }`;

describe('attendance, completion and certificates', () => {
  let t: TestApp;
  let sessionId: string;
  const people: string[] = [];
  let enterprise: string;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-11-01');
    enterprise = (await makeEnterprise(t.orm.em, randomFor(4), { regionCode: '320000' })).id;
    const program = (await t.ok(`mutation { createTrainingProgram(input: { title: "专利导航实务", tier: IP_PRACTITIONER, format: INDUSTRY_PRACTICE }) { program { id } } }`)).createTrainingProgram.program.id;
    sessionId = (
      await t.ok(
        `mutation($p: ID!) { createTrainingSession(input: { programId: $p, startsOn: "2026-11-10", endsOn: "2026-11-14", capacity: 5, registrationClosesOn: "2026-11-05", place: "苏州", regionCode: "320000" }) { session { id } } }`,
        { p: program },
      )
    ).createTrainingSession.session.id;
    for (const name of ['全勤', '四天', '三天', '缺席']) {
      const id = await insertPerson(t.orm.em, { name, employerEnterpriseId: enterprise, category: 'IP_PRACTITIONER' });
      people.push(toGlobalId('Person', id));
      await t.ok(`mutation($s: ID!, $p: ID!) { enrol(input: { sessionId: $s, personId: $p }) { enrolment { status } } }`, { s: sessionId, p: toGlobalId('Person', id) }, as.enterprise(enterprise));
    }
  });
  afterAll(() => t.close());

  it('completes those present on at least 80 % of the days, with a certificate anyone can verify', async () => {
    t.setToday('2026-11-14');
    const days = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14'];
    // 全勤: 5 days; 四天: 4 (80 %); 三天: 3 (60 %); 缺席: 0.
    for (const [i, day] of days.entries()) {
      const present = [people[0]!, ...(i < 4 ? [people[1]!] : []), ...(i < 3 ? [people[2]!] : [])];
      const recorded = await t.ok(ATTEND, { input: { sessionId, day, presentPersonIds: present } });
      expect(recorded.recordAttendance).toEqual({ day, presentCount: present.length, absentCount: 4 - present.length });
    }
    expect((await t.gql(COMPLETE, { s: sessionId })).errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SESSION_NOT_OVER' });
    t.setToday('2026-11-15');
    const done = (await t.ok(COMPLETE, { s: sessionId })).completeTrainingSession;
    expect(done).toMatchObject({ completed: 2, attended: 1, noShows: 1, session: { id: sessionId, enrolments: { totalCount: 4 } } });
    const enrolments = done.session.enrolments.edges.map((e: any) => e.node);
    expect(enrolments.map((e: any) => e.status).sort()).toEqual(['ATTENDED', 'COMPLETED', 'COMPLETED', 'NO_SHOW']);
    const certs = enrolments.filter((e: any) => e.certificate).map((e: any) => e.certificate);
    expect(certs.map((c: any) => c.holderName).sort()).toEqual(['全勤', '四天'].sort());
    expect(new Set(certs.map((c: any) => c.number)).size).toBe(2);
    const verified = await t.ok(`query($n: String!) { verifyCertificate(number: $n) { number holderName programTitle tier startsOn endsOn issuedOn } }`, { n: certs[0].number.toLowerCase() }, as.anonymous);
    expect(verified.verifyCertificate).toMatchObject({ number: certs[0].number, programTitle: '专利导航实务', tier: 'IP_PRACTITIONER', startsOn: '2026-11-10', endsOn: '2026-11-14', issuedOn: '2026-11-15' });
    // A forged or mistyped number verifies as nothing.
    const forged = certs[0].number.slice(0, -1) + (certs[0].number.endsWith('Z') ? 'Y' : 'Z');
    expect((await t.ok(`query($n: String!) { verifyCertificate(number: $n) { number } }`, { n: forged }, as.anonymous)).verifyCertificate).toBeNull();
    expect((await t.ok(`{ verifyCertificate(number: "not a number") { number } }`, undefined, as.anonymous)).verifyCertificate).toBeNull();
    // The enterprise's training records: who was trained, in which tier, which year.
    const records = await t.ok(`query($id: ID!) { enterprise(id: $id) { trainingRecords(year: 2026) { totalCount edges { node { personName tier year status certificateNumber } } } } }`, { id: toGlobalId('Enterprise', enterprise) }, as.enterprise(enterprise));
    expect(records.enterprise.trainingRecords.totalCount).toBe(3);
    expect(records.enterprise.trainingRecords.edges.map(({ node: r }: any) => [r.personName, r.tier, r.year, r.status, !!r.certificateNumber]).sort()).toEqual(
      [
        ['全勤', 'IP_PRACTITIONER', 2026, 'COMPLETED', true],
        ['四天', 'IP_PRACTITIONER', 2026, 'COMPLETED', true],
        ['三天', 'IP_PRACTITIONER', 2026, 'ATTENDED', false],
      ].sort(),
    );
  });

  it('sums up the year by tier for dashboards: sessions, seats, participants, completions, no-shows (public totals only)', async () => {
    const Q = `query($y: Int!, $r: [RegionCode!]) { trainingSummary(year: $y, regionCodes: $r) { tier sessions seats participants completed noShows completedFromDemonstration completedFromAdvantage } }`;
    const rows = (await t.ok(Q, { y: 2026, r: ['320000'] }, as.anonymous)).trainingSummary;
    expect(rows.map((r: any) => r.tier)).toEqual(['SENIOR_EXECUTIVE', 'IP_MANAGER', 'IP_PRACTITIONER']);
    expect(rows[2]).toEqual({ tier: 'IP_PRACTITIONER', sessions: 1, seats: 5, participants: 4, completed: 2, noShows: 1, completedFromDemonstration: 0, completedFromAdvantage: 0 });
    expect(rows[0]).toMatchObject({ sessions: 0, participants: 0 });
    expect((await t.ok(Q, { y: 2026, r: ['440000'] })).trainingSummary[2]).toMatchObject({ sessions: 0, completed: 0 });
    expect((await t.ok(Q, { y: 2025 })).trainingSummary[2]).toMatchObject({ sessions: 0, completed: 0 });
    expect((await t.gql(Q, { y: 1999 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('only the host records attendance, and only of booked people on session days', async () => {
    const input = { sessionId, day: '2026-11-10', presentPersonIds: [people[0]] };
    expect((await t.gql(ATTEND, { input }, as.provincial('440000'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(ATTEND, { input: { ...input, day: '2026-11-20' } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
