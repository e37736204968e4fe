/**
 * docs/permissions.md, "rows visible (list, count, by id, node, nested)": for every viewer, every
 * way of reaching an enterprise answers the same set — the one the matrix gives — and what a viewer
 * gets for a visible enterprise's public profile is what the national admin gets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import {
  BJ,
  buildWorld,
  canReadEnterprisePrivate,
  canSeeEnterprise,
  ENTERPRISE_KEYS,
  expectNoErrors,
  GD,
  listAllEnterpriseIds,
  SZ,
  VIEWER_KEYS,
  visibleEnterprises,
  type EnterpriseFx,
  type EnterpriseKey,
  type ViewerKey,
  type World,
} from './fixtures.js';

/** The public profile (docs: name, credit code, region, industry, size, address, dates, flags, designations, current designation, stage). */
const PUBLIC = `
  id name creditCode sizeClass address foundedOn exportOriented industryLeader standardCertifiedOn createdAt updatedAt version
  region { code } industry { code } stage
  currentDesignation { id level status validFrom validUntil }
  designations { id level status batchYear validFrom validUntil }
`;

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

const all = () => ENTERPRISE_KEYS.map((k) => w.enterprises[k]);
const gids = (list: EnterpriseFx[]) => list.map((e) => e.gid);

/** The matrix, written out by hand for this world, as a check on the model in fixtures.ts. */
const EXPECTED_BY_HAND: Record<ViewerKey, EnterpriseKey[]> = {
  anonymous: ['gdDesignated', 'szDesignated'],
  expert: ['gdDesignated', 'szDesignated'],
  serviceProvider: ['gdDesignated', 'szDesignated'],
  enterpriseUser: ['gdDesignated', 'gdPlain', 'szDesignated'],
  provincialGd: ['gdDesignated', 'gdPlain', 'szDesignated'],
  provincialSz: ['gdDesignated', 'szDesignated', 'szPlain'],
  national: ['gdDesignated', 'gdPlain', 'szDesignated', 'szPlain', 'bjPlain', 'bjExpired'],
};

describe('the world and the model', () => {
  it('the model of the matrix gives the hand-written visible sets', () => {
    for (const v of VIEWER_KEYS) {
      expect(visibleEnterprises(w, v).map((e) => e.key).sort(), v).toEqual([...EXPECTED_BY_HAND[v]].sort());
    }
  });

  it('the national admin sees every enterprise of the world, and the expired designation reads as EXPIRED', async () => {
    const { ids, totalCounts } = await listAllEnterpriseIds(t, w.viewers.national);
    expect([...ids].sort()).toEqual(gids(all()).sort());
    expect(totalCounts.every((c) => c === 6)).toBe(true);
    const data = await t.ok(`query($id: ID!) { enterprise(id: $id) { currentDesignation { id } designations { status } } }`, { id: w.enterprises.bjExpired.gid }, w.viewers.national);
    expect(data.enterprise).toEqual({ currentDesignation: null, designations: [{ status: 'EXPIRED' }] });
  });
});

describe.each(VIEWER_KEYS)('enterprise rows as %s', (viewerKey) => {
  const viewer = () => w.viewers[viewerKey];
  const scope = () => w.scopes[viewerKey];
  const expected = () => visibleEnterprises(w, viewerKey);
  const expectedIds = () => new Set(gids(expected()));

  it('enterprises (every page of 2) lists exactly the visible set, in the national order; totalCount on every page is its size', async () => {
    const national = await listAllEnterpriseIds(t, w.viewers.national);
    const mine = await listAllEnterpriseIds(t, viewer());
    expect(mine.ids).toEqual(national.ids.filter((id) => expectedIds().has(id)));
    expect(new Set(mine.totalCounts)).toEqual(new Set([expected().length]));
  });

  it('enterprises in one page (default size), forwards and backwards, agree', async () => {
    const forward = await t.gql(`{ enterprises { totalCount edges { node { id } } } }`, {}, viewer());
    const backward = await t.gql(`{ enterprises(last: 100) { totalCount edges { node { id } } } }`, {}, viewer());
    expectNoErrors(forward);
    expectNoErrors(backward);
    const f = forward.data!.enterprises;
    const b = backward.data!.enterprises;
    expect(new Set(f.edges.map((e: any) => e.node.id))).toEqual(expectedIds());
    expect(b.edges.map((e: any) => e.node.id)).toEqual(f.edges.map((e: any) => e.node.id));
    expect([f.totalCount, b.totalCount]).toEqual([expected().length, expected().length]);
  });

  it.each([
    ['Guangdong summed with Shenzhen', { regionCodes: [GD], includeSubJurisdictions: true }, (e: EnterpriseFx) => e.regionCode === GD || e.regionCode === SZ],
    ['Shenzhen', { regionCodes: [SZ] }, (e: EnterpriseFx) => e.regionCode === SZ],
    ['Beijing', { regionCodes: [BJ] }, (e: EnterpriseFx) => e.regionCode === BJ],
    ['expired designations', { designation: { statuses: ['EXPIRED'] } }, (e: EnterpriseFx) => e.key === 'bjExpired'],
    ['a name search', { search: '矩阵测试' }, () => true],
  ] as const)('a filter on %s never reveals a hidden row (list and totalCount)', async (_label, filter, matches) => {
    const national = await listAllEnterpriseIds(t, w.viewers.national, filter as Record<string, unknown>);
    const mine = await listAllEnterpriseIds(t, viewer(), filter as Record<string, unknown>);
    const want = expected().filter(matches);
    expect(mine.ids).toEqual(national.ids.filter((id) => expectedIds().has(id)));
    expect([...mine.ids].sort()).toEqual(gids(want).sort());
    expect(new Set(mine.totalCounts)).toEqual(new Set([want.length]));
  });

  it('enterprise(id) is the national public profile for a visible enterprise and null otherwise, without errors', async () => {
    for (const e of all()) {
      const q = `query($id: ID!) { enterprise(id: $id) { ${PUBLIC} } }`;
      const mine = await t.gql(q, { id: e.gid }, viewer());
      const national = await t.ok(q, { id: e.gid }, w.viewers.national);
      expectNoErrors(mine);
      expect(mine.data!.enterprise, `${viewerKey} → ${e.key}`).toEqual(canSeeEnterprise(scope(), e) ? national.enterprise : null);
    }
  });

  it('enterpriseByCreditCode answers the same as enterprise(id)', async () => {
    for (const e of all()) {
      const q = `query($code: CreditCode!) { enterpriseByCreditCode(code: $code) { ${PUBLIC} } }`;
      const mine = await t.gql(q, { code: e.creditCode }, viewer());
      const national = await t.ok(q, { code: e.creditCode }, w.viewers.national);
      expectNoErrors(mine);
      expect(mine.data!.enterpriseByCreditCode, `${viewerKey} → ${e.key}`).toEqual(canSeeEnterprise(scope(), e) ? national.enterpriseByCreditCode : null);
    }
  });

  it('node(id) and nodes(ids) answer the same as enterprise(id), position by position', async () => {
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename ... on Enterprise { ${PUBLIC} } } }`;
    const mine = await t.gql(q, { ids: gids(all()) }, viewer());
    const national = await t.ok(q, { ids: gids(all()) }, w.viewers.national);
    expectNoErrors(mine);
    expect(mine.data!.nodes).toEqual(all().map((e, i) => (canSeeEnterprise(scope(), e) ? national.nodes[i] : null)));
    for (const e of all()) {
      const one = await t.gql(`query($id: ID!) { node(id: $id) { ... on Enterprise { id name } } }`, { id: e.gid }, viewer());
      expectNoErrors(one);
      expect(one.data!.node, `${viewerKey} → ${e.key}`).toEqual(canSeeEnterprise(scope(), e) ? { id: e.gid, name: e.name } : null);
    }
  });

  it('Designation by node(id) and Designation.enterprise: only with a visible enterprise', async () => {
    const owners = all().flatMap((e) => e.designations.map((d) => ({ d, e })));
    expect(owners.length).toBe(3);
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Designation { id level status enterprise { ${PUBLIC} } } } }`;
    const ids = owners.map((o) => o.d.gid);
    const mine = await t.gql(q, { ids }, viewer());
    const national = await t.ok(q, { ids }, w.viewers.national);
    expectNoErrors(mine);
    expect(national.nodes.every((n: any) => n !== null)).toBe(true);
    expect(mine.data!.nodes).toEqual(owners.map((o, i) => (canSeeEnterprise(scope(), o.e) ? national.nodes[i] : null)));
    for (const { d, e } of owners) {
      const one = await t.gql(`query($id: ID!) { node(id: $id) { ... on Designation { id enterprise { id } } } }`, { id: d.gid }, viewer());
      expectNoErrors(one);
      expect(one.data!.node).toEqual(canSeeEnterprise(scope(), e) ? { id: d.gid, enterprise: { id: e.gid } } : null);
    }
  });

  it('EnterpriseStatistics by node(id): own / own jurisdiction / all, and its enterprise edge', async () => {
    const rows = all().flatMap((e) => e.statistics.map((s) => ({ s, e })));
    const q = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on EnterpriseStatistics { id year inventionApplications enterprise { id } } } }`;
    const ids = rows.map((r) => r.s.gid);
    const mine = await t.gql(q, { ids }, viewer());
    const national = await t.ok(q, { ids }, w.viewers.national);
    expectNoErrors(mine);
    expect(national.nodes.map((n: any) => n.enterprise.id)).toEqual(rows.map((r) => r.e.gid));
    expect(mine.data!.nodes).toEqual(rows.map((r, i) => (canReadEnterprisePrivate(scope(), r.e) ? national.nodes[i] : null)));
    for (const { s, e } of rows) {
      const one = await t.gql(`query($id: ID!) { node(id: $id) { ... on EnterpriseStatistics { id year } } }`, { id: s.gid }, viewer());
      expectNoErrors(one);
      expect(one.data!.node, `${viewerKey} → ${e.key} ${s.year}`).toEqual(canReadEnterprisePrivate(scope(), e) ? { id: s.gid, year: s.year } : null);
    }
  });
});

describe('a separately planned city is its own jurisdiction', () => {
  const PRIVATE = `contactName contactPhone contactEmail internalNotes statistics { id year }`;

  it("Guangdong's admin does not see Shenzhen's undesignated enterprise by any path", async () => {
    const v = w.viewers.provincialGd;
    const sz = w.enterprises.szPlain;
    const data = await t.ok(
      `query($id: ID!, $code: CreditCode!, $sid: ID!) {
        enterprise(id: $id) { id }
        enterpriseByCreditCode(code: $code) { id }
        node(id: $id) { id }
        stats: node(id: $sid) { id }
      }`,
      { id: sz.gid, code: sz.creditCode, sid: sz.statistics[0]!.gid },
      v,
    );
    expect(data).toEqual({ enterprise: null, enterpriseByCreditCode: null, node: null, stats: null });
    const summed = await listAllEnterpriseIds(t, v, { regionCodes: [GD], includeSubJurisdictions: true });
    expect(summed.ids).not.toContain(sz.gid);
    expect([...summed.ids].sort()).toEqual([w.enterprises.gdDesignated.gid, w.enterprises.gdPlain.gid, w.enterprises.szDesignated.gid].sort());
    expect(summed.totalCounts).toEqual([3, 3]);
    const shenzhen = await listAllEnterpriseIds(t, v, { regionCodes: [SZ] });
    expect(shenzhen).toEqual({ ids: [w.enterprises.szDesignated.gid], totalCounts: [1] });
  });

  it("Guangdong's admin sees Shenzhen's designated enterprise (public directory) with only its public fields", async () => {
    const sz = w.enterprises.szDesignated;
    const q = `query($id: ID!) { enterprise(id: $id) { ${PUBLIC} ${PRIVATE} } }`;
    const mine = await t.gql(q, { id: sz.gid }, w.viewers.provincialGd);
    const national = await t.ok(q, { id: sz.gid }, w.viewers.national);
    expectNoErrors(mine);
    const { contactName, contactPhone, contactEmail, internalNotes, statistics, ...publicPart } = mine.data!.enterprise;
    expect({ contactName, contactPhone, contactEmail, internalNotes, statistics }).toEqual({ contactName: null, contactPhone: null, contactEmail: null, internalNotes: null, statistics: null });
    const { contactName: _n, contactPhone: _p, contactEmail: _e, internalNotes: _i, statistics: nationalStats, ...nationalPublic } = national.enterprise;
    expect(publicPart).toEqual(nationalPublic);
    expect(publicPart.region.code).toBe(SZ);
    expect(publicPart.currentDesignation).not.toBeNull();
    expect(national.enterprise.contactPhone).toBe(sz.contactPhone);
    expect(national.enterprise.internalNotes).toBe(sz.internalNotes);
    expect(nationalStats).toHaveLength(2);
  });

  it("Guangdong's admin sees its own enterprises whole", async () => {
    const gd = w.enterprises.gdPlain;
    const data = await t.ok(`query($id: ID!) { enterprise(id: $id) { ${PRIVATE} } }`, { id: gd.gid }, w.viewers.provincialGd);
    expect(data.enterprise).toEqual({
      contactName: gd.contactName,
      contactPhone: gd.contactPhone,
      contactEmail: gd.contactEmail,
      internalNotes: gd.internalNotes,
      statistics: gd.statistics.map((s) => ({ id: s.gid, year: s.year })),
    });
  });

  it("and the other way round: Shenzhen's admin does not see Guangdong's undesignated enterprise, and sees Guangdong's designated one publicly", async () => {
    const v = w.viewers.provincialSz;
    const data = await t.ok(
      `query($plain: ID!, $designated: ID!) { plain: enterprise(id: $plain) { id } designated: enterprise(id: $designated) { id ${PRIVATE} } }`,
      { plain: w.enterprises.gdPlain.gid, designated: w.enterprises.gdDesignated.gid },
      v,
    );
    expect(data).toEqual({
      plain: null,
      designated: { id: w.enterprises.gdDesignated.gid, contactName: null, contactPhone: null, contactEmail: null, internalNotes: null, statistics: null },
    });
  });
});
