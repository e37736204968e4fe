/**
 * PublicNotice.objections is a connection (a notice can collect many objections): lodged earliest
 * first, paged by cursor with totalCount, for the national bureau only (null for everyone else),
 * each notice's page its own even when several notices are read at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { randomFor } from '../harness/factories.js';
import { calendarsAndWindow, noticeWithObjections } from './flow.js';

const TODAY = '2026-06-15';
const Q = `query($first: Int, $after: String, $last: Int, $before: String) {
  publicNotices(year: 2026) { id objections(first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id status contactName contactPhone } } } } }`;

describe('the objections of a public notice', () => {
  let t: TestApp;
  let busy: Awaited<ReturnType<typeof noticeWithObjections>>;
  let quiet: Awaited<ReturnType<typeof noticeWithObjections>>;
  beforeAll(async () => {
    t = await createTestApp();
    t.setToday(TODAY);
    await calendarsAndWindow(t);
    const rng = randomFor(610);
    busy = await noticeWithObjections(t, rng, TODAY, 3);
    quiet = await noticeWithObjections(t, rng, TODAY, 1);
  });
  afterAll(() => t.close());

  const of = (data: any, notice: { notice: { id: string } }) => data.publicNotices.find((n: any) => n.id === notice.notice.id).objections;

  it('pages each notice’s objections, earliest first, with the total', async () => {
    const first = await t.ok(Q, { first: 2 });
    const page = of(first, busy);
    expect(page.edges.map((e: any) => e.node.id)).toEqual(busy.objections.slice(0, 2));
    expect(page).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(page.edges[0].node).toMatchObject({ status: 'PENDING', contactName: '公众1', contactPhone: '13900001000' });
    // The other notice in the same list has its own page.
    expect(of(first, quiet)).toMatchObject({ totalCount: 1, pageInfo: { hasNextPage: false }, edges: [{ node: { id: quiet.objections[0] } }] });

    const next = of(await t.ok(Q, { first: 2, after: page.pageInfo.endCursor }), busy);
    expect(next.edges.map((e: any) => e.node.id)).toEqual([busy.objections[2]]);
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    const last = of(await t.ok(Q, { last: 2 }), busy);
    expect(last.edges.map((e: any) => e.node.id)).toEqual(busy.objections.slice(1));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
    const before = of(await t.ok(Q, { last: 2, before: last.pageInfo.startCursor }), busy);
    expect(before.edges.map((e: any) => e.node.id)).toEqual([busy.objections[0]]);
  });

  it('is null for everyone but the national bureau', async () => {
    for (const viewer of [as.anonymous, as.provincial('320000'), as.enterprise('00000000-0000-7000-8000-000000000001'), as.user('EXPERT', { personId: '00000000-0000-7000-8000-000000000002' })]) {
      const data = await t.ok(Q, { first: 5 }, viewer);
      expect(data.publicNotices.map((n: any) => n.objections)).toEqual([null, null]);
    }
  });

  it('refuses a cursor that is not one, and a page larger than the maximum', async () => {
    expect((await t.gql(Q, { first: 2, after: 'not-a-cursor' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(Q, { first: 1000 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
