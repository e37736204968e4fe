/**
 * No query per row in the consulting lists: a page of sessions with their team, listing, region and
 * each session's bookings (with the people, enterprises, service records and teams of those), and a
 * page of bookings with their sessions, teams, people, enterprises and service records, cost the same
 * few SQL statements for 5 rows as for 50, for every audience.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import type { Viewer } from '../../src/context.js';
import { book, CREATE_SEASON, enterprise, GD, provider, RECORD, sessionInput, selectedTeam, type TestEnterprise } from './steps.js';

const SESSIONS = `query($first: Int!) {
  consultingSessions(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id date startsAtLocal seatsLeft status topics team { name } selection { year bureauCode } region { name }
      bookings(first: 5) { totalCount edges { node { id status personName enterpriseName rating serviceRecord { type } team { name } session { id } } } }
    } }
  }
}`;

const BOOKINGS = `query($first: Int!) {
  consultingBookings(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id status questions diagnosis personName enterpriseName person { name } enterprise { name } team { name }
      serviceRecord { type servedOn } session { date seatsLeft team { name } }
    } }
  }
}`;

describe('consulting lists: SQL statements do not grow with the page size', () => {
  let t: TestApp;
  let team: Awaited<ReturnType<typeof selectedTeam>>;
  const companies: TestEnterprise[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday('2026-06-15');
    team = await selectedTeam(t, GD, { year: 2026, from: '2026-03-01', to: '2027-02-28' });
    const { startsAt: _, ...fields } = sessionInput(team.selectionId, '', { capacity: 5 });
    const sessions: string[] = [];
    for (const time of ['09:00', '14:00', '16:00']) {
      const season = (await t.ok(CREATE_SEASON, { input: { ...fields, firstStartsAt: `2026-06-20T${time}:00+08:00`, every: 1, unit: 'WEEK', count: 20 } }, provider(team.id))).createConsultingSeason;
      sessions.push(...season.sessions.map((s: any) => s.id));
    }
    for (let i = 0; i < 2; i++) companies.push(await enterprise(t, GD, 30));
    const bookings: string[] = [];
    for (let i = 0; i < 60; i++) bookings.push((await book(t, companies[i % 2]!, sessions[i]!, Math.floor(i / 2))).id);
    // Every session is over by December; a third of the bookings have their outcome recorded.
    t.setToday('2026-12-01');
    for (const id of bookings.filter((_, i) => i % 3 === 0)) {
      await t.ok(RECORD, { input: { bookingId: id, attendance: 'ATTENDED', diagnosis: '专利布局与产品路线不匹配', advice: '开展专利导航，调整布局重点' } }, provider(team.id));
    }
  });
  afterAll(() => t.close());

  async function statements(query: string, first: number, viewer: Viewer) {
    const { result, queries } = await t.countQueries(() => t.ok(query, { first }, viewer));
    return { data: result as any, count: queries.length };
  }

  it('consultingSessions with each session\'s team, listing, region and bookings (people, enterprises, records): the same statements for 5 sessions as for 50', async () => {
    for (const [name, viewer] of [['public', as.anonymous], ['team', provider(team.id)], ['national', as.national()], ['enterprise', as.enterprise(companies[0]!.id)]] as const) {
      const five = await statements(SESSIONS, 5, viewer);
      const fifty = await statements(SESSIONS, 50, viewer);
      expect(five.data.consultingSessions.edges).toHaveLength(5);
      expect(fifty.data.consultingSessions.edges).toHaveLength(50);
      expect(five.data.consultingSessions.totalCount).toBe(60);
      const nested = fifty.data.consultingSessions.edges.map((e: any) => e.node.bookings);
      if (name === 'public') expect(nested.every((b: any) => b === null)).toBe(true);
      else {
        // The nested lists are there, with their records, not empty lists from a skipped lookup.
        const listed = nested.flatMap((b: any) => b.edges.map((e: any) => e.node));
        expect(nested.reduce((n: number, b: any) => n + b.totalCount, 0)).toBe(listed.length);
        if (name === 'enterprise') expect(listed.length > 20 && listed.every((b: any) => b.enterpriseName === companies[0]!.name)).toBe(true);
        else expect(listed).toHaveLength(50);
        expect(nested.flatMap((b: any) => b.edges).filter((e: any) => e.node.serviceRecord?.type === 'CONSULTATION').length).toBeGreaterThan(5);
      }
      expect(fifty.data.consultingSessions.edges.every((e: any) => e.node.team.name === team.name && e.node.region.name === '广东省')).toBe(true);
      expect(five.count, name).toBeLessThanOrEqual(name === 'public' ? 4 : 10);
      expect(fifty.count, name).toBe(five.count);
    }
  });

  it('consultingBookings with each booking\'s session, team, person, enterprise and service record: the same statements for 5 bookings as for 50', async () => {
    for (const [name, viewer] of [['national', as.national()], ['guangdong', as.provincial(GD)], ['team', provider(team.id)]] as const) {
      const five = await statements(BOOKINGS, 5, viewer);
      const fifty = await statements(BOOKINGS, 50, viewer);
      expect(five.data.consultingBookings.edges).toHaveLength(5);
      expect(fifty.data.consultingBookings.edges).toHaveLength(50);
      expect(five.data.consultingBookings.totalCount).toBe(60);
      expect(fifty.data.consultingBookings.edges.every((e: any) => e.node.personName && e.node.enterpriseName && e.node.session.team.name === team.name)).toBe(true);
      expect(fifty.data.consultingBookings.edges.filter((e: any) => e.node.serviceRecord?.type === 'CONSULTATION').length).toBeGreaterThan(10);
      expect(five.count, name).toBeLessThanOrEqual(9);
      expect(fifty.count, name).toBe(five.count);
    }
  });
});
