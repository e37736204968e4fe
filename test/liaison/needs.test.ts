/**
 * Needs [D 五(一) 及时报送相关工作信息和需求 … 基于示范企业需求，开展个性化服务]: submitted by a
 * demonstration enterprise (R16), routed by its provincial bureau (accept or reject, then assign or
 * forward: L1, L2), resolved by the assigned organisation, closed or reopened by the enterprise (L3);
 * an append-only history and the days open on the programme clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type TestApp } from '../harness/app.js';
import { toGlobalId } from '../../src/common/node.js';
import { buildWorld, errorOf, GD, needStep, SUBMIT_NEED, submitNeed, tryNeedStep, type World } from './world.js';

const NEED = `query($id: ID!) { node(id: $id) { ... on EnterpriseNeed { id status level version daysOpen closedOn reopenCount resolution assigneeKind
  assignee { __typename ... on ServiceOrganization { id name } }
  events { fromStatus toStatus actor actorRole note organization { name } } } } }`;
const LIST = `query($filter: EnterpriseNeedFilter) { enterpriseNeeds(first: 50, filter: $filter) { totalCount edges { node { id status enterprise { name } } } } }`;

describe('needs [D 五(一)]', () => {
  let t: TestApp;
  let w: World;
  const org = (key: keyof World['orgs']) => toGlobalId('ServiceOrganization', w.orgs[key]);
  const need = async (id: string, viewer = w.viewers.national) => (await t.ok(NEED, { id }, viewer)).node;
  beforeAll(async () => {
    t = await createTestApp();
    w = await buildWorld(t, 18);
  });
  afterAll(() => t.close());

  it('the provincial loop: submitted → accepted → assigned to a Guangdong team → resolved → closed by the enterprise, each step in the history', async () => {
    const { gd } = w.firms;
    t.setToday('2026-11-02');
    const n = await submitNeed(t, gd, '专利质押融资对接');
    t.setToday('2026-11-03');
    let s = await needStep(t, 'acceptNeed', { id: n.id, version: n.version, note: '已受理' }, w.viewers.gd);
    s = await needStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('gd'), note: '请对接银行' }, w.viewers.gd);
    expect(s.status).toBe('ASSIGNED');
    // The assigned organisation's users see it now; another organisation's do not.
    expect((await t.ok(LIST, {}, w.viewers.providerGd)).enterpriseNeeds.totalCount).toBe(1);
    expect((await t.ok(LIST, {}, w.viewers.providerJs)).enterpriseNeeds.totalCount).toBe(0);
    t.setToday('2026-11-10');
    s = await needStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: '已促成与两家银行签订质押融资意向。' }, w.viewers.providerGd);
    t.setToday('2026-11-12');
    s = await needStep(t, 'closeNeed', { id: s.id, version: s.version, note: '满意' }, gd.viewer);
    t.setToday('2026-11-20');
    const done = await need(n.id, gd.viewer);
    expect(done).toMatchObject({ status: 'CLOSED', closedOn: '2026-11-12', daysOpen: 10, resolution: '已促成与两家银行签订质押融资意向。', assignee: { __typename: 'ServiceOrganization', name: '广东服务团队' } });
    expect(done.events.map((e: any) => [e.fromStatus, e.toStatus, e.actorRole])).toEqual([
      [null, 'SUBMITTED', 'ENTERPRISE_USER'],
      ['SUBMITTED', 'ACCEPTED', 'PROVINCIAL_ADMIN'],
      ['ACCEPTED', 'ASSIGNED', 'PROVINCIAL_ADMIN'],
      ['ASSIGNED', 'RESOLVED', 'SERVICE_PROVIDER'],
      ['RESOLVED', 'CLOSED', 'ENTERPRISE_USER'],
    ]);
    expect(done.events[2].organization.name).toBe('广东服务团队');
    // Closed is final.
    expect(errorOf(await tryNeedStep(t, 'reopenNeed', { id: s.id, version: s.version, reason: '再议' }, gd.viewer))).toMatchObject({ code: 'CONFLICT', status: 'CLOSED' });
  });

  it('daysOpen counts on the programme clock up to today while the need is open', async () => {
    t.setToday('2026-11-01');
    const n = await submitNeed(t, w.firms.gd2, '贯标辅导');
    t.setToday('2026-11-20');
    expect((await need(n.id)).daysOpen).toBe(19);
    t.setToday('2026-12-01');
    expect((await need(n.id)).daysOpen).toBe(30);
    t.setToday('2026-11-20');
  });

  it('forwarded to the national bureau: it assigns any organisation; the enterprise reopens; the national bureau reassigns; closed', async () => {
    const { gd } = w.firms;
    const n = await submitNeed(t, gd, '德国展会知识产权纠纷应对');
    let s = await needStep(t, 'acceptNeed', { id: n.id, version: n.version }, w.viewers.gd);
    s = await needStep(t, 'forwardNeed', { id: s.id, version: s.version, note: '涉外纠纷，请国家局协调驻外工作站' }, w.viewers.gd);
    expect((await need(n.id)).level).toBe('NATIONAL');
    // L2: the province no longer routes it; the national bureau does not route a provincial one.
    expect(errorOf(await tryNeedStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('gd') }, w.viewers.gd))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'L2' });
    s = await needStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('js') }, w.viewers.national);
    s = await needStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: '已提供应诉指引。' }, w.viewers.providerJs);
    s = await needStep(t, 'reopenNeed', { id: s.id, version: s.version, reason: '指引未涉及德国临时禁令程序' }, gd.viewer);
    expect(s.status).toBe('REOPENED');
    // The organisation cannot resolve a reopened need before it is assigned again.
    expect(errorOf(await tryNeedStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: 'x' }, w.viewers.providerJs))).toMatchObject({ code: 'CONFLICT', status: 'REOPENED' });
    s = await needStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('national') }, w.viewers.national);
    const stationUser = as.user('SERVICE_PROVIDER', { organizationId: w.orgs.national });
    s = await needStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: '驻外工作站已对接当地律师。' }, stationUser);
    s = await needStep(t, 'closeNeed', { id: s.id, version: s.version }, gd.viewer);
    const done = await need(n.id, w.viewers.gd);
    expect(done).toMatchObject({ status: 'CLOSED', reopenCount: 1, assignee: { name: '驻德国工作站' } });
    expect(done.events.map((e: any) => e.toStatus)).toEqual(['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'ASSIGNED', 'RESOLVED', 'REOPENED', 'ASSIGNED', 'RESOLVED', 'CLOSED']);
    // The Jiangsu agency it was first assigned to no longer sees it.
    expect((await t.ok(LIST, {}, w.viewers.providerJs)).enterpriseNeeds.totalCount).toBe(0);
  });

  it('rejections need a reason: by the province on a new need, by the national bureau on a forwarded one; final', async () => {
    const { gd, js } = w.firms;
    const a = await submitNeed(t, gd, '申请资金补助');
    expect(errorOf(await tryNeedStep(t, 'rejectNeed', { id: a.id, version: a.version, reason: '' }, w.viewers.gd)).code).toBe('BAD_USER_INPUT');
    const rejected = await needStep(t, 'rejectNeed', { id: a.id, version: a.version, reason: '不属于知识产权服务范围' }, w.viewers.gd);
    expect(await need(a.id)).toMatchObject({ status: 'REJECTED', closedOn: '2026-11-20', daysOpen: 0 });
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: a.id, version: rejected.version }, w.viewers.gd)).code).toBe('CONFLICT');
    const b = await submitNeed(t, js, '标准必要专利许可谈判');
    let s = await needStep(t, 'acceptNeed', { id: b.id, version: b.version }, w.viewers.js);
    expect(errorOf(await tryNeedStep(t, 'rejectNeed', { id: s.id, version: s.version, reason: '不办' }, w.viewers.national))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'L2' });
    s = await needStep(t, 'forwardNeed', { id: s.id, version: s.version, note: '需国家层面协调' }, w.viewers.js);
    s = await needStep(t, 'rejectNeed', { id: s.id, version: s.version, reason: '属企业间商业谈判，建议委托代理机构' }, w.viewers.national);
    expect(s.status).toBe('REJECTED');
  });

  it('a bureau cannot route a need outside its jurisdiction (NOT_FOUND), nor assign an organisation of another jurisdiction (L1)', async () => {
    const { js, gd, sz } = w.firms;
    const n = await submitNeed(t, js, '专利导航项目');
    for (const viewer of [w.viewers.gd, w.viewers.sz]) {
      expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: n.id, version: n.version }, viewer)).code).toBe('NOT_FOUND');
      expect(errorOf(await tryNeedStep(t, 'rejectNeed', { id: n.id, version: n.version, reason: '越权' }, viewer)).code).toBe('NOT_FOUND');
    }
    const s = await needStep(t, 'acceptNeed', { id: n.id, version: n.version }, w.viewers.js);
    expect(errorOf(await tryNeedStep(t, 'forwardNeed', { id: s.id, version: s.version, note: '越权' }, w.viewers.gd)).code).toBe('NOT_FOUND');
    expect(errorOf(await tryNeedStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('js') }, w.viewers.gd)).code).toBe('NOT_FOUND');
    // L1: Jiangsu may assign its own organisations and national ones, not Guangdong's or Shenzhen's.
    for (const key of ['gd', 'sz'] as const) {
      expect(errorOf(await tryNeedStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org(key) }, w.viewers.js))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'L1', paragraph: '五(一)' });
    }
    expect((await needStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('national') }, w.viewers.js)).status).toBe('ASSIGNED');
    // Shenzhen is its own jurisdiction: the Guangdong bureau does not route Shenzhen's needs (R14).
    const m = await submitNeed(t, sz, '贯标认证辅导');
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: m.id, version: m.version }, w.viewers.gd)).code).toBe('NOT_FOUND');
    // The public, an expert, an enterprise and a provider cannot route at all.
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: m.id, version: m.version }, w.viewers.anonymous)).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: m.id, version: m.version }, w.viewers.expert)).code).toBe('NOT_FOUND');
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: m.id, version: m.version }, sz.viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: m.id, version: m.version }, gd.viewer)).code).toBe('NOT_FOUND');
  });

  it('failure paths: stale version, the wrong organisation, the enterprise of another need, L3 reopen limit, R16', async () => {
    const { gd2, gd } = w.firms;
    const n = await submitNeed(t, gd2, '商标海外注册');
    expect(errorOf(await tryNeedStep(t, 'acceptNeed', { id: n.id, version: n.version + 1 }, w.viewers.gd))).toMatchObject({ code: 'CONFLICT', field: 'version' });
    let s = await needStep(t, 'acceptNeed', { id: n.id, version: n.version }, w.viewers.gd);
    s = await needStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('gd') }, w.viewers.gd);
    expect(errorOf(await tryNeedStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: 'x' }, w.viewers.providerJs)).code).toBe('NOT_FOUND');
    expect(errorOf(await tryNeedStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: 'x' }, w.viewers.gd)).code).toBe('FORBIDDEN');
    expect(errorOf(await tryNeedStep(t, 'closeNeed', { id: s.id, version: s.version }, gd.viewer)).code).toBe('NOT_FOUND');
    for (let i = 0; i < 3; i++) {
      s = await needStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: `第 ${i + 1} 次办理` }, w.viewers.providerGd);
      s = await needStep(t, 'reopenNeed', { id: s.id, version: s.version, reason: '未解决' }, gd2.viewer);
      s = await needStep(t, 'assignNeed', { id: s.id, version: s.version, organizationId: org('gd') }, w.viewers.gd);
    }
    s = await needStep(t, 'resolveNeed', { id: s.id, version: s.version, resolution: '第 4 次办理' }, w.viewers.providerGd);
    expect(errorOf(await tryNeedStep(t, 'reopenNeed', { id: s.id, version: s.version, reason: '仍未解决' }, gd2.viewer))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'L3', limit: 3 });
    // Two bureau users acting at once: one wins, the other is told the need changed.
    const m = await submitNeed(t, gd2, '并发');
    const both = await Promise.all([
      tryNeedStep(t, 'acceptNeed', { id: m.id, version: m.version }, w.viewers.gd),
      tryNeedStep(t, 'rejectNeed', { id: m.id, version: m.version, reason: '并发' }, w.viewers.gd),
    ]);
    expect(both.filter((r) => !r.errors).length).toBe(1);
    expect(errorOf(both.find((r) => r.errors)!).code).toBe('CONFLICT');
    // R16: only a current demonstration enterprise submits needs.
    const input = { enterpriseId: w.firms.gdAdvantage.gid, category: 'POLICY', title: '政策', description: '咨询', urgency: 'LOW' };
    expect(errorOf(await t.gql(SUBMIT_NEED, { input }, w.firms.gdAdvantage.viewer))).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R16' });
    expect(errorOf(await t.gql(SUBMIT_NEED, { input: { ...input, enterpriseId: gd2.gid } }, gd.viewer)).code).toBe('FORBIDDEN');
  });

  it('the history is append-only: the database refuses to change or delete an event', async () => {
    await expect(t.sql(`update need_event set note = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`delete from need_event`)).rejects.toThrow(/append-only/);
  });

  it('who sees needs, and filters: status, open, urgency, category, level, organisation, dates, region with roll-up', async () => {
    const count = async (viewer: any, filter?: Record<string, unknown>) => (await t.ok(LIST, { filter }, viewer)).enterpriseNeeds.totalCount;
    const all = await count(w.viewers.national);
    expect(all).toBeGreaterThan(5);
    expect(await count(w.viewers.gd)).toBe(await count(w.viewers.national, { regionCodes: [GD] }));
    expect(await count(w.viewers.national, { regionCodes: [GD], includeSubJurisdictions: true })).toBe((await count(w.viewers.gd)) + (await count(w.viewers.sz)));
    expect(await count(w.firms.gd.viewer)).toBe(await count(w.viewers.national, { enterpriseId: w.firms.gd.gid }));
    expect(await count(w.viewers.national, { open: true })).toBe(all - (await count(w.viewers.national, { statuses: ['CLOSED', 'REJECTED'] })));
    expect(await count(w.viewers.national, { level: 'NATIONAL' })).toBe(2);
    expect(await count(w.viewers.national, { urgencies: ['HIGH'] })).toBe(all);
    expect(await count(w.viewers.national, { categories: ['POLICY'] })).toBe(0);
    expect(await count(w.viewers.national, { organizationId: org('national') })).toBe(2);
    expect(await count(w.viewers.national, { submittedFrom: '2026-11-01', submittedTo: '2026-11-02' })).toBe(2);
    expect(errorOf(await t.gql(LIST, { filter: { submittedFrom: '2026-11-02', submittedTo: '2026-11-01' } }, w.viewers.national)).code).toBe('BAD_USER_INPUT');
    for (const viewer of [w.viewers.expert]) expect(errorOf(await t.gql(LIST, {}, viewer)).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(LIST, {}, w.viewers.anonymous)).code).toBe('UNAUTHENTICATED');
    const [first] = (await t.ok(LIST, { filter: { enterpriseId: w.firms.js.gid } }, w.viewers.national)).enterpriseNeeds.edges;
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: first.node.id }, w.viewers.gd)).node).toBeNull();
    expect((await t.ok(`query($id: ID!) { node(id: $id) { id } }`, { id: first.node.id }, w.firms.gd.viewer)).node).toBeNull();
  });
});
