/**
 * Booking consulting sessions [D 四(三)二] through GraphQL: an enterprise's user books a seat for a
 * person of its staff, with the questions the person brings; the programme's enterprises only
 * (NOT_PROGRAMME_ENTERPRISE), in the jurisdiction served or one below it (OUTSIDE_REGION_SERVED);
 * one booking per person and session (CONFLICT) and never more bookings than seats (SESSION_FULL),
 * both held by the database under concurrency; cancelled before the start; no booking after the
 * start or on a cancelled session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { BOOK, book, CANCEL_BOOKING, CANCEL_SESSION, enterprise, GD, JS, provider, refusal, session, selectedTeam, SZ, type TestEnterprise } from './steps.js';

const TERM_2026 = { year: 2026, from: '2026-03-01', to: '2027-02-28' };
const SEATS = `query($id: ID!) { node(id: $id) { ... on ConsultingSession { seatsLeft capacity } } }`;

describe('consulting bookings', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof selectedTeam>>;
  let huachuang: TestEnterprise;
  let yuehai: TestEnterprise;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    team = await selectedTeam(t, GD, TERM_2026);
    huachuang = await enterprise(t, GD, 8);
    yuehai = await enterprise(t, GD, 2, 'ADVANTAGE');
  });
  afterAll(() => t.close());

  const seatsLeft = async (id: string) => (await t.ok(SEATS, { id }, as.anonymous)).node.seatsLeft;

  it('an enterprise user books for its own staff, with the questions; nobody else books, and another enterprise\'s staff is not found', async () => {
    const s = await session(t, team, '2026-07-01T14:30:00+08:00');
    const b = await book(t, huachuang, s.id, 0, '  出口欧洲前如何排查专利侵权风险？ ');
    expect(b).toMatchObject({ status: 'BOOKED', questions: '出口欧洲前如何排查专利侵权风险？', enterpriseName: huachuang.name, session: { id: s.id, seatsLeft: 2 } });
    expect(b.personName).toMatch(/员工/);
    const input = { sessionId: s.id, personId: huachuang.staff[1], questions: '问题' };
    expect(refusal(await t.gql(BOOK, { input: { ...input, personId: yuehai.staff[0] } }, as.enterprise(huachuang.id))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(BOOK, { input }, provider(team.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(BOOK, { input }, as.provincial(GD))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(BOOK, { input }, as.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(refusal(await t.gql(BOOK, { input: { ...input, questions: ' ' } }, as.enterprise(huachuang.id))).fields.map((f) => f.field)).toEqual(['questions']);
    // An advantage enterprise is one of the programme's.
    expect((await book(t, yuehai, s.id, 0)).status).toBe('BOOKED');
  });

  it('NOT_PROGRAMME_ENTERPRISE and OUTSIDE_REGION_SERVED [D 四(三)二]: the programme\'s enterprises of the jurisdiction served (a province\'s includes its separately planned cities)', async () => {
    const s = await session(t, team, '2026-07-02T09:00:00+08:00');
    const plain = await enterprise(t, GD, 1, null);
    expect(refusal(await t.gql(BOOK, { input: { sessionId: s.id, personId: plain.staff[0], questions: '问题' } }, as.enterprise(plain.id)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'NOT_PROGRAMME_ENTERPRISE' });
    const jiangsu = await enterprise(t, JS, 1);
    expect(refusal(await t.gql(BOOK, { input: { sessionId: s.id, personId: jiangsu.staff[0], questions: '问题' } }, as.enterprise(jiangsu.id)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'OUTSIDE_REGION_SERVED' });
    const shenzhen = await enterprise(t, SZ, 1);
    expect((await book(t, shenzhen, s.id, 0)).status).toBe('BOOKED');
    // A Shenzhen session does not take Guangdong's enterprises.
    const szTeam = await selectedTeam(t, SZ, TERM_2026);
    const inShenzhen = await session(t, szTeam, '2026-07-02T09:00:00+08:00', { location: '深圳市' });
    expect(refusal(await t.gql(BOOK, { input: { sessionId: inShenzhen.id, personId: huachuang.staff[0], questions: '问题' } }, as.enterprise(huachuang.id))).rule).toBe('OUTSIDE_REGION_SERVED');
  });

  it('one booking per person and session (CONFLICT); no more bookings than seats (SESSION_FULL); a cancelled booking frees its seat and the person may book again', async () => {
    const s = await session(t, team, '2026-07-03T09:00:00+08:00', { capacity: 2 });
    const first = await book(t, huachuang, s.id, 0);
    expect(refusal(await t.gql(BOOK, { input: { sessionId: s.id, personId: huachuang.staff[0], questions: '再问一次' } }, as.enterprise(huachuang.id))).code).toBe('CONFLICT');
    await book(t, huachuang, s.id, 1);
    const full = refusal(await t.gql(BOOK, { input: { sessionId: s.id, personId: huachuang.staff[2], questions: '问题' } }, as.enterprise(huachuang.id)));
    expect(full).toMatchObject({ code: 'RULE_VIOLATION', rule: 'SESSION_FULL' });
    expect(await seatsLeft(s.id)).toBe(0);

    expect(refusal(await t.gql(CANCEL_BOOKING, { input: { id: first.id } }, as.enterprise(yuehai.id))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(CANCEL_BOOKING, { input: { id: first.id } }, provider(team.id))).code).toBe('FORBIDDEN');
    const cancelled = (await t.ok(CANCEL_BOOKING, { input: { id: first.id, reason: '人员出差' } }, as.enterprise(huachuang.id))).cancelConsultingBooking.booking;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: '人员出差', session: { seatsLeft: 1 } });
    expect(refusal(await t.gql(CANCEL_BOOKING, { input: { id: first.id } }, as.enterprise(huachuang.id))).code).toBe('CONFLICT');
    expect((await book(t, huachuang, s.id, 0, '改期后再来')).status).toBe('BOOKED');
    expect(await seatsLeft(s.id)).toBe(0);
  });

  it('SESSION_STARTED and SESSION_CANCELLED: no booking or cancellation once the session has started, no booking on a cancelled one; TEAM_NOT_SELECTED once the listing is revoked', async () => {
    const s = await session(t, team, '2026-07-04T09:00:00+08:00');
    const b = await book(t, huachuang, s.id, 0);
    t.setToday('2026-07-05');
    try {
      expect(refusal(await t.gql(BOOK, { input: { sessionId: s.id, personId: huachuang.staff[1], questions: '问题' } }, as.enterprise(huachuang.id))).rule).toBe('SESSION_STARTED');
      expect(refusal(await t.gql(CANCEL_BOOKING, { input: { id: b.id } }, as.enterprise(huachuang.id))).rule).toBe('SESSION_STARTED');
    } finally {
      t.setToday('2026-06-15');
    }
    const c = await session(t, team, '2026-07-06T09:00:00+08:00');
    await t.ok(CANCEL_SESSION, { input: { id: c.id, version: c.version, reason: '场地调整' } }, provider(team.id));
    expect(refusal(await t.gql(BOOK, { input: { sessionId: c.id, personId: huachuang.staff[1], questions: '问题' } }, as.enterprise(huachuang.id))).rule).toBe('SESSION_CANCELLED');

    const revoked = await selectedTeam(t, GD, TERM_2026);
    const r = await session(t, revoked, '2026-07-07T09:00:00+08:00');
    await t.ok(`mutation($input: RevokeTeamSelectionInput!) { revokeTeamSelection(input: $input) { selection { id } } }`, { input: { id: revoked.selectionId, version: revoked.selectionVersion, reason: '撤销' } }, as.provincial(GD));
    expect(refusal(await t.gql(BOOK, { input: { sessionId: r.id, personId: huachuang.staff[1], questions: '问题' } }, as.enterprise(huachuang.id))).rule).toBe('TEAM_NOT_SELECTED');
  });

  it('concurrent bookings for the last seat: exactly one gets it, the others SESSION_FULL, and the seats never exceed the capacity', async () => {
    const s = await session(t, team, '2026-07-08T09:00:00+08:00', { capacity: 3 });
    await book(t, huachuang, s.id, 0);
    await book(t, huachuang, s.id, 1);
    const results = await Promise.all([2, 3, 4, 5, 6, 7].map((i) => t.gql(BOOK, { input: { sessionId: s.id, personId: huachuang.staff[i], questions: '并发预约' } }, as.enterprise(huachuang.id))));
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => (r as GraphQLResult).errors![0]!.extensions!.rule)).toEqual(Array(5).fill('SESSION_FULL'));
    const [row] = await t.sql<{ seats_taken: number; live: number }>(`select seats_taken, (select count(*)::int from consulting_booking b where b.session_id = s.id and b.status <> 'CANCELLED') as live from consulting_session s where id = ?`, [keyOf(s.id)]);
    expect(row).toEqual({ seats_taken: 3, live: 3 });
  });

  it('a concurrent double booking: one booking, the others CONFLICT, one seat taken', async () => {
    const s = await session(t, team, '2026-07-09T09:00:00+08:00', { capacity: 10 });
    const results = await Promise.all(Array.from({ length: 5 }, () => t.gql(BOOK, { input: { sessionId: s.id, personId: huachuang.staff[0], questions: '重复提交' } }, as.enterprise(huachuang.id))));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors![0]!.extensions!.code)).toEqual(Array(4).fill('CONFLICT'));
    expect(await seatsLeft(s.id)).toBe(9);
    expect((await t.sql<{ n: number }>(`select count(*)::int as n from consulting_booking where session_id = ?`, [keyOf(s.id)]))[0]!.n).toBe(1);
  });
});

const keyOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]!;
