/**
 * Probes of a second hostile review (kept as regression tests; the defects they found are fixed): consulting sessions (docs/consulting.md): error codes per role, anonymous
 * mutations, and the planned city's bookings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { book, BOOK, CANCEL_BOOKING, enterprise, GD, provider, RATE, RECORD, session, selectedTeam, SZ, teamMember } from '../consulting/steps.js';

const TERM = { year: 2026, from: '2026-03-01', to: '2027-02-28' };
const NODE = `query($id: ID!) { node(id: $id) { id ... on ConsultingBooking { personName questions } } }`;
const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code ?? 'OK';

describe('review2: consulting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
  });
  afterAll(() => t.close());

  it('refusals per role — visible bookings outside scope FORBIDDEN, invisible NOT_FOUND, anonymous UNAUTHENTICATED; Shenzhen bookings hidden from Guangdong', async () => {
    const team = await selectedTeam(t, GD, TERM);
    const otherTeam = await selectedTeam(t, GD, TERM);
    const member = await teamMember(t, GD, team.id, '问诊员');
    const gd = await enterprise(t, GD, 1);
    const sz = await enterprise(t, SZ, 1);
    const other = await enterprise(t, GD, 1);
    const s = await session(t, team, '2026-07-01T14:30:00+08:00');
    const b = await book(t, gd, s.id);
    const bs = await book(t, sz, s.id);
    const cancel = (viewer: Parameters<TestApp['gql']>[2]) => t.gql(CANCEL_BOOKING, { input: { id: b.id, reason: '测试' } }, viewer);
    expect({
      anonymousBook: code(await t.gql(BOOK, { input: { sessionId: s.id, personId: gd.staff[0], questions: '问' } }, as.anonymous)),
      anonymousCancel: code(await cancel(as.anonymous)),
      anonymousRate: code(await t.gql(RATE, { input: { bookingId: b.id, rating: 5 } }, as.anonymous)),
      otherEnterpriseCancel: code(await cancel(as.enterprise(other.id))),
      otherTeamCancel: code(await cancel(provider(otherTeam.id))),
      teamCancel: code(await cancel(provider(team.id))),
      bureauCancel: code(await cancel(as.provincial(GD))),
      shenzhenBureauCancel: code(await cancel(as.provincial(SZ))),
    }).toEqual({
      anonymousBook: 'UNAUTHENTICATED',
      anonymousCancel: 'UNAUTHENTICATED',
      anonymousRate: 'UNAUTHENTICATED',
      otherEnterpriseCancel: 'NOT_FOUND',
      // Roles that never cancel a booking are refused up front, whatever the id (reveals nothing).
      otherTeamCancel: 'FORBIDDEN',
      teamCancel: 'FORBIDDEN',
      bureauCancel: 'FORBIDDEN',
      shenzhenBureauCancel: 'FORBIDDEN',
    });
    expect((await t.ok(NODE, { id: bs.id }, as.provincial(GD))).node).toBeNull();
    expect((await t.ok(NODE, { id: bs.id }, as.provincial(SZ))).node).not.toBeNull();
    t.setToday('2026-07-02');
    try {
      const input = { bookingId: b.id, attendance: 'ATTENDED', diagnosis: '诊断', advice: '建议', deliveredByIds: [member] };
      expect({
        anonymous: code(await t.gql(RECORD, { input }, as.anonymous)),
        otherTeam: code(await t.gql(RECORD, { input }, provider(otherTeam.id))),
        bureau: code(await t.gql(RECORD, { input }, as.provincial(GD))),
        enterprise: code(await t.gql(RECORD, { input }, as.enterprise(gd.id))),
      }).toEqual({ anonymous: 'UNAUTHENTICATED', otherTeam: 'NOT_FOUND', bureau: 'FORBIDDEN', enterprise: 'FORBIDDEN' });
      expect(code(await t.gql(RECORD, { input }, provider(team.id)))).toBe('OK');
      expect(code(await t.gql(RATE, { input: { bookingId: b.id, rating: 4 } }, provider(team.id)))).toBe('FORBIDDEN');
      expect(code(await t.gql(RATE, { input: { bookingId: b.id, rating: 4 } }, as.enterprise(other.id)))).toBe('NOT_FOUND');
    } finally {
      t.setToday('2026-06-15');
    }
  });
});
