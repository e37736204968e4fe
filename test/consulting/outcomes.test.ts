/**
 * After a consulting session [D 四(三)二]: the team records, booking by booking, attendance and what
 * was diagnosed and advised; an attended consultation is a service record of type CONSULTATION for
 * the enterprise (kept on the booking, counted with the enterprise's services); the session is then
 * held; the enterprise rates the consultation once (1–5 with a comment), after it was recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { book, enterprise, GD, provider, RATE, RECORD, refusal, session, selectedTeam, teamMember, type TestEnterprise } from './steps.js';

const TERM_2026 = { year: 2026, from: '2026-03-01', to: '2027-02-28' };
const HISTORY = `query($id: ID!) { node(id: $id) { ... on ConsultingBooking { status rating serviceRecord { id type } history { operation actor } } } }`;
const RECORDS = `query($id: ID!) { node(id: $id) { ... on Enterprise { serviceRecords(first: 10) { totalCount edges { node { type servedOn } } } } } }`;

describe('consulting outcomes and ratings', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof selectedTeam>>;
  let other: Awaited<ReturnType<typeof selectedTeam>>;
  let lin: string;
  let huachuang: TestEnterprise;
  let yuehai: TestEnterprise;
  let s: any;
  let attended: any;
  let absent: any;
  let pending: any;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    team = await selectedTeam(t, GD, TERM_2026);
    other = await selectedTeam(t, GD, TERM_2026);
    lin = await teamMember(t, GD, team.id, '林志远', '2026-03-01');
    huachuang = await enterprise(t, GD, 2);
    yuehai = await enterprise(t, GD, 1);
    s = await session(t, team, '2026-07-01T14:30:00+08:00', { durationMinutes: 90 });
    attended = await book(t, huachuang, s.id, 0, '海外参展前如何排查侵权风险？');
    absent = await book(t, huachuang, s.id, 1);
    pending = await book(t, yuehai, s.id, 0);
  });
  afterAll(() => t.close());

  const outcome = (bookingId: string, extra: Record<string, unknown> = {}) => ({ input: { bookingId, attendance: 'ATTENDED', diagnosis: '展品涉及的 3 项外观设计未做海外布局', advice: '展前提交 PCT 申请并准备不侵权抗辩材料', deliveredByIds: [lin], ...extra } });

  it('SESSION_NOT_STARTED: nothing is recorded or rated before the session starts', async () => {
    expect(refusal(await t.gql(RECORD, outcome(attended.id), provider(team.id))).rule).toBe('SESSION_NOT_STARTED');
    expect(refusal(await t.gql(RATE, { input: { bookingId: attended.id, rating: 5 } }, as.enterprise(huachuang.id))).rule).toBe('OUTCOME_NOT_RECORDED');
  });

  it('the team records attendance and the diagnosis and advice: a CONSULTATION service record for the enterprise, dated the session\'s day; the session is held', async () => {
    t.setToday('2026-07-02');
    expect(refusal(await t.gql(RECORD, outcome(attended.id), as.enterprise(huachuang.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(RECORD, outcome(attended.id), as.provincial(GD))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(RECORD, outcome(attended.id), provider(other.id))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(RECORD, outcome(attended.id, { diagnosis: ' ', advice: null }), provider(team.id))).fields.map((f) => f.field)).toEqual(['diagnosis', 'advice']);
    expect(refusal(await t.gql(RECORD, outcome(attended.id, { deliveredByIds: [toGlobalId('Person', randomUUID())] }), provider(team.id))).fields.map((f) => f.field)).toEqual(['deliveredByIds.0']);

    const done = (await t.ok(RECORD, outcome(attended.id), provider(team.id))).recordConsultationOutcome;
    expect(done.booking).toMatchObject({ status: 'ATTENDED', diagnosis: '展品涉及的 3 项外观设计未做海外布局', advice: '展前提交 PCT 申请并准备不侵权抗辩材料', outcomeRecordedBy: 'test-service_provider', session: { id: s.id, status: 'HELD' } });
    expect(done.serviceRecord).toMatchObject({ type: 'CONSULTATION', servedOn: '2026-07-01', hours: 1.5, outcome: '展前提交 PCT 申请并准备不侵权抗辩材料', enterpriseName: huachuang.name, organization: { id: team.id }, deliveredBy: [{ name: '林志远' }] });
    expect(done.serviceRecord.summary).toContain('海外参展前如何排查侵权风险？');
    expect(refusal(await t.gql(RECORD, outcome(attended.id), provider(team.id))).code).toBe('CONFLICT');

    // A no-show leaves no service record; it carries no diagnosis.
    expect(refusal(await t.gql(RECORD, outcome(absent.id, { attendance: 'NO_SHOW' }), provider(team.id))).fields.map((f) => f.field)).toEqual(['attendance']);
    const noShow = (await t.ok(RECORD, { input: { bookingId: absent.id, attendance: 'NO_SHOW' } }, as.national())).recordConsultationOutcome;
    expect(noShow).toMatchObject({ booking: { status: 'NO_SHOW', diagnosis: null }, serviceRecord: null });

    // The record counts with the enterprise's services, for the enterprise and the team, not for another enterprise.
    expect((await t.ok(RECORDS, { id: huachuang.gid }, as.enterprise(huachuang.id))).node.serviceRecords).toMatchObject({ totalCount: 1, edges: [{ node: { type: 'CONSULTATION', servedOn: '2026-07-01' } }] });
    expect((await t.ok(`{ serviceRecords(first: 10, filter: { types: [CONSULTATION] }) { totalCount } }`, {}, provider(team.id))).serviceRecords.totalCount).toBe(1);
    expect((await t.ok(`{ serviceRecords(first: 10, filter: { types: [CONSULTATION] }) { totalCount } }`, {}, as.enterprise(yuehai.id))).serviceRecords.totalCount).toBe(0);
  });

  it('the enterprise rates an attended consultation once, 1–5 with a comment; not a no-show, not another enterprise\'s, not the team', async () => {
    expect(refusal(await t.gql(RATE, { input: { bookingId: attended.id, rating: 6 } }, as.enterprise(huachuang.id))).fields.map((f) => f.field)).toEqual(['rating']);
    expect(refusal(await t.gql(RATE, { input: { bookingId: attended.id, rating: 5 } }, as.enterprise(yuehai.id))).code).toBe('NOT_FOUND');
    expect(refusal(await t.gql(RATE, { input: { bookingId: attended.id, rating: 5 } }, provider(team.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(RATE, { input: { bookingId: absent.id, rating: 3 } }, as.enterprise(huachuang.id))).rule).toBe('OUTCOME_NOT_RECORDED');
    expect(refusal(await t.gql(RATE, { input: { bookingId: pending.id, rating: 3 } }, as.enterprise(yuehai.id))).rule).toBe('OUTCOME_NOT_RECORDED');
    const rated = (await t.ok(RATE, { input: { bookingId: attended.id, rating: 5, comment: '问题找得准，建议可操作' } }, as.enterprise(huachuang.id))).rateConsultation.booking;
    expect(rated).toMatchObject({ rating: 5, ratingComment: '问题找得准，建议可操作' });
    expect(refusal(await t.gql(RATE, { input: { bookingId: attended.id, rating: 1 } }, as.enterprise(huachuang.id))).code).toBe('CONFLICT');

    // The team sees the rating; the booking's history tells every step, by whom.
    const seen = (await t.ok(HISTORY, { id: attended.id }, provider(team.id))).node;
    expect(seen).toMatchObject({ status: 'ATTENDED', rating: 5, serviceRecord: { type: 'CONSULTATION' } });
    expect(seen.history).toEqual([
      { operation: 'bookConsultingSession', actor: 'test-enterprise_user' },
      { operation: 'recordConsultationOutcome', actor: 'test-service_provider' },
      { operation: 'rateConsultation', actor: 'test-enterprise_user' },
    ]);
  });
});
