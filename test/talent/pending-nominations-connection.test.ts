/**
 * pendingNominations as a Relay connection: pages in R18 order (demonstration-enterprise staff,
 * then advantage, then the others; oldest first within each, then by id) on the composite key
 * (priority, nominated_at, id), forwards and backwards; totalCount; the pool filter; a provincial
 * bureau sees its jurisdiction's people only; cursors of another ordering or tampered are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';
import { insertPerson } from '../../seeds/factories.js';
import type { Viewer } from '../../src/context.js';

const NOMINATE = `mutation($input: NominateToPoolInput!) { nominateToPool(input: $input) { membership { id employerLevel nominatedAt } } }`;
const PAGE = `query($pool: TalentPool, $first: Int, $after: String, $last: Int, $before: String) {
  pendingNominations(pool: $pool, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id employerLevel nominatedAt person { name } } }
  }
}`;

const RANK: Record<string, number> = { DEMONSTRATION: 0, ADVANTAGE: 1, NONE: 2 };

interface Nomination {
  id: string;
  level: string;
  at: string;
  pool: string;
  region: string;
  name: string;
}

describe('pendingNominations: a connection in R18 order', () => {
  let t: TestApp;
  const nominations: Nomination[] = [];

  /** The UUID inside a global id (`PoolMembership:<uuid>`): UUIDs sort as PostgreSQL compares them. */
  const rawId = (gid: string) => Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]!;
  /** R18 order, then id. */
  const r18 = (list: Nomination[]) => [...list].sort((a, b) => RANK[a.level]! - RANK[b.level]! || a.at.localeCompare(b.at) || rawId(a.id).localeCompare(rawId(b.id)));

  beforeAll(async () => {
    t = await createTestApp();
    const rng = randomFor(4242);
    const enterprises: { id: string; region: string; level: 'DEMONSTRATION' | 'ADVANTAGE' | null }[] = [];
    for (const [region, level] of [['320000', 'DEMONSTRATION'], ['320000', 'ADVANTAGE'], ['320000', null], ['440000', 'DEMONSTRATION'], ['440000', null]] as const) {
      const e = await makeEnterprise(t.orm.em, rng, { regionCode: region });
      if (level) await makeDesignation(t.orm.em, e, { level, status: 'ACTIVE', batchYear: 2025, validFrom: '2025-09-26', validUntil: '2028-09-25' });
      enterprises.push({ id: e.id, region, level });
    }
    // Nominated in an order unlike R18's, one minute apart; two at the same instant (the id decides).
    let minute = 0;
    for (let i = 0; i < 14; i++) {
      const employer = i % 7 === 6 ? null : enterprises[(i * 3) % enterprises.length]!;
      const region = employer?.region ?? '330000';
      const name = `候选人${String(i).padStart(2, '0')}`;
      const personId = await insertPerson(t.orm.em, { name, employer: employer ? '某公司' : '某研究院', employerEnterpriseId: employer?.id ?? null, regionCode: employer ? null : region, category: 'IP_MANAGER' });
      if (i !== 9) minute++; // 9 is nominated at the same instant as 8
      const at = `2026-11-22T09:${String(minute).padStart(2, '0')}:00.000Z`;
      t.setToday(at);
      const pool = i % 5 === 4 ? 'FACULTY_POOL' : 'EXPERT_POOL';
      const viewer = employer ? as.enterprise(employer.id) : as.provincial(region);
      const m = (await t.ok(NOMINATE, { input: { personId: toGlobalId('Person', personId), pool, reason: '业务能力突出' } }, viewer)).nominateToPool.membership;
      expect(new Date(m.nominatedAt).toISOString()).toBe(at);
      nominations.push({ id: m.id, level: m.employerLevel, at, pool, region, name });
    }
    t.setToday('2026-11-22');
    // Every level is represented, and the tie is within one level.
    expect(new Set(nominations.map((n) => n.level))).toEqual(new Set(['DEMONSTRATION', 'ADVANTAGE', 'NONE']));
  });
  afterAll(() => t.close());

  async function walkForward(viewer: Viewer, first: number, pool?: string) {
    const seen: any[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const c: any = (await t.ok(PAGE, { pool, first, after }, viewer)).pendingNominations;
      totals.add(c.totalCount);
      expect(c.edges.length).toBeLessThanOrEqual(first);
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...c.edges.map((e: any) => e.node));
      if (!c.pageInfo.hasNextPage) return { seen, totals };
      expect(c.edges).toHaveLength(first);
      after = c.pageInfo.endCursor;
    }
    throw new Error('no last page');
  }

  async function walkBackward(viewer: Viewer, last: number) {
    const pages: any[][] = [];
    let before: string | null = null;
    for (let n = 0; n < 50; n++) {
      const c: any = (await t.ok(PAGE, { last, before }, viewer)).pendingNominations;
      pages.unshift(c.edges.map((e: any) => e.node));
      if (!c.pageInfo.hasPreviousPage) return pages.flat();
      before = c.pageInfo.startCursor;
    }
    throw new Error('no first page');
  }

  it('pages forward through every nomination in R18 order, whatever the page size, with a stable totalCount', async () => {
    const expected = r18(nominations).map((n) => n.id);
    for (const size of [1, 3, 5, 100]) {
      const { seen, totals } = await walkForward(as.national(), size);
      expect(seen.map((n) => n.id), `first: ${size}`).toEqual(expected);
      expect([...totals]).toEqual([nominations.length]);
    }
    // The levels come in blocks, oldest first within each block.
    const { seen } = await walkForward(as.national(), 4);
    expect(seen.map((n) => n.employerLevel)).toEqual([...seen.map((n) => n.employerLevel)].sort((a, b) => RANK[a]! - RANK[b]!));
  });

  it('breaks a tie on the nomination time by id', async () => {
    const tied = nominations.filter((n) => n.at === nominations[8]!.at);
    expect(tied).toHaveLength(2);
    const { seen } = await walkForward(as.national(), 1);
    const positions = tied.map((n) => seen.findIndex((s) => s.id === n.id));
    expect(Math.abs(positions[0]! - positions[1]!)).toBe(1);
    const [first] = [...tied].sort((a, b) => (rawId(a.id) < rawId(b.id) ? -1 : 1));
    expect(seen[Math.min(...positions)].id).toBe(first!.id);
  });

  it('pages backward (last/before) to the same order', async () => {
    expect((await walkBackward(as.national(), 4)).map((n) => n.id)).toEqual(r18(nominations).map((n) => n.id));
    const end = (await t.ok(PAGE, { last: 2 })).pendingNominations;
    expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(end.edges.map((e: any) => e.node.id)).toEqual(r18(nominations).slice(-2).map((n) => n.id));
  });

  it('filters by pool, the count with it', async () => {
    const faculty = r18(nominations.filter((n) => n.pool === 'FACULTY_POOL'));
    const { seen, totals } = await walkForward(as.national(), 2, 'FACULTY_POOL');
    expect(seen.map((n) => n.id)).toEqual(faculty.map((n) => n.id));
    expect([...totals]).toEqual([faculty.length]);
  });

  it('a provincial bureau pages through its jurisdiction\'s people only (their employer\'s region, else their own)', async () => {
    for (const region of ['320000', '440000', '330000', '110000']) {
      const mine = r18(nominations.filter((n) => n.region === region));
      const { seen, totals } = await walkForward(as.provincial(region), 2);
      expect(seen.map((n) => n.id), region).toEqual(mine.map((n) => n.id));
      expect([...totals], region).toEqual([mine.length]);
      expect(seen.every((n) => n.person !== null)).toBe(true);
    }
  });

  it('nobody else reads the queue', async () => {
    const enterprise = (await t.gql(PAGE, { first: 5 }, as.enterprise('00000000-0000-7000-8000-000000000001'))).errors?.[0];
    expect(enterprise?.extensions).toMatchObject({ code: 'FORBIDDEN', action: 'talent.nominations.read' });
    expect((await t.gql(PAGE, { first: 5 }, as.user('EXPERT', { personId: '00000000-0000-7000-8000-000000000002' }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(PAGE, { first: 5 }, as.user('SERVICE_PROVIDER', { organizationId: '00000000-0000-7000-8000-000000000003' }))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(PAGE, { first: 5 }, as.anonymous)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a cursor of another ordering, a tampered one, first with last, and a page over the maximum', async () => {
    const directory = (await t.ok(`{ expertDirectory(first: 1) { pageInfo { endCursor } } }`)).expertDirectory.pageInfo.endCursor;
    const own = (await t.ok(PAGE, { first: 1 })).pendingNominations.pageInfo.endCursor as string;
    const [order, , id] = JSON.parse(Buffer.from(own, 'base64url').toString('utf8'));
    const tampered = Buffer.from(JSON.stringify([order, "0|2026-11-22T09:00:00.000Z') or true --", id])).toString('base64url');
    const fakeDirectoryCursor = Buffer.from(JSON.stringify(['NAME:ASC', '张三', id])).toString('base64url');
    for (const after of [directory, tampered, fakeDirectoryCursor, 'not a cursor'].filter(Boolean)) {
      const res = await t.gql(PAGE, { first: 2, after });
      expect(res.errors?.[0]?.extensions?.code, String(after)).toBe('BAD_USER_INPUT');
    }
    expect((await t.gql(PAGE, { first: 2, last: 2 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(PAGE, { first: 1000 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const none = (await t.ok(PAGE, { first: 0 })).pendingNominations;
    expect(none.edges).toEqual([]);
    expect(none.totalCount).toBe(nominations.length);
  });

  it('a cursor stays valid after its nomination is decided: the next page starts after its place in the order', async () => {
    const expected = r18(nominations);
    const page = (await t.ok(`query { pendingNominations(first: 3) { edges { cursor node { id version } } } }`)).pendingNominations.edges;
    const last = page[2].node;
    await t.ok(`mutation($input: DecideNominationInput!) { decideNomination(input: $input) { membership { status } } }`, { input: { id: last.id, version: last.version, admit: false, note: '暂不入选' } });
    const next = (await t.ok(PAGE, { first: 3, after: page[2].cursor })).pendingNominations;
    expect(next.edges.map((e: any) => e.node.id)).toEqual(expected.slice(3, 6).map((n) => n.id));
    expect(next.totalCount).toBe(nominations.length - 1);
  });
});
