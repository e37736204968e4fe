/**
 * The same rules through the real HTTP path: a user logs in (t.login), sends its access token, and
 * the auth hook — not a synthetic viewer — decides who is asking. No Authorization header is the
 * anonymous public; a token that is not valid is refused rather than read as anonymous.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import type { Viewer } from '../../src/context.js';
import {
  buildWorld,
  canReadEnterprisePrivate,
  canReadInternalNotes,
  canReadOrganizationContacts,
  canReadPersonPersonal,
  canSeeEnterprise,
  canSeePerson,
  codesOf,
  databaseState,
  ENTERPRISE_KEYS,
  GD,
  SZ,
  type ViewerKey,
  type ViewerScope,
  type World,
} from './fixtures.js';

let t: TestApp;
let w: World;

/** Signed-in viewers of the matrix, each a real account with a real access token. */
type SignedInKey = Exclude<ViewerKey, 'anonymous'>;
const SIGNED_IN: SignedInKey[] = ['national', 'provincialGd', 'provincialSz', 'enterpriseUser', 'serviceProvider', 'expert'];
const tokens = {} as Record<SignedInKey, { accessToken: string; userId: string; username: string }>;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
  const scopes: Record<SignedInKey, Parameters<TestApp['login']>> = {
    national: ['NATIONAL_ADMIN'],
    provincialGd: ['PROVINCIAL_ADMIN', { regionCode: GD }],
    provincialSz: ['PROVINCIAL_ADMIN', { regionCode: SZ }],
    enterpriseUser: ['ENTERPRISE_USER', { enterpriseId: w.enterprises.gdPlain.id }],
    serviceProvider: ['SERVICE_PROVIDER', { organizationId: w.organization.id }],
    expert: ['EXPERT', { personId: w.person.id }],
  };
  for (const key of SIGNED_IN) tokens[key] = await t.login(...scopes[key]);
});
afterAll(() => t.close());

/** Everything a viewer can read about the world, in one document. */
const WORLD_QUERY = `query($ids: [ID!]!, $stats: [ID!]!, $org: ID!, $person: ID!) {
  enterprises(first: 100) { totalCount edges { node { id } } }
  nodes(ids: $ids) { ... on Enterprise { id name contactName contactPhone contactEmail internalNotes statistics { year } } }
  statistics: nodes(ids: $stats) { ... on EnterpriseStatistics { id year } }
  organization: node(id: $org) { ... on ServiceOrganization { id contactPhone contactEmail } }
  person: node(id: $person) { ... on Person { id phone email identityNumber } }
}`;

function worldVariables() {
  const list = ENTERPRISE_KEYS.map((k) => w.enterprises[k]);
  return {
    ids: list.map((e) => e.gid),
    stats: list.flatMap((e) => e.statistics.map((s) => s.gid)),
    org: w.organization.gid,
    person: w.person.gid,
  };
}

/** What the matrix says WORLD_QUERY answers for a scope. */
function expectedWorld(s: ViewerScope) {
  const list = ENTERPRISE_KEYS.map((k) => w.enterprises[k]);
  const visible = list.filter((e) => canSeeEnterprise(s, e));
  const o = w.organization;
  const p = w.person;
  return {
    enterpriseIds: visible.map((e) => e.gid).sort(),
    totalCount: visible.length,
    nodes: list.map((e) =>
      canSeeEnterprise(s, e)
        ? {
            id: e.gid,
            name: e.name,
            contactName: canReadEnterprisePrivate(s, e) ? e.contactName : null,
            contactPhone: canReadEnterprisePrivate(s, e) ? e.contactPhone : null,
            contactEmail: canReadEnterprisePrivate(s, e) ? e.contactEmail : null,
            internalNotes: canReadInternalNotes(s, e) ? e.internalNotes : null,
            statistics: canReadEnterprisePrivate(s, e) ? e.statistics.map((x) => ({ year: x.year })) : null,
          }
        : null,
    ),
    statistics: list.flatMap((e) => e.statistics.map((x) => (canReadEnterprisePrivate(s, e) ? { id: x.gid, year: x.year } : null))),
    organization: { id: o.gid, contactPhone: canReadOrganizationContacts(s, o) ? o.contactPhone : null, contactEmail: canReadOrganizationContacts(s, o) ? o.contactEmail : null },
    person: canSeePerson(s, p)
      ? { id: p.gid, phone: canReadPersonPersonal(s, p) ? p.phone : null, email: canReadPersonPersonal(s, p) ? p.email : null, identityNumber: canReadPersonPersonal(s, p) ? p.identityNumber : null }
      : null,
  };
}

function shape(data: any) {
  return {
    enterpriseIds: data.enterprises.edges.map((e: any) => e.node.id).sort(),
    totalCount: data.enterprises.totalCount,
    nodes: data.nodes,
    statistics: data.statistics,
    organization: data.organization,
    person: data.person,
  };
}

/** The scope a logged-in account has: the fixture viewer's, with the login's own user id. */
function scopeOf(key: ViewerKey): ViewerScope {
  return key === 'anonymous' ? w.scopes.anonymous : { ...w.scopes[key], userId: tokens[key as SignedInKey].userId };
}

describe('no token is the anonymous public', () => {
  it('me says so', async () => {
    const res = await t.http(`{ me { authenticated role user { id } permissions } }`);
    expect(res.status).toBe(200);
    expect(res.body.data!.me).toMatchObject({ authenticated: false, role: 'ANONYMOUS', user: null });
  });

  it('reads exactly what the synthetic anonymous viewer reads, which is the matrix', async () => {
    const res = await t.http(WORLD_QUERY, worldVariables());
    expect(res.body.errors).toBeUndefined();
    const direct = await t.gql(WORLD_QUERY, worldVariables(), w.viewers.anonymous);
    expect(res.body.data).toEqual(direct.data);
    expect(shape(res.body.data)).toEqual(expectedWorld(w.scopes.anonymous));
  });

  it('a mutation is UNAUTHENTICATED and changes nothing', async () => {
    const e = w.enterprises.gdDesignated;
    const before = await databaseState(t);
    const res = await t.http(`mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id } } }`, { input: { id: e.gid, version: 1, address: '匿名' } });
    expect(codesOf(res.body)).toEqual(['UNAUTHENTICATED']);
    expect(await databaseState(t)).toEqual(before);
  });

  it('a token that is not valid is refused (401), not read as anonymous', async () => {
    const res = await t.http(`{ me { authenticated } }`, {}, 'this-is-not-a-valid-access-token');
    expect(res.status).toBe(401);
    expect(codesOf(res.body)).toEqual(['UNAUTHENTICATED']);
    expect(res.body.data ?? null).toBeNull();
  });
});

describe.each(SIGNED_IN)('logged in over HTTP as %s', (key) => {
  it('me is the logged-in account', async () => {
    const res = await t.http(`{ me { authenticated role user { id username } } }`, {}, tokens[key].accessToken);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.me).toEqual({ authenticated: true, role: w.scopes[key].role, user: { id: expect.any(String), username: tokens[key].username } });
  });

  it('reads the same as the synthetic viewer of the same scope, and that is the matrix', async () => {
    const res = await t.http(WORLD_QUERY, worldVariables(), tokens[key].accessToken);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const direct = await t.gql(WORLD_QUERY, worldVariables(), w.viewers[key] as Viewer);
    expect(res.body.data).toEqual(direct.data);
    expect(shape(res.body.data)).toEqual(expectedWorld(scopeOf(key)));
  });
});

describe('mutations over HTTP follow the same matrix', () => {
  const UPDATE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id name address } } }`;
  const version = async (id: string) => Number((await t.sql<{ version: number }>('select version from enterprise where id = ?', [id]))[0]!.version);

  async function refused(token: string, query: string, variables: Record<string, unknown>, code: string) {
    const before = await databaseState(t);
    const res = await t.http(query, variables, token);
    expect(codesOf(res.body), JSON.stringify(res.body.errors)).toEqual([code]);
    expect(await databaseState(t)).toEqual(before);
  }

  it("Guangdong's admin: FORBIDDEN on Shenzhen's designated enterprise, NOT_FOUND on Shenzhen's undesignated one, allowed on its own", async () => {
    const token = tokens.provincialGd.accessToken;
    const sz = w.enterprises.szDesignated;
    const szPlain = w.enterprises.szPlain;
    await refused(token, UPDATE, { input: { id: sz.gid, version: await version(sz.id), address: '越权' } }, 'FORBIDDEN');
    await refused(token, UPDATE, { input: { id: szPlain.gid, version: await version(szPlain.id), address: '越权' } }, 'NOT_FOUND');
    const gd = w.enterprises.gdPlain;
    const res = await t.http(UPDATE, { input: { id: gd.gid, version: await version(gd.id), address: '广州市天河区' } }, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.updateEnterprise.enterprise).toEqual({ id: gd.gid, name: gd.name, address: '广州市天河区' });
    const [entry] = await t.sql<{ username: string; role: string; jurisdiction: string }>(
      `select username, role, jurisdiction from audit_entry where operation = 'updateEnterprise' order by at desc limit 1`,
    );
    expect(entry).toEqual({ username: tokens.provincialGd.username, role: 'PROVINCIAL_ADMIN', jurisdiction: GD });
  });

  it("Guangdong's admin cannot move its enterprise to Shenzhen", async () => {
    const gd = w.enterprises.gdDesignated;
    await refused(tokens.provincialGd.accessToken, UPDATE, { input: { id: gd.gid, version: await version(gd.id), regionCode: SZ } }, 'FORBIDDEN');
  });

  it('the enterprise user: FORBIDDEN on its credit code and internal notes, allowed on its name', async () => {
    const token = tokens.enterpriseUser.accessToken;
    const own = w.enterprises.gdPlain;
    await refused(token, UPDATE, { input: { id: own.gid, version: await version(own.id), internalNotes: '自己写' } }, 'FORBIDDEN');
    await refused(token, UPDATE, { input: { id: own.gid, version: await version(own.id), industryLeader: true } }, 'FORBIDDEN');
    const res = await t.http(UPDATE, { input: { id: own.gid, version: await version(own.id), name: '广东未认定矩阵测试科技集团有限公司' } }, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.updateEnterprise.enterprise.name).toBe('广东未认定矩阵测试科技集团有限公司');
  });

  it('expert and service provider: createEnterprise FORBIDDEN; users and auditLog FORBIDDEN', async () => {
    const create = `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id } } }`;
    // A credit code the schema accepts: a real one (the refusal comes before any duplicate check).
    const input = { creditCode: w.enterprises.bjPlain.creditCode, name: '不该登记的企业', regionCode: GD, industryCode: '39', sizeClass: 'SMALL', foundedOn: '2010-01-01' };
    for (const key of ['expert', 'serviceProvider'] as const) {
      const token = tokens[key].accessToken;
      await refused(token, create, { input }, 'FORBIDDEN');
      const users = await t.http(`{ users { totalCount } }`, {}, token);
      expect(codesOf(users.body)).toEqual(['FORBIDDEN']);
      const audit = await t.http(`{ auditLog { totalCount } }`, {}, token);
      expect(codesOf(audit.body)).toEqual(['FORBIDDEN']);
    }
  });

  it("the audit log: Guangdong's admin sees only Guangdong's entries, the national admin all", async () => {
    const q = `{ auditLog(first: 100) { totalCount edges { node { jurisdiction } } } }`;
    const gd = await t.http(q, {}, tokens.provincialGd.accessToken);
    const all = await t.http(q, {}, tokens.national.accessToken);
    expect(gd.body.errors).toBeUndefined();
    expect(all.body.errors).toBeUndefined();
    const [{ n }] = (await t.sql<{ n: string }>('select count(*)::text as n from audit_entry')) as [{ n: string }];
    const [{ g }] = (await t.sql<{ g: string }>(`select count(*)::text as g from audit_entry where jurisdiction = '${GD}'`)) as [{ g: string }];
    expect(all.body.data!.auditLog.totalCount).toBe(Number(n));
    expect(gd.body.data!.auditLog.totalCount).toBe(Number(g));
    expect(Number(g)).toBeGreaterThan(0);
    expect(new Set(gd.body.data!.auditLog.edges.map((e: any) => e.node.jurisdiction))).toEqual(new Set([GD]));
  });
});
