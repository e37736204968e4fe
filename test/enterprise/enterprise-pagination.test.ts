/**
 * enterprises(orderBy:, first:, after:, last:, before:): ordering (ties broken by id), keyset
 * paging forwards and backwards, pageInfo, cursor stability and validation of the arguments.
 * The expected order is computed here from the table itself (by code point for names).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import type { Random } from '../../seeds/random.js';

type Field = 'NAME' | 'CREDIT_CODE' | 'FOUNDED_ON' | 'CREATED_AT';
type Direction = 'ASC' | 'DESC';
interface Order {
  field: Field;
  direction: Direction;
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Connection {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: { creditCode: string; name: string; foundedOn: string; createdAt: string } }[];
}
interface PageData {
  enterprises: Connection;
}
interface Args {
  orderBy?: Partial<Order> | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  filter?: Record<string, unknown> | null;
}

const PAGE = `
  query Page($orderBy: EnterpriseOrder, $first: Int, $after: String, $last: Int, $before: String, $filter: EnterpriseFilter) {
    enterprises(orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before, filter: $filter) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { creditCode name foundedOn createdAt } }
    }
  }`;

const FIELDS: Field[] = ['NAME', 'CREDIT_CODE', 'FOUNDED_ON', 'CREATED_AT'];
const ORDERS: Order[] = FIELDS.flatMap((field) => (['ASC', 'DESC'] as const).map((direction) => ({ field, direction })));
const label = (o: Order) => `${o.field} ${o.direction}`;

const TWIN_NAME = '同名科技有限公司';
const TWIN_FOUNDED = '2010-05-05';
const TWIN_CREATED = '2024-01-01T00:00:00.123Z';

/** Code-point (UTF-8 byte) order, what "按字符编码" means. */
function byCodePoint(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

const codes = (c: Connection) => c.edges.map((e) => e.node.creditCode);

describe('enterprises: ordering and keyset pagination', () => {
  let t: TestApp;
  let rng: Random;

  async function page(args: Args): Promise<Connection> {
    return (await t.ok<PageData>(PAGE, args as Record<string, unknown>)).enterprises;
  }

  async function errorOf(args: Args) {
    const result = await t.gql<PageData>(PAGE, args as Record<string, unknown>);
    expect(result.errors, `expected an error for ${JSON.stringify(args)}`).toBeDefined();
    return result.errors![0]!;
  }

  /** Every enterprise's credit code in the expected order: sort value, then id, both in the order's direction. */
  async function expectedOrder(order: Order): Promise<string[]> {
    const rows = await t.sql<{ id: string; name: string; credit_code: string; founded_on: string; created_at: string }>(
      `select id::text as id, name, credit_code, founded_on::text as founded_on,
              to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as created_at
         from enterprise`,
    );
    const key = (r: (typeof rows)[number]) =>
      ({ NAME: r.name, CREDIT_CODE: r.credit_code, FOUNDED_ON: r.founded_on, CREATED_AT: r.created_at })[order.field];
    rows.sort((a, b) => byCodePoint(key(a), key(b)) || byCodePoint(a.id, b.id));
    if (order.direction === 'DESC') rows.reverse();
    return rows.map((r) => r.credit_code);
  }

  /** Walks the whole list forwards with first/after, checking pageInfo on the way. */
  async function walkForward(orderBy: Order, size: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const c = await page({ orderBy, first: size, after });
      expect(c.edges.length).toBeLessThanOrEqual(size);
      expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...codes(c));
      if (!c.pageInfo.hasNextPage) break;
      expect(c.edges).toHaveLength(size); // only a full page can have a next page
      after = c.pageInfo.endCursor;
    }
    return seen;
  }

  /** Walks the whole list backwards with last/before; returns the rows in list order. */
  async function walkBackward(orderBy: Order, size: number): Promise<string[]> {
    const pages: string[][] = [];
    let before: string | null = null;
    for (let i = 0; i < 100; i++) {
      const c = await page({ orderBy, last: size, before });
      expect(c.edges.length).toBeLessThanOrEqual(size);
      expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      expect(c.pageInfo.hasNextPage).toBe(before !== null);
      pages.unshift(codes(c));
      if (!c.pageInfo.hasPreviousPage) break;
      expect(c.edges).toHaveLength(size);
      before = c.pageInfo.startCursor;
    }
    return pages.flat();
  }

  beforeAll(async () => {
    t = await createTestApp();
    rng = randomFor(2024);
    // Five enterprises sharing name, founding date and (below) creation time: ties on every field but the credit code.
    for (let i = 0; i < 5; i++) await makeEnterprise(t.orm.em, rng, { name: TWIN_NAME, foundedOn: TWIN_FOUNDED });
    // More ties on the founding date alone.
    for (let i = 0; i < 3; i++) await makeEnterprise(t.orm.em, rng, { foundedOn: TWIN_FOUNDED });
    // Names where code-point order differs from a case-insensitive or pinyin collation.
    for (const name of ['Alpha科技有限公司', 'alpha科技有限公司', 'Beta有限公司', '中科', '中科A有限公司', '阿里云计算有限公司', 'Zeta有限公司']) {
      await makeEnterprise(t.orm.em, rng, { name });
    }
    for (let i = 0; i < 20; i++) await makeEnterprise(t.orm.em, rng);
    await t.sql('update enterprise set created_at = ? where name = ?', [TWIN_CREATED, TWIN_NAME]);
  });
  afterAll(() => t.close());

  it('the data set has ties on name, founding date and creation time', async () => {
    const rows = await t.sql<{ n: string; f: string; c: string }>(
      `select count(distinct name)::text as n, count(distinct founded_on)::text as f, count(distinct created_at)::text as c from enterprise`,
    );
    const total = (await expectedOrder({ field: 'NAME', direction: 'ASC' })).length;
    expect(total).toBe(35);
    expect(Number(rows[0]!.n)).toBeLessThanOrEqual(total - 4);
    expect(Number(rows[0]!.f)).toBeLessThanOrEqual(total - 7);
    expect(Number(rows[0]!.c)).toBeLessThanOrEqual(total - 4);
  });

  describe('ordering', () => {
    for (const order of ORDERS) {
      it(`${label(order)}: by the field, ties broken by id`, async () => {
        const c = await page({ orderBy: order, first: 100 });
        expect(codes(c)).toEqual(await expectedOrder(order));
        expect(c.totalCount).toBe(c.edges.length);
      });
    }

    it('DESC is exactly the reverse of ASC, ties included', async () => {
      for (const field of FIELDS) {
        const asc = codes(await page({ orderBy: { field, direction: 'ASC' }, first: 100 }));
        const desc = codes(await page({ orderBy: { field, direction: 'DESC' }, first: 100 }));
        expect(desc, field).toEqual([...asc].reverse());
      }
    });

    it('names sort by character code: upper-case ASCII before lower-case, ASCII before Chinese, a prefix first', async () => {
      const names = (await page({ orderBy: { field: 'NAME', direction: 'ASC' }, first: 100 })).edges.map((e) => e.node.name);
      const at = (n: string) => names.indexOf(n);
      expect(at('Alpha科技有限公司')).toBeLessThan(at('Beta有限公司'));
      expect(at('Zeta有限公司')).toBeLessThan(at('alpha科技有限公司'));
      expect(at('alpha科技有限公司')).toBeLessThan(at('中科'));
      expect(at('中科')).toBeLessThan(at('中科A有限公司'));
      expect(at('中科A有限公司')).toBeLessThan(at('阿里云计算有限公司')); // 中 U+4E2D < 阿 U+963F
      expect([...names].sort(byCodePoint)).toEqual(names);
    });

    it('tied rows come back in the same order on every request', async () => {
      for (const field of ['NAME', 'FOUNDED_ON', 'CREATED_AT'] as const) {
        const orderBy = { field, direction: 'ASC' as const };
        const a = codes(await page({ orderBy, first: 100 }));
        const b = codes(await page({ orderBy, first: 100 }));
        expect(b).toEqual(a);
      }
    });

    it('defaults to NAME ASC; the order fields default individually', async () => {
      const nameAsc = await expectedOrder({ field: 'NAME', direction: 'ASC' });
      expect(codes(await page({ first: 100 }))).toEqual(nameAsc);
      expect(codes(await page({ orderBy: {}, first: 100 }))).toEqual(nameAsc);
      expect(codes(await page({ orderBy: { direction: 'DESC' }, first: 100 }))).toEqual([...nameAsc].reverse());
      expect(codes(await page({ orderBy: { field: 'FOUNDED_ON' }, first: 100 }))).toEqual(await expectedOrder({ field: 'FOUNDED_ON', direction: 'ASC' }));
    });
  });

  describe('forward paging (first/after)', () => {
    for (const order of ORDERS) {
      it(`${label(order)}: visits every row exactly once, in order`, async () => {
        const want = await expectedOrder(order);
        expect(await walkForward(order, 7)).toEqual(want); // 35 rows: five full pages, no empty sixth
        expect(await walkForward(order, 8)).toEqual(want); // a short last page
        expect(await walkForward(order, 1)).toEqual(want);
      });
    }
  });

  describe('backward paging (last/before)', () => {
    for (const order of ORDERS) {
      it(`${label(order)}: gives the same rows in the same order`, async () => {
        const want = await expectedOrder(order);
        expect(await walkBackward(order, 7)).toEqual(want);
        expect(await walkBackward(order, 6)).toEqual(want);
      });
    }

    it('last: n without a cursor is the end of the list, in list order', async () => {
      const order: Order = { field: 'FOUNDED_ON', direction: 'DESC' };
      const want = await expectedOrder(order);
      const c = await page({ orderBy: order, last: 4 });
      expect(codes(c)).toEqual(want.slice(-4));
      expect(c.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(c.totalCount).toBe(want.length);
    });

    it('last/before from the middle of a forward walk gives the preceding rows', async () => {
      const order: Order = { field: 'NAME', direction: 'ASC' };
      const want = await expectedOrder(order);
      const all = await page({ orderBy: order, first: 100 });
      const cursorAt = (i: number) => all.edges[i]!.cursor;
      expect(codes(await page({ orderBy: order, last: 5, before: cursorAt(12) }))).toEqual(want.slice(7, 12));
      expect(codes(await page({ orderBy: order, last: 5, before: cursorAt(3) }))).toEqual(want.slice(0, 3));
      expect(codes(await page({ orderBy: order, first: 5, after: cursorAt(12) }))).toEqual(want.slice(13, 18));
    });
  });

  describe('after and before together', () => {
    it('return the rows strictly between the two cursors', async () => {
      for (const order of [
        { field: 'NAME', direction: 'ASC' },
        { field: 'CREATED_AT', direction: 'DESC' },
      ] as Order[]) {
        const want = await expectedOrder(order);
        const all = await page({ orderBy: order, first: 100 });
        const at = (i: number) => all.edges[i]!.cursor;

        const between = await page({ orderBy: order, first: 100, after: at(3), before: at(10) });
        expect(codes(between)).toEqual(want.slice(4, 10));
        expect(between.pageInfo.hasNextPage).toBe(false);

        // first: fewer than the window holds → the start of the window, with more to come.
        const head = await page({ orderBy: order, first: 2, after: at(3), before: at(10) });
        expect(codes(head)).toEqual(want.slice(4, 6));
        expect(head.pageInfo.hasNextPage).toBe(true);

        // last: fewer than the window holds → the end of the window, with more before it.
        const tail = await page({ orderBy: order, last: 2, after: at(3), before: at(10) });
        expect(codes(tail)).toEqual(want.slice(8, 10));
        expect(tail.pageInfo.hasPreviousPage).toBe(true);

        const lastAll = await page({ orderBy: order, last: 100, after: at(3), before: at(10) });
        expect(codes(lastAll)).toEqual(want.slice(4, 10));
        expect(lastAll.pageInfo.hasPreviousPage).toBe(false);

        // Adjacent cursors, and crossed cursors, leave nothing between them.
        const empty = await page({ orderBy: order, first: 10, after: at(5), before: at(6) });
        expect(empty.edges).toEqual([]);
        expect(empty.pageInfo.startCursor).toBeNull();
        expect(empty.pageInfo.endCursor).toBeNull();
        expect((await page({ orderBy: order, first: 10, after: at(10), before: at(3) })).edges).toEqual([]);
      }
    });
  });

  describe('pageInfo', () => {
    it('a single page holding everything has neither a next nor a previous page', async () => {
      const c = await page({ first: 100 });
      expect(c.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
      expect(c.pageInfo.startCursor).toBe(c.edges[0]!.cursor);
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)!.cursor);
      const back = await page({ last: 100 });
      expect(back.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
      expect(codes(back)).toEqual(codes(c));
    });

    it('first page, middle page and last page going forwards', async () => {
      const first = await page({ first: 10 });
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const middle = await page({ first: 10, after: first.pageInfo.endCursor });
      expect(middle.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const total = first.totalCount;
      const all = await page({ first: 100 });
      const last = await page({ first: 10, after: all.edges[total - 6]!.cursor });
      expect(last.edges).toHaveLength(5);
      expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      // Exactly at the end: a full page with nothing after it.
      const exact = await page({ first: 5, after: all.edges[total - 6]!.cursor });
      expect(exact.edges).toHaveLength(5);
      expect(exact.pageInfo.hasNextPage).toBe(false);
      // After the last row: an empty page.
      const beyond = await page({ first: 5, after: all.edges[total - 1]!.cursor });
      expect(beyond.edges).toEqual([]);
      expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
    });

    it('last page, middle page and first page going backwards', async () => {
      const end = await page({ last: 10 });
      expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      const middle = await page({ last: 10, before: end.pageInfo.startCursor });
      expect(middle.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const all = await page({ first: 100 });
      const start = await page({ last: 10, before: all.edges[5]!.cursor });
      expect(codes(start)).toEqual(codes(all).slice(0, 5));
      expect(start.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      const beforeFirst = await page({ last: 5, before: all.edges[0]!.cursor });
      expect(beforeFirst.edges).toEqual([]);
      expect(beforeFirst.pageInfo).toMatchObject({ hasPreviousPage: false, startCursor: null, endCursor: null });
    });

    it('an empty result has null cursors and no pages either side', async () => {
      const c = await page({ first: 10, filter: { regionCodes: [] } });
      expect(c.edges).toEqual([]);
      expect(c.totalCount).toBe(0);
      expect(c.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
    });
  });

  describe('page size', () => {
    it('defaults to 20', async () => {
      const c = await page({});
      expect(c.edges).toHaveLength(20);
      expect(c.pageInfo.hasNextPage).toBe(true);
      expect(codes(c)).toEqual((await expectedOrder({ field: 'NAME', direction: 'ASC' })).slice(0, 20));
      const next = await page({ after: c.pageInfo.endCursor });
      expect(next.edges).toHaveLength(Math.min(20, c.totalCount - 20));
    });

    it('first: 0 returns no edges, but totalCount still counts every row', async () => {
      const c = await page({ first: 0 });
      expect(c.edges).toEqual([]);
      expect(c.totalCount).toBe((await expectedOrder({ field: 'NAME', direction: 'ASC' })).length);
      expect(c.pageInfo.startCursor).toBeNull();
      expect(c.pageInfo.endCursor).toBeNull();
      const filtered = await page({ first: 0, filter: { search: TWIN_NAME } });
      expect(filtered.edges).toEqual([]);
      expect(filtered.totalCount).toBe(5);
    });

    it('first: 100 and last: 100 are allowed', async () => {
      expect((await page({ first: 100 })).edges.length).toBeGreaterThan(20);
      expect((await page({ last: 100 })).edges.length).toBeGreaterThan(20);
    });

    for (const [name, args, field] of [
      ['first above 100', { first: 101 }, 'first'],
      ['first negative', { first: -1 }, 'first'],
      ['last above 100', { last: 101 }, 'last'],
      ['last negative', { last: -5 }, 'last'],
    ] as const) {
      it(`${name} is BAD_USER_INPUT`, async () => {
        const error = await errorOf(args);
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
        expect((error.extensions?.fields as { field: string }[]).map((f) => f.field)).toContain(field);
      });
    }

    it('first and last together is BAD_USER_INPUT', async () => {
      const error = await errorOf({ first: 5, last: 5 });
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      const all = await page({ first: 100 });
      const withCursors = await errorOf({ first: 5, last: 5, after: all.edges[1]!.cursor, before: all.edges[20]!.cursor });
      expect(withCursors.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('cursor validation', () => {
    it('a cursor from another ordering is BAD_USER_INPUT, as after or before', async () => {
      const byName = await page({ orderBy: { field: 'NAME', direction: 'ASC' }, first: 3 });
      const cursor = byName.pageInfo.endCursor!;
      for (const orderBy of [
        { field: 'FOUNDED_ON', direction: 'ASC' },
        { field: 'CREDIT_CODE', direction: 'ASC' },
        { field: 'CREATED_AT', direction: 'ASC' },
        { field: 'NAME', direction: 'DESC' },
      ] as Order[]) {
        const after = await errorOf({ orderBy, first: 3, after: cursor });
        expect(after.extensions?.code, label(orderBy)).toBe('BAD_USER_INPUT');
        expect((after.extensions?.fields as { field: string }[]).map((f) => f.field)).toContain('after');
        const before = await errorOf({ orderBy, last: 3, before: cursor });
        expect(before.extensions?.code, label(orderBy)).toBe('BAD_USER_INPUT');
        expect((before.extensions?.fields as { field: string }[]).map((f) => f.field)).toContain('before');
      }
      // The same cursor is fine with its own ordering.
      expect((await page({ orderBy: { field: 'NAME', direction: 'ASC' }, first: 3, after: cursor })).edges).toHaveLength(3);
    });

    it('a garbage cursor is BAD_USER_INPUT', async () => {
      const garbage = [
        'garbage',
        'not a cursor!',
        '%%%',
        Buffer.from('hello').toString('base64url'),
        Buffer.from('{"a":1}').toString('base64url'),
        Buffer.from('["NAME:ASC","x"]').toString('base64url'),
        'x'.repeat(5000),
      ];
      for (const cursor of garbage) {
        const after = await errorOf({ first: 3, after: cursor });
        expect(after.extensions?.code, cursor.slice(0, 40)).toBe('BAD_USER_INPUT');
        const before = await errorOf({ last: 3, before: cursor });
        expect(before.extensions?.code, cursor.slice(0, 40)).toBe('BAD_USER_INPUT');
      }
    });

    /** A real cursor of the ordering, with one of its decoded parts replaced (cursors are base64url JSON). */
    async function tampered(order: Order, replace: (part: unknown) => unknown): Promise<string> {
      const real = (await page({ orderBy: order, first: 1 })).pageInfo.endCursor!;
      const parts = JSON.parse(Buffer.from(real, 'base64url').toString('utf8')) as unknown[];
      return Buffer.from(JSON.stringify(parts.map(replace)), 'utf8').toString('base64url');
    }
    const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

    it('a tampered cursor whose id is not a UUID is BAD_USER_INPUT, not an internal error', async () => {
      for (const order of [
        { field: 'NAME', direction: 'ASC' },
        { field: 'FOUNDED_ON', direction: 'DESC' },
      ] as Order[]) {
        const cursor = await tampered(order, (p) => (typeof p === 'string' && UUID.test(p) ? 'not-a-uuid' : p));
        expect((await errorOf({ orderBy: order, first: 3, after: cursor })).extensions?.code, label(order)).toBe('BAD_USER_INPUT');
        expect((await errorOf({ orderBy: order, last: 3, before: cursor })).extensions?.code, label(order)).toBe('BAD_USER_INPUT');
      }
    });

    it('a tampered cursor whose sort value is not a valid date or time is BAD_USER_INPUT, not an internal error', async () => {
      const founded: Order = { field: 'FOUNDED_ON', direction: 'ASC' };
      const badDate = await tampered(founded, (p) => (typeof p === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p) ? '2020-13-45' : p));
      expect((await errorOf({ orderBy: founded, first: 3, after: badDate })).extensions?.code).toBe('BAD_USER_INPUT');

      const created: Order = { field: 'CREATED_AT', direction: 'ASC' };
      const badTime = await tampered(created, (p) => (typeof p === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(p) ? 'not-a-time' : p));
      expect((await errorOf({ orderBy: created, first: 3, after: badTime })).extensions?.code).toBe('BAD_USER_INPUT');

      const numericDate = await tampered(founded, (p) => (typeof p === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(p) ? 20200101 : p));
      expect((await errorOf({ orderBy: founded, first: 3, after: numericDate })).extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('a tampered cursor with a null sort value is BAD_USER_INPUT (every order field is non-null)', async () => {
      const order: Order = { field: 'NAME', direction: 'ASC' };
      const real = (await page({ orderBy: order, first: 1 })).edges[0]!;
      const cursor = await tampered(order, (p) => (p === real.node.name ? null : p));
      expect((await errorOf({ orderBy: order, first: 3, after: cursor })).extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('stable cursors', () => {
    it('a forward cursor keeps its place when rows are inserted before it', async () => {
      const order: Order = { field: 'NAME', direction: 'ASC' };
      const first = await page({ orderBy: order, first: 5 });
      const second = await page({ orderBy: order, first: 5, after: first.pageInfo.endCursor });
      const inserted = [];
      // '0' sorts before every existing name.
      for (const name of ['0001新增企业有限公司', '0002新增企业有限公司', '0003新增企业有限公司']) inserted.push(await makeEnterprise(t.orm.em, rng, { name }));

      const again = await page({ orderBy: order, first: 5, after: first.pageInfo.endCursor });
      expect(codes(again)).toEqual(codes(second));
      expect(again.totalCount).toBe(second.totalCount + 3);
      // Going back from the second page still reaches the same first page, now with rows before it.
      const back = await page({ orderBy: order, last: 5, before: second.pageInfo.startCursor });
      expect(codes(back)).toEqual(codes(first));
      expect(back.pageInfo.hasPreviousPage).toBe(true);
      // The new rows are at the very start.
      expect(codes(await page({ orderBy: order, first: 3 }))).toEqual(inserted.map((e) => e.creditCode));
    });

    it('a newest-first cursor keeps its place when new enterprises are registered', async () => {
      const order: Order = { field: 'CREATED_AT', direction: 'DESC' };
      const first = await page({ orderBy: order, first: 6 });
      const second = await page({ orderBy: order, first: 6, after: first.pageInfo.endCursor });
      for (let i = 0; i < 4; i++) await makeEnterprise(t.orm.em, rng);
      const again = await page({ orderBy: order, first: 6, after: first.pageInfo.endCursor });
      expect(codes(again)).toEqual(codes(second));
      expect(codes(await page({ orderBy: order, first: 100 }))).toEqual(await expectedOrder(order));
    });

    it('a cursor keeps working after its own row is deleted', async () => {
      const order: Order = { field: 'FOUNDED_ON', direction: 'ASC' };
      const want = await expectedOrder(order);
      const upTo = await page({ orderBy: order, first: 10 });
      const cursor = upTo.pageInfo.endCursor!;
      await t.sql('delete from enterprise where credit_code = ?', [upTo.edges.at(-1)!.node.creditCode]);
      expect(codes(await page({ orderBy: order, first: 5, after: cursor }))).toEqual(want.slice(10, 15));
      expect(codes(await page({ orderBy: order, last: 5, before: cursor }))).toEqual(want.slice(4, 9));
    });

    it('CREATED_AT cursors address the stored time exactly, even below a millisecond', async () => {
      // timestamptz keeps microseconds; rows loaded by SQL (imports, scripts) can carry them.
      await t.sql(`update enterprise set created_at = created_at + interval '123 microseconds' where name <> ?`, [TWIN_NAME]);
      for (const direction of ['ASC', 'DESC'] as const) {
        const order: Order = { field: 'CREATED_AT', direction };
        const want = await expectedOrder(order);
        expect(await walkForward(order, 4), `forward ${direction}`).toEqual(want);
        expect(await walkBackward(order, 4), `backward ${direction}`).toEqual(want);
      }
    });
  });
});
