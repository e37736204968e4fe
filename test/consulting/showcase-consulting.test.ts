/**
 * The demo's consulting sessions (seeds/showcase-consulting.ts), as the demo accounts and the public
 * see them: a season of last autumn held, diagnosed and rated; a current season with sessions held,
 * sessions booked and one cancelled; all made through the services, so that every booking has its
 * history. The season is placed relative to the demo's today: it loads on any date.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { loadDemoData } from '../../seeds/demo.js';
import { LocalFileStorage } from '../../src/modules/file/storage.js';
import { toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';

const SESSIONS = `query($filter: ConsultingSessionFilter) { consultingSessions(first: 20, filter: $filter) { totalCount edges { node { id date status seatsLeft mode cancelReason bookings(first: 5) { edges { node { status personName enterpriseName diagnosis rating serviceRecord { type } } } } } } } }`;
const BOOKINGS = `{ consultingBookings(first: 100) { totalCount edges { node { status enterpriseName rating history { operation actor } } } } }`;

async function withDemo(today: string, check: (t: TestApp, account: (username: string) => Promise<Viewer>) => Promise<void>): Promise<void> {
  const t = await createTestApp();
  try {
    t.setToday(today);
    await loadDemoData(t.orm.em.fork(), { enterprises: 0, today, storage: new LocalFileStorage(path.join(t.config.dataDir, 'files')) });
    const account = async (username: string): Promise<Viewer> => {
      const [u] = await t.sql<{ id: string; role: any; region_code: string | null; enterprise_id: string | null; organization_id: string | null; person_id: string | null }>('select * from app_user where username = ?', [username]);
      return { kind: 'USER', userId: u!.id, username, role: u!.role, sessionId: username, regionCode: u!.region_code, enterpriseId: u!.enterprise_id, organizationId: u!.organization_id, personId: u!.person_id };
    };
    await check(t, account);
  } finally {
    await t.close();
  }
}

const teamFilter = async (t: TestApp) => {
  const [org] = await t.sql<{ id: string }>(`select id from service_organization where name = '广东省知识产权保护中心服务团队'`);
  return { organizationId: toGlobalId('ServiceOrganization', org!.id) };
};

describe('demo showcase: consulting sessions [D 四(三)二]', () => {
  it('on 2026-11-22: last autumn\'s season held; this season held, booked and one session cancelled; seen by each account as the rules say', async () => {
    await withDemo('2026-11-22', async (t, account) => {
      const provider = await account('demo-provider');
      const sessions = (await t.ok(SESSIONS, { filter: await teamFilter(t) }, provider)).consultingSessions.edges.map((e: any) => e.node);
      expect(sessions.map((s: any) => [s.date, s.status])).toEqual([
        ['2025-10-15', 'HELD'], ['2025-10-29', 'HELD'], ['2025-11-12', 'HELD'], ['2025-11-26', 'HELD'], ['2025-12-10', 'HELD'],
        ['2026-10-13', 'HELD'], ['2026-10-27', 'HELD'], ['2026-11-10', 'HELD'], ['2026-11-24', 'SCHEDULED'], ['2026-12-08', 'CANCELLED'], ['2026-12-22', 'SCHEDULED'],
      ]);
      const bookings = sessions.flatMap((s: any) => s.bookings.edges.map((e: any) => e.node));
      expect(bookings.filter((b: any) => b.status === 'ATTENDED').every((b: any) => b.diagnosis && b.serviceRecord?.type === 'CONSULTATION')).toBe(true);
      expect(new Set(bookings.map((b: any) => b.status))).toEqual(new Set(['ATTENDED', 'NO_SHOW', 'CANCELLED', 'BOOKED']));
      expect(bookings.filter((b: any) => b.rating).length).toBeGreaterThanOrEqual(6);
      expect(sessions.find((s: any) => s.status === 'CANCELLED').bookings.edges.every((e: any) => e.node.status === 'CANCELLED')).toBe(true);

      // The public portal: the two upcoming sessions, their seats, no bookings.
      const upcoming = (await t.ok(SESSIONS, { filter: { upcoming: true } }, as.anonymous)).consultingSessions.edges.map((e: any) => e.node);
      expect(upcoming.map((s: any) => [s.date, s.mode, s.seatsLeft, s.bookings])).toEqual([['2026-11-24', 'ONLINE', 4, null], ['2026-12-22', 'ONLINE', 4, null]]);

      // Each enterprise sees its own bookings; the Shenzhen bureau those of Shenzhen's enterprise, the Guangdong bureau the others.
      const names = async (viewer: Viewer) => new Set((await t.ok(BOOKINGS, {}, viewer)).consultingBookings.edges.map((e: any) => e.node.enterpriseName));
      expect(await names(await account('demo-enterprise'))).toEqual(new Set(['广东华创智能装备股份有限公司']));
      expect(await names(await account('shenzhen-admin'))).toEqual(new Set(['深圳鹏程通信技术有限公司']));
      expect(await names(await account('guangdong-admin'))).toEqual(new Set(['广东华创智能装备股份有限公司', '广东粤海智能装备股份有限公司']));
      expect((await t.ok(BOOKINGS, {}, as.anonymous)).consultingBookings.totalCount).toBe(0);

      // Every step by the account that takes it.
      const rated = (await t.ok(BOOKINGS, {}, await account('demo-enterprise'))).consultingBookings.edges.map((e: any) => e.node).find((b: any) => b.rating === 5);
      expect(rated.history.map((h: any) => [h.operation, h.actor])).toEqual([
        ['bookConsultingSession', 'demo-enterprise'],
        ['recordConsultationOutcome', 'demo-provider'],
        ['rateConsultation', 'demo-enterprise'],
      ]);
    });
  }, 90_000);

  it('in the weeks before March, the current season stays within this year\'s listing (its term ends 28 February); from March, under the next one', async () => {
    await withDemo('2026-02-10', async (t) => {
      const sessions = (await t.ok(SESSIONS, { filter: { from: '2026-01-01' } }, as.anonymous)).consultingSessions.edges.map((e: any) => [e.node.date, e.node.status]);
      expect(sessions).toEqual([['2026-01-01', 'HELD'], ['2026-01-15', 'HELD'], ['2026-01-29', 'HELD'], ['2026-02-12', 'SCHEDULED'], ['2026-02-26', 'CANCELLED']]);
      expect((await t.ok(SESSIONS, { filter: { statuses: ['HELD'] } }, as.anonymous)).consultingSessions.totalCount).toBe(8);
    });
    await withDemo('2026-03-02', async (t) => {
      expect((await t.ok(SESSIONS, { filter: { statuses: ['SCHEDULED'] } }, as.anonymous)).consultingSessions.totalCount).toBe(5);
      expect((await t.ok(SESSIONS, { filter: { statuses: ['CANCELLED'] } }, as.anonymous)).consultingSessions.edges[0].node.date).toBe('2026-03-17');
    });
  }, 120_000);
});
