/**
 * Consulting sessions [D 四(三)二] through GraphQL: a selected quality team offers them under a
 * listing whose term covers the date (TEAM_NOT_SELECTED otherwise; S2 for a team that is not ACTIVE);
 * arranged by the team's own users, the bureau that selected it or the national bureau; a season is
 * arranged all or nothing; changed before they start, cancelled with their bookings, confirmed held;
 * listed publicly by region (roll-up), team, status, mode, period and open seats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { book, CANCEL_SESSION, CREATE_SEASON, CREATE_SESSION, enterprise, GD, JS, MARK_HELD, provider, refusal, session, sessionInput, SESSIONS, selectedTeam, SZ, UPDATE_SESSION, type TestEnterprise } from './steps.js';

const TERM_2026 = { year: 2026, from: '2026-03-01', to: '2027-02-28' };
/** A season's fields besides its recurrence. */
const seasonBase = (selectionId: string) => {
  const { startsAt: _, ...rest } = sessionInput(selectionId, '');
  return rest;
};
const NODE = `query($id: ID!) { node(id: $id) { ... on ConsultingSession { id status topics history { operation actor } } } }`;

describe('consulting sessions', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof selectedTeam>>;
  let other: Awaited<ReturnType<typeof selectedTeam>>;
  let national: Awaited<ReturnType<typeof selectedTeam>>;
  let huachuang: TestEnterprise;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    team = await selectedTeam(t, GD, TERM_2026);
    other = await selectedTeam(t, GD, TERM_2026);
    national = await selectedTeam(t, JS, TERM_2026, 'national');
    huachuang = await enterprise(t, GD, 3);
  });
  afterAll(() => t.close());

  it('D 四(三)二: the team\'s own users, the bureau that selected it and the national bureau arrange sessions; nobody else', async () => {
    const s = await session(t, team, '2026-07-01T14:30:00+08:00');
    expect(s).toMatchObject({ status: 'SCHEDULED', startsAt: new Date('2026-07-01T06:30:00.000Z'), startsAtLocal: '2026-07-01T14:30+08:00', date: '2026-07-01', endsAt: new Date('2026-07-01T08:30:00.000Z'), durationMinutes: 120, capacity: 3, seatsLeft: 3, mode: 'ON_SITE', regionCode: GD, link: null, team: { id: team.id }, selection: { id: team.selectionId } });
    expect((await session(t, team, '2026-07-02T09:00:00+08:00', {}, as.provincial(GD))).team.id).toBe(team.id);
    expect((await session(t, team, '2026-07-03T09:00:00+08:00', {}, as.national())).team.id).toBe(team.id);
    const input = { input: sessionInput(team.selectionId, '2026-07-04T09:00:00+08:00') };
    expect(refusal(await t.gql(CREATE_SESSION, input, provider(other.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(CREATE_SESSION, input, as.provincial(SZ))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(CREATE_SESSION, input, as.enterprise(huachuang.id))).code).toBe('FORBIDDEN');
    expect(refusal(await t.gql(CREATE_SESSION, input, as.anonymous)).code).toBe('UNAUTHENTICATED');
    // A team on the national bureau's list: not the Jiangsu bureau's to arrange.
    const nationalInput = { input: sessionInput(national.selectionId, '2026-07-04T09:00:00+08:00', { location: '南京市' }) };
    expect(refusal(await t.gql(CREATE_SESSION, nationalInput, as.provincial(JS))).code).toBe('FORBIDDEN');
    const byNational = (await t.ok(CREATE_SESSION, nationalInput, provider(national.id))).createConsultingSession.session;
    // The national bureau's teams serve their own jurisdiction unless told otherwise, any jurisdiction when told.
    expect(byNational.regionCode).toBe(JS);
    expect((await t.ok(CREATE_SESSION, { input: { ...nationalInput.input, regionCode: SZ } }, as.national())).createConsultingSession.session.regionCode).toBe(SZ);
    // The arrangement is audited; its history is for those who arrange it.
    expect((await t.ok(NODE, { id: s.id }, provider(team.id))).node.history).toEqual([{ operation: 'createConsultingSession', actor: 'test-service_provider' }]);
    expect((await t.ok(NODE, { id: s.id }, as.anonymous)).node).toMatchObject({ id: s.id, status: 'SCHEDULED', history: null });
  });

  it('TEAM_NOT_SELECTED [D 四(三)二]: the listing must cover the date and not be revoked; TEAM_NOT_ACTIVE: the team must be ACTIVE', async () => {
    const outside = refusal(await t.gql(CREATE_SESSION, { input: sessionInput(team.selectionId, '2027-03-05T09:00:00+08:00') }, provider(team.id)));
    expect(outside).toMatchObject({ code: 'RULE_VIOLATION', rule: 'TEAM_NOT_SELECTED' });
    const r = await t.gql(CREATE_SESSION, { input: sessionInput(team.selectionId, '2027-03-05T09:00:00+08:00') }, provider(team.id));
    expect(r.errors![0]!.extensions).toMatchObject({ paragraph: '四(三)二', termEndsOn: '2027-02-28', dates: ['2027-03-05'] });

    const revoked = await selectedTeam(t, GD, TERM_2026);
    await t.ok(`mutation($input: RevokeTeamSelectionInput!) { revokeTeamSelection(input: $input) { selection { id } } }`, { input: { id: revoked.selectionId, version: revoked.selectionVersion, reason: '服务质量评价不合格' } }, as.provincial(GD));
    expect(refusal(await t.gql(CREATE_SESSION, { input: sessionInput(revoked.selectionId, '2026-07-10T09:00:00+08:00') }, provider(revoked.id)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'TEAM_NOT_SELECTED' });

    const suspended = await selectedTeam(t, GD, TERM_2026);
    const org = (await t.ok(`query($id: ID!) { node(id: $id) { ... on ServiceOrganization { version } } }`, { id: suspended.id })).node;
    await t.ok(`mutation($input: UpdateServiceOrganizationInput!) { updateServiceOrganization(input: $input) { organization { status } } }`, { input: { id: suspended.id, version: org.version, status: 'SUSPENDED', statusNote: '限期整改' } }, as.provincial(GD));
    expect(refusal(await t.gql(CREATE_SESSION, { input: sessionInput(suspended.selectionId, '2026-07-10T09:00:00+08:00') }, provider(suspended.id)))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'TEAM_NOT_ACTIVE' });
  });

  it('what a session holds: a future start, 1–10 topics, 1–500 seats, a place on site or an https link online, the bureau\'s own jurisdiction — every problem at once', async () => {
    const r = await t.gql(CREATE_SESSION, { input: sessionInput(team.selectionId, '2026-06-14T09:00:00+08:00', { topics: [' '], capacity: 0, location: null }) }, provider(team.id));
    expect(refusal(r).code).toBe('BAD_USER_INPUT');
    expect(refusal(r).fields.map((f) => f.field).sort()).toEqual(['capacity', 'location', 'startsAt', 'topics']);
    // The jurisdiction served is checked against the listing, once it is found: a provincial bureau's team serves that jurisdiction.
    expect(refusal(await t.gql(CREATE_SESSION, { input: sessionInput(team.selectionId, '2026-07-20T09:00:00+08:00', { regionCode: SZ }) }, provider(team.id))).fields.map((f) => f.field)).toEqual(['regionCode']);
    const online = await t.gql(CREATE_SESSION, { input: sessionInput(team.selectionId, '2026-07-20T09:00:00+08:00', { mode: 'ONLINE', link: 'http://meeting.example.cn/1' }) }, provider(team.id));
    expect(refusal(online).fields.map((f) => f.field)).toEqual(['link']);
    const ok = await session(t, team, '2026-07-20T09:00:00+08:00', { mode: 'ONLINE', link: 'https://meeting.example.cn/1', location: '不用的地点' });
    expect(ok).toMatchObject({ mode: 'ONLINE', link: 'https://meeting.example.cn/1', location: null });
  });

  it('a season: n sessions every k weeks (or months) at the same local time, all or nothing', async () => {
    const season = (await t.ok(CREATE_SEASON, { input: { ...seasonBase(team.selectionId), firstStartsAt: '2026-09-03T14:00:00+08:00', every: 2, unit: 'WEEK', count: 6 } }, provider(team.id))).createConsultingSeason;
    expect(season.sessions.map((s: any) => s.startsAtLocal)).toEqual(['2026-09-03', '2026-09-17', '2026-10-01', '2026-10-15', '2026-10-29', '2026-11-12'].map((d) => `${d}T14:00+08:00`));
    expect((await t.ok(SESSIONS, { filter: { seasonId: season.seasonId } }, as.anonymous)).consultingSessions.totalCount).toBe(6);

    const monthly = (await t.ok(CREATE_SEASON, { input: { ...seasonBase(team.selectionId), firstStartsAt: '2026-08-31T09:30:00+08:00', every: 1, unit: 'MONTH', count: 3 } }, as.provincial(GD))).createConsultingSeason;
    expect(monthly.sessions.map((s: any) => s.startsAtLocal)).toEqual(['2026-08-31T09:30+08:00', '2026-09-30T09:30+08:00', '2026-10-31T09:30+08:00']);

    // The last two would fall after the term (28 February 2027): none is arranged.
    const before = (await t.ok(SESSIONS, { filter: { organizationId: team.id } }, as.anonymous)).consultingSessions.totalCount;
    const tooLong = await t.gql(CREATE_SEASON, { input: { ...seasonBase(team.selectionId), firstStartsAt: '2027-01-21T09:00:00+08:00', every: 2, unit: 'WEEK', count: 4 } }, provider(team.id));
    expect(refusal(tooLong)).toMatchObject({ code: 'RULE_VIOLATION', rule: 'TEAM_NOT_SELECTED' });
    expect(tooLong.errors![0]!.extensions!.dates).toEqual(['2027-03-04']);
    expect((await t.ok(SESSIONS, { filter: { organizationId: team.id } }, as.anonymous)).consultingSessions.totalCount).toBe(before);
    const bad = await t.gql(CREATE_SEASON, { input: { ...seasonBase(team.selectionId), firstStartsAt: '2026-09-03T14:00:00+08:00', every: 0, unit: 'WEEK', count: 40 } }, provider(team.id));
    expect(refusal(bad).fields.map((f) => f.field).sort()).toEqual(['count', 'every']);
  });

  it('changes before the start: never fewer seats than booked, the version sent back, the date within the term', async () => {
    const s = await session(t, team, '2026-08-05T09:00:00+08:00', { capacity: 3 });
    await book(t, huachuang, s.id, 0);
    await book(t, huachuang, s.id, 1);
    expect(refusal(await t.gql(UPDATE_SESSION, { input: { id: s.id, version: s.version, capacity: 1 } }, provider(team.id))).fields).toEqual([{ field: 'capacity', message: '已有 2 人预约，名额不能少于此数' }]);
    expect(refusal(await t.gql(UPDATE_SESSION, { input: { id: s.id, version: s.version, startsAt: '2027-04-01T09:00:00+08:00' } }, provider(team.id))).rule).toBe('TEAM_NOT_SELECTED');
    const changed = (await t.ok(UPDATE_SESSION, { input: { id: s.id, version: s.version, capacity: 2, startsAt: '2026-08-06T15:00:00+08:00', mode: 'ONLINE', link: 'https://meeting.example.cn/2' } }, provider(team.id))).updateConsultingSession.session;
    expect(changed).toMatchObject({ capacity: 2, seatsLeft: 0, startsAtLocal: '2026-08-06T15:00+08:00', mode: 'ONLINE', location: null, version: s.version + 1 });
    expect(refusal(await t.gql(UPDATE_SESSION, { input: { id: s.id, version: s.version, note: '旧版本' } }, provider(team.id))).code).toBe('CONFLICT');
    expect(refusal(await t.gql(UPDATE_SESSION, { input: { id: s.id, version: changed.version, note: '别人的' } }, provider(other.id))).code).toBe('FORBIDDEN');
    t.setToday('2026-08-07');
    try {
      expect(refusal(await t.gql(UPDATE_SESSION, { input: { id: s.id, version: changed.version, note: '开始后' } }, provider(team.id))).rule).toBe('SESSION_STARTED');
    } finally {
      t.setToday('2026-06-15');
    }
  });

  it('cancelling: a public reason; every booking is cancelled with the session; a cancelled session is not cancelled or held again', async () => {
    const s = await session(t, team, '2026-08-12T09:00:00+08:00');
    const b1 = await book(t, huachuang, s.id, 0);
    await book(t, huachuang, s.id, 1);
    expect(refusal(await t.gql(CANCEL_SESSION, { input: { id: s.id, version: s.version, reason: ' ' } }, provider(team.id))).fields.map((f) => f.field)).toEqual(['reason']);
    const cancelled = (await t.ok(CANCEL_SESSION, { input: { id: s.id, version: s.version, reason: '专家临时出差，改期另行通知' } }, as.provincial(GD))).cancelConsultingSession;
    expect(cancelled).toMatchObject({ cancelledBookings: 2, session: { status: 'CANCELLED', cancelReason: '专家临时出差，改期另行通知', seatsLeft: 0 } });
    const booking = (await t.ok(`query($id: ID!) { node(id: $id) { ... on ConsultingBooking { status cancelReason cancelledBy } } }`, { id: b1.id }, as.enterprise(huachuang.id))).node;
    expect(booking).toEqual({ status: 'CANCELLED', cancelReason: '场次取消：专家临时出差，改期另行通知', cancelledBy: 'test-provincial_admin' });
    expect(refusal(await t.gql(CANCEL_SESSION, { input: { id: s.id, version: cancelled.session.version, reason: '再次' } }, provider(team.id))).code).toBe('CONFLICT');
    expect(refusal(await t.gql(CANCEL_SESSION, { input: { id: s.id, version: cancelled.session.version, reason: '无权' } }, as.provincial(JS))).code).toBe('FORBIDDEN');
  });

  it('held: confirmed once the session has started', async () => {
    const s = await session(t, team, '2026-08-19T09:00:00+08:00');
    expect(refusal(await t.gql(MARK_HELD, { input: { id: s.id, version: s.version } }, provider(team.id))).rule).toBe('SESSION_NOT_STARTED');
    t.setToday('2026-08-20');
    try {
      expect((await t.ok(MARK_HELD, { input: { id: s.id, version: s.version } }, provider(team.id))).markConsultingSessionHeld.session.status).toBe('HELD');
    } finally {
      t.setToday('2026-06-15');
    }
  });

  it('the public list: upcoming sessions by served jurisdiction (with roll-up), team, status, mode, period and open seats', async () => {
    const sz = await selectedTeam(t, SZ, TERM_2026);
    const inShenzhen = await session(t, sz, '2026-09-09T09:00:00+08:00', { capacity: 1, location: '深圳市南山区' });
    await book(t, await enterprise(t, SZ, 1), inShenzhen.id, 0);
    const ids = async (filter: object) => (await t.ok(SESSIONS, { filter, first: 100 }, as.anonymous)).consultingSessions.edges.map((e: any) => e.node.id);
    const guangdong = await ids({ regionCodes: [GD] });
    expect(guangdong).not.toContain(inShenzhen.id);
    expect(await ids({ regionCodes: [GD], includeSubJurisdictions: true })).toEqual(expect.arrayContaining([...guangdong, inShenzhen.id]));
    expect(await ids({ organizationId: sz.id })).toEqual([inShenzhen.id]);
    expect(await ids({ organizationId: sz.id, withOpenSeats: true })).toEqual([]);
    expect(await ids({ organizationId: sz.id, from: '2026-09-09', to: '2026-09-09' })).toEqual([inShenzhen.id]);
    expect(await ids({ organizationId: sz.id, from: '2026-09-10' })).toEqual([]);
    const upcoming = (await t.ok(SESSIONS, { filter: { upcoming: true }, first: 100 }, as.anonymous)).consultingSessions.edges.map((e: any) => e.node);
    expect(upcoming.every((n: any) => n.status === 'SCHEDULED' && n.date >= '2026-06-15')).toBe(true);
    const dates = upcoming.map((n: any) => n.date);
    expect(dates).toEqual([...dates].sort());
    expect((await ids({ statuses: ['CANCELLED'] })).length).toBeGreaterThan(0);
    expect(refusal(await t.gql(SESSIONS, { filter: { from: '2026-09-10', to: '2026-09-01' } }, as.anonymous)).fields).toEqual([{ field: 'filter.to', message: '不能早于 from' }]);
  });
});
