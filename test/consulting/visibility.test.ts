/**
 * Who sees what of consulting [D 四(三)二] (docs/permissions.md): sessions are public, without any
 * personal data and without who booked; a booking (and its diagnosis) is seen by the enterprise that
 * made it, the team, the bureau of the enterprise's jurisdiction and the national bureau — never by
 * other enterprises, other teams, other bureaus, experts or the public — alike in the list, in
 * node(id) and under the session (`ConsultingSession.bookings`, where an enterprise sees its own).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import type { Viewer } from '../../src/context.js';
import { BOOKINGS, book, enterprise, GD, JS, provider, RECORD, session, selectedTeam, SZ, type TestEnterprise } from './steps.js';

const TERM_2026 = { year: 2026, from: '2026-03-01', to: '2027-02-28' };
const NESTED = `query($id: ID!) { node(id: $id) { ... on ConsultingSession { seatsLeft bookings(first: 20) { totalCount edges { node { id enterpriseName personName questions } } } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on ConsultingBooking { id questions diagnosis personName enterpriseName person { name } enterprise { name } serviceRecord { type } } } }`;
const PUBLIC = `{ consultingSessions(first: 50, filter: { upcoming: true }) { edges { node { id topics seatsLeft mode location team { name } region { code } bookings(first: 5) { totalCount } } } } }`;

describe('consulting: who sees what', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof selectedTeam>>;
  let other: Awaited<ReturnType<typeof selectedTeam>>;
  let huachuang: TestEnterprise;
  let yuehai: TestEnterprise;
  let pengcheng: TestEnterprise;
  let s: any;
  let later: any;
  const bookings: Record<string, any> = {};
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    team = await selectedTeam(t, GD, TERM_2026);
    other = await selectedTeam(t, GD, TERM_2026);
    huachuang = await enterprise(t, GD, 2);
    yuehai = await enterprise(t, GD, 1);
    pengcheng = await enterprise(t, SZ, 1);
    s = await session(t, team, '2026-07-01T14:30:00+08:00', { capacity: 10 });
    later = await session(t, team, '2026-09-01T14:30:00+08:00', { capacity: 10 });
    bookings.h0 = await book(t, huachuang, s.id, 0);
    bookings.h1 = await book(t, huachuang, s.id, 1);
    bookings.y0 = await book(t, yuehai, s.id, 0);
    bookings.p0 = await book(t, pengcheng, s.id, 0);
    bookings.later = await book(t, huachuang, later.id, 0);
    t.setToday('2026-07-02');
    await t.ok(RECORD, { input: { bookingId: bookings.h0.id, attendance: 'ATTENDED', diagnosis: '商业秘密管理制度缺失', advice: '建立涉密人员台账和保密协议' } }, provider(team.id));
  });
  afterAll(() => t.close());

  const viewers = (): Record<string, Viewer> => ({
    national: as.national(),
    guangdong: as.provincial(GD),
    shenzhen: as.provincial(SZ),
    jiangsu: as.provincial(JS),
    team: provider(team.id),
    otherTeam: provider(other.id),
    huachuang: as.enterprise(huachuang.id),
    yuehai: as.enterprise(yuehai.id),
    otherEnterprise: as.enterprise(randomUUID()),
    expert: as.user('EXPERT', { personId: randomUUID() }),
    anonymous: as.anonymous,
  });

  /** What each viewer sees of the session's four bookings (by key, sorted). */
  const SEEN: Record<string, string[]> = {
    national: ['h0', 'h1', 'p0', 'y0'],
    // Guangdong's bureau sees the bookings of Guangdong's enterprises, Shenzhen's those of Shenzhen's.
    guangdong: ['h0', 'h1', 'y0'],
    shenzhen: ['p0'],
    jiangsu: [],
    team: ['h0', 'h1', 'p0', 'y0'],
    otherTeam: [],
    huachuang: ['h0', 'h1'],
    yuehai: ['y0'],
    otherEnterprise: [],
    expert: [],
    anonymous: [],
  };
  const keysOf = (ids: string[]) => Object.entries(bookings).filter(([, b]) => ids.includes(b.id)).map(([k]) => k).sort();

  it('the list: each viewer sees exactly the bookings of its audience', async () => {
    for (const [name, viewer] of Object.entries(viewers())) {
      const seen = (await t.ok(BOOKINGS, { filter: { sessionId: s.id } }, viewer)).consultingBookings;
      expect(keysOf(seen.edges.map((e: any) => e.node.id)), name).toEqual(SEEN[name]);
      expect(seen.totalCount, name).toBe(SEEN[name]!.length);
    }
  });

  it('node(id): a booking and its diagnosis to the same viewers, null to the others', async () => {
    for (const [name, viewer] of Object.entries(viewers())) {
      const node = (await t.ok(NODE, { id: bookings.h0.id }, viewer)).node;
      expect(node !== null, name).toBe(SEEN[name]!.includes('h0'));
      if (node) expect(node.diagnosis, name).toBe('商业秘密管理制度缺失');
    }
    // The person record follows the person directory (the team reads the name on the booking only).
    expect((await t.ok(NODE, { id: bookings.h0.id }, provider(team.id))).node).toMatchObject({ person: null, personName: expect.stringContaining('员工'), serviceRecord: { type: 'CONSULTATION' } });
    expect((await t.ok(NODE, { id: bookings.h0.id }, as.enterprise(huachuang.id))).node.person).not.toBeNull();
  });

  it('ConsultingSession.bookings: the same audiences, an enterprise its own only; null for the public and experts', async () => {
    for (const [name, viewer] of Object.entries(viewers())) {
      const nested = (await t.ok(NESTED, { id: s.id }, viewer)).node;
      if (['anonymous', 'expert'].includes(name)) {
        expect(nested.bookings, name).toBeNull();
        continue;
      }
      expect(keysOf(nested.bookings.edges.map((e: any) => e.node.id)), name).toEqual(SEEN[name]);
      expect(nested.bookings.totalCount, name).toBe(SEEN[name]!.length);
    }
  });

  it('the public portal: upcoming sessions with seats left, no personal data and no bookings', async () => {
    const upcoming = (await t.ok(PUBLIC, {}, as.anonymous)).consultingSessions.edges.map((e: any) => e.node);
    expect(upcoming.map((n: any) => n.id)).toEqual([later.id]);
    expect(upcoming[0]).toMatchObject({ seatsLeft: 9, mode: 'ON_SITE', team: { name: team.name }, region: { code: GD }, bookings: null });
    // Over HTTP too, without a token.
    const http = await t.http(PUBLIC);
    expect(http.body.errors).toBeUndefined();
    expect(JSON.stringify(http.body.data)).not.toMatch(/员工|personName|questions/);
  });

  it('filters of the bookings: the enterprises\' jurisdiction (with roll-up), team, enterprise, status, period', async () => {
    const ids = async (filter: object) => keysOf((await t.ok(BOOKINGS, { filter }, as.national())).consultingBookings.edges.map((e: any) => e.node.id));
    expect(await ids({ regionCodes: [GD] })).toEqual(['h0', 'h1', 'later', 'y0']);
    expect(await ids({ regionCodes: [GD], includeSubJurisdictions: true })).toEqual(['h0', 'h1', 'later', 'p0', 'y0']);
    expect(await ids({ regionCodes: [] })).toEqual([]);
    expect(await ids({ organizationId: other.id })).toEqual([]);
    expect(await ids({ enterpriseId: huachuang.gid })).toEqual(['h0', 'h1', 'later']);
    expect(await ids({ statuses: ['ATTENDED'] })).toEqual(['h0']);
    expect(await ids({ from: '2026-08-01' })).toEqual(['later']);
    expect(await ids({ to: '2026-07-01', enterpriseId: huachuang.gid })).toEqual(['h0', 'h1']);
    // A bureau's filters stay within what it sees.
    expect(keysOf((await t.ok(BOOKINGS, { filter: { regionCodes: [GD], includeSubJurisdictions: true } }, as.provincial(GD))).consultingBookings.edges.map((e: any) => e.node.id))).toEqual(['h0', 'h1', 'later', 'y0']);
  });
});
