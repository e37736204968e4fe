/**
 * docs/permissions.md, what each role may change: createEnterprise, updateEnterprise,
 * setEnterpriseStatistics, createUser, setUserDisabled, resetUserPassword, and who may read the
 * audit log. Without a login: UNAUTHENTICATED; on a row outside the viewer's visibility: NOT_FOUND;
 * on a visible row outside its write scope: FORBIDDEN. After every refusal every watched table is
 * exactly as before (no change, no audit entry); every allowed change writes one audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { codeSeries } from '../harness/credit-codes.js';
import type { Role, Viewer } from '../../src/context.js';
import {
  auditCount,
  auditLogOutcome,
  BJ,
  buildWorld,
  canSeeEnterprise,
  canSeeUser,
  codesOf,
  createEnterpriseOutcome,
  createStaffOutcome,
  databaseState,
  ENTERPRISE_KEYS,
  enterpriseWriteOutcome,
  GD,
  manageUserOutcome,
  SZ,
  updateWorldPersonOutcome,
  USER_KEYS,
  VIEWER_KEYS,
  type UserFx,
  type ViewerKey,
  type World,
} from './fixtures.js';

const newCode = codeSeries(7_000_003, 91_813, GD);

const CREATE_ENTERPRISE = `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id region { code } } } }`;
const UPDATE_ENTERPRISE = `mutation($input: UpdateEnterpriseInput!) {
  updateEnterprise(input: $input) { enterprise { id name address version region { code } contactName contactPhone contactEmail } }
}`;
const SET_STATISTICS = `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { created statistics { id year inventionGrants } } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { user { id username role } } }`;
const SET_DISABLED = `mutation($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { user { id disabled } } }`;
const RESET_PASSWORD = `mutation($input: ResetUserPasswordInput!) { resetUserPassword(input: $input) { user { id } temporaryPassword } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { session { accessToken } } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id regionCode employerEnterprise { id } } } }`;
const UPDATE_PERSON = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id title version } } }`;
const AUDIT_LOG = `query($filter: AuditLogFilter, $after: String) {
  auditLog(first: 100, after: $after, filter: $filter) { totalCount edges { node { id operation objectType jurisdiction objectGlobalId } } pageInfo { hasNextPage endCursor } }
}`;

let t: TestApp;
let w: World;

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld(t);
});
afterAll(() => t.close());

type Outcome = null | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';

/**
 * Runs a mutation and checks its outcome. A refusal: exactly that error code, no data, and every
 * watched table unchanged. An allowed change: no error and exactly one new audit entry.
 */
async function attempt(label: string, viewer: Viewer, query: string, variables: Record<string, unknown>, expected: Outcome): Promise<GraphQLResult<Record<string, any>>> {
  const before = expected ? await databaseState(t) : null;
  const auditBefore = await auditCount(t);
  const result = await t.gql(query, variables, viewer);
  if (expected) {
    expect(codesOf(result), `${label}: ${JSON.stringify(result.errors)}`).toEqual([expected]);
    expect(result.data ?? null, label).toBeNull();
    expect(await databaseState(t), `${label}: the refusal changed the database`).toEqual(before);
  } else {
    expect(result.errors, `${label}: ${JSON.stringify(result.errors)}`).toBeUndefined();
    expect(await auditCount(t), `${label}: one audit entry`).toBe(auditBefore + 1);
  }
  return result;
}

async function enterpriseRow(id: string) {
  const [row] = await t.sql<Record<string, any>>(
    `select credit_code, name, region_code, industry_leader, address, contact_name, contact_phone, contact_email, internal_notes, version from enterprise where id = ?`,
    [id],
  );
  return row!;
}

const versionOf = async (id: string) => Number((await enterpriseRow(id)).version);

describe('anonymous: every mutation is UNAUTHENTICATED, even with input that is otherwise wrong', () => {
  const anon = () => w.viewers.anonymous;

  it('with valid input', async () => {
    const e = w.enterprises.gdDesignated;
    const u = w.users.enterpriseUser;
    const cases: [string, string, Record<string, unknown>][] = [
      ['createEnterprise', CREATE_ENTERPRISE, { input: { creditCode: newCode(), name: '匿名登记测试有限公司', regionCode: GD, industryCode: '39', sizeClass: 'SMALL', foundedOn: '2010-01-01' } }],
      ['updateEnterprise', UPDATE_ENTERPRISE, { input: { id: e.gid, version: await versionOf(e.id), name: '匿名改名测试有限公司' } }],
      ['setEnterpriseStatistics', SET_STATISTICS, { input: { enterpriseId: e.gid, year: 2020, inventionGrants: 1 } }],
      ['createUser', CREATE_USER, { input: { username: 'anon-created', displayName: '匿名', role: 'ENTERPRISE_USER', enterpriseId: e.gid, password: 'a-long-password-1' } }],
      ['setUserDisabled', SET_DISABLED, { input: { id: u.gid, disabled: true } }],
      ['resetUserPassword', RESET_PASSWORD, { input: { id: u.gid } }],
      ['changePassword', CHANGE_PASSWORD, { input: { currentPassword: 'whatever-123', newPassword: 'another-long-password-2' } }],
      ['createPerson', CREATE_PERSON, { input: { name: '匿名登记的人员', employerEnterpriseId: e.gid } }],
      ['updatePerson', UPDATE_PERSON, { input: { id: w.person.gid, version: 1, title: '匿名修改' } }],
    ];
    for (const [label, query, variables] of cases) await attempt(`anonymous ${label}`, anon(), query, variables, 'UNAUTHENTICATED');
  });

  it('with input that would be refused as BAD_USER_INPUT for a signed-in user', async () => {
    const e = w.enterprises.gdDesignated;
    const cases: [string, string, Record<string, unknown>][] = [
      ['createEnterprise (unknown industry)', CREATE_ENTERPRISE, { input: { creditCode: newCode(), name: '匿名登记测试有限公司', regionCode: GD, industryCode: 'ZZ', sizeClass: 'SMALL', foundedOn: '2010-01-01' } }],
      ['updateEnterprise (empty name)', UPDATE_ENTERPRISE, { input: { id: e.gid, version: 1, name: '' } }],
      ['createUser (bad username)', CREATE_USER, { input: { username: '!', displayName: '匿名', role: 'NATIONAL_ADMIN' } }],
      ['setEnterpriseStatistics (year out of range)', SET_STATISTICS, { input: { enterpriseId: e.gid, year: 1970 } }],
      ['setEnterpriseStatistics (malformed enterprise id)', SET_STATISTICS, { input: { enterpriseId: 'not-an-id', year: 2020 } }],
    ];
    const failures: string[] = [];
    for (const [label, query, variables] of cases) {
      const result = await t.gql(query, variables, anon());
      const codes = codesOf(result);
      if (codes.length !== 1 || codes[0] !== 'UNAUTHENTICATED') failures.push(`${label} → ${codes.join(',')}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('createEnterprise: national anywhere; provincial admin in its own jurisdiction; everyone else FORBIDDEN', () => {
  it.each(VIEWER_KEYS)('as %s, in Guangdong, Shenzhen and Beijing', async (viewerKey) => {
    for (const regionCode of [GD, SZ, BJ]) {
      const expected = createEnterpriseOutcome(w.scopes[viewerKey], regionCode);
      const creditCode = newCode(regionCode);
      const input = { creditCode, name: `${viewerKey}登记${regionCode}测试有限公司`, regionCode, industryCode: '39', sizeClass: 'SMALL', foundedOn: '2010-01-01' };
      const result = await attempt(`${viewerKey} createEnterprise in ${regionCode}`, w.viewers[viewerKey], CREATE_ENTERPRISE, { input }, expected);
      if (!expected) {
        expect(result.data!.createEnterprise.enterprise.region.code).toBe(regionCode);
        const [row] = await t.sql<{ region_code: string }>('select region_code from enterprise where credit_code = ?', [creditCode]);
        expect(row?.region_code).toBe(regionCode);
      }
    }
  });

  it('the matrix gives: provincial Guangdong may create only in 440000 (Shenzhen is not its jurisdiction)', () => {
    expect([GD, SZ, BJ].map((r) => createEnterpriseOutcome(w.scopes.provincialGd, r))).toEqual([null, 'FORBIDDEN', 'FORBIDDEN']);
    expect(['anonymous', 'expert', 'serviceProvider', 'enterpriseUser'].map((v) => createEnterpriseOutcome(w.scopes[v as ViewerKey], GD))).toEqual([
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'FORBIDDEN',
      'FORBIDDEN',
    ]);
  });
});

describe('updateEnterprise on every enterprise of the world', () => {
  it.each(VIEWER_KEYS)('as %s: allowed, FORBIDDEN (visible) or NOT_FOUND (not visible) by the matrix', async (viewerKey) => {
    for (const key of ENTERPRISE_KEYS) {
      const e = w.enterprises[key];
      const expected = enterpriseWriteOutcome(w.scopes[viewerKey], e);
      const version = await versionOf(e.id);
      const address = `${viewerKey} 修改的地址 ${key}`;
      const result = await attempt(`${viewerKey} updateEnterprise ${key}`, w.viewers[viewerKey], UPDATE_ENTERPRISE, { input: { id: e.gid, version, address } }, expected);
      if (!expected) {
        expect(result.data!.updateEnterprise.enterprise).toMatchObject({ id: e.gid, address, version: version + 1 });
        const row = await enterpriseRow(e.id);
        expect([row.address, Number(row.version)]).toEqual([address, version + 1]);
      }
    }
  });

  it('the matrix gives, for the Guangdong admin: its two enterprises; FORBIDDEN on Shenzhen’s designated one; NOT_FOUND on the rest', () => {
    expect(ENTERPRISE_KEYS.map((k) => enterpriseWriteOutcome(w.scopes.provincialGd, w.enterprises[k]))).toEqual([null, null, 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(ENTERPRISE_KEYS.map((k) => enterpriseWriteOutcome(w.scopes.enterpriseUser, w.enterprises[k]))).toEqual(['FORBIDDEN', null, 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    expect(ENTERPRISE_KEYS.map((k) => enterpriseWriteOutcome(w.scopes.expert, w.enterprises[k]))).toEqual(['FORBIDDEN', 'NOT_FOUND', 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
  });
});

describe('setEnterpriseStatistics on every enterprise of the world', () => {
  it.each(VIEWER_KEYS.map((v, i) => [v, 2010 + i] as const))('as %s (year %i)', async (viewerKey, year) => {
    for (const key of ENTERPRISE_KEYS) {
      const e = w.enterprises[key];
      const expected = enterpriseWriteOutcome(w.scopes[viewerKey], e);
      const result = await attempt(`${viewerKey} setEnterpriseStatistics ${key}`, w.viewers[viewerKey], SET_STATISTICS, { input: { enterpriseId: e.gid, year, inventionGrants: 7 } }, expected);
      if (!expected) {
        expect(result.data!.setEnterpriseStatistics).toMatchObject({ created: true, statistics: { year, inventionGrants: 7 } });
        const rows = await t.sql('select 1 from enterprise_statistics where enterprise_id = ? and year = ?', [e.id, year]);
        expect(rows).toHaveLength(1);
      }
    }
  });

  it('updating an existing year follows the same rule', async () => {
    const e = w.enterprises.gdPlain;
    const [row] = await t.sql<{ version: number }>('select version from enterprise_statistics where enterprise_id = ? and year = 2024', [e.id]);
    const input = { enterpriseId: e.gid, year: 2024, version: row!.version, inventionGrants: 99 };
    await attempt('provincialSz updates 2024 of gdPlain', w.viewers.provincialSz, SET_STATISTICS, { input }, 'NOT_FOUND');
    await attempt('expert updates 2024 of gdPlain', w.viewers.expert, SET_STATISTICS, { input }, 'NOT_FOUND');
    await attempt('enterprise user updates its own 2024', w.viewers.enterpriseUser, SET_STATISTICS, { input }, null);
  });
});

describe('an enterprise user on its own enterprise: profile and contacts, not the official facts', () => {
  const own = () => w.enterprises.gdPlain;
  const viewer = () => w.viewers.enterpriseUser;

  it.each([
    ['creditCode', () => ({ creditCode: newCode(GD) })],
    ['regionCode', () => ({ regionCode: SZ })],
    ['industryLeader', () => ({ industryLeader: true })],
    ['internalNotes', () => ({ internalNotes: '企业自己写的备注' })],
    ['internalNotes (clearing)', () => ({ internalNotes: null })],
    ['name together with creditCode', () => ({ name: '企业自改名称测试有限公司', creditCode: newCode(GD) })],
  ] as const)('%s → FORBIDDEN, nothing changed', async (label, change) => {
    const input = { id: own().gid, version: await versionOf(own().id), ...change() };
    await attempt(`enterprise user changes ${label}`, viewer(), UPDATE_ENTERPRISE, { input }, 'FORBIDDEN');
  });

  it('name and contacts → changed, internal notes untouched', async () => {
    const before = await enterpriseRow(own().id);
    const input = {
      id: own().gid,
      version: Number(before.version),
      name: '广东未认定矩阵测试科技股份有限公司',
      contactName: '新联系人',
      contactPhone: '020-11112222',
      contactEmail: 'new-contact@gdplain.example.cn',
    };
    const result = await attempt('enterprise user changes name and contacts', viewer(), UPDATE_ENTERPRISE, { input }, null);
    expect(result.data!.updateEnterprise.enterprise).toMatchObject({
      name: input.name,
      contactName: input.contactName,
      contactPhone: input.contactPhone,
      contactEmail: input.contactEmail,
      region: { code: GD },
    });
    const after = await enterpriseRow(own().id);
    expect(after).toMatchObject({
      name: input.name,
      contact_name: input.contactName,
      contact_phone: input.contactPhone,
      contact_email: input.contactEmail,
      credit_code: before.credit_code,
      region_code: GD,
      industry_leader: before.industry_leader,
      internal_notes: before.internal_notes,
    });
  });

  it('an official field of an enterprise it may see but not change → FORBIDDEN; of one it may not see → NOT_FOUND', async () => {
    const visible = w.enterprises.gdDesignated;
    const hidden = w.enterprises.bjPlain;
    await attempt('enterprise user sets industryLeader of a public-directory enterprise', viewer(), UPDATE_ENTERPRISE, { input: { id: visible.gid, version: await versionOf(visible.id), industryLeader: true } }, 'FORBIDDEN');
    await attempt('enterprise user sets industryLeader of an enterprise it cannot see', viewer(), UPDATE_ENTERPRISE, { input: { id: hidden.gid, version: await versionOf(hidden.id), industryLeader: true } }, 'NOT_FOUND');
  });
});

describe('a provincial admin cannot move an enterprise to another jurisdiction', () => {
  it('Guangdong → Shenzhen or Beijing is FORBIDDEN; the national admin may; afterwards Guangdong no longer sees it', async () => {
    const code = newCode(GD);
    const created = await attempt(
      'provincial Guangdong creates an enterprise',
      w.viewers.provincialGd,
      CREATE_ENTERPRISE,
      { input: { creditCode: code, name: '待迁移矩阵测试有限公司', regionCode: GD, industryCode: '39', sizeClass: 'SMALL', foundedOn: '2012-05-05' } },
      null,
    );
    const gid: string = created.data!.createEnterprise.enterprise.id;
    const [{ id }] = (await t.sql<{ id: string }>('select id from enterprise where credit_code = ?', [code])) as [{ id: string }];
    for (const regionCode of [SZ, BJ]) {
      await attempt(`provincial Guangdong moves it to ${regionCode}`, w.viewers.provincialGd, UPDATE_ENTERPRISE, { input: { id: gid, version: await versionOf(id), regionCode } }, 'FORBIDDEN');
      await attempt(
        `provincial Guangdong moves it to ${regionCode} together with a harmless change`,
        w.viewers.provincialGd,
        UPDATE_ENTERPRISE,
        { input: { id: gid, version: await versionOf(id), regionCode, address: '迁移途中' } },
        'FORBIDDEN',
      );
    }
    // Shenzhen's designated enterprise is visible to Guangdong, but not Guangdong's to take over.
    const sz = w.enterprises.szDesignated;
    await attempt('provincial Guangdong moves a Shenzhen enterprise into Guangdong', w.viewers.provincialGd, UPDATE_ENTERPRISE, { input: { id: sz.gid, version: await versionOf(sz.id), regionCode: GD } }, 'FORBIDDEN');

    const moved = await attempt('national moves it to Shenzhen', w.viewers.national, UPDATE_ENTERPRISE, { input: { id: gid, version: await versionOf(id), regionCode: SZ } }, null);
    expect(moved.data!.updateEnterprise.enterprise.region.code).toBe(SZ);
    await attempt('provincial Guangdong updates it after the move', w.viewers.provincialGd, UPDATE_ENTERPRISE, { input: { id: gid, version: await versionOf(id), address: '回不去了' } }, 'NOT_FOUND');
    await attempt('provincial Shenzhen updates it after the move', w.viewers.provincialSz, UPDATE_ENTERPRISE, { input: { id: gid, version: await versionOf(id), address: '深圳新址' } }, null);
  });
});

/** Accounts to create: role, scope input, and the jurisdiction the scope lies in. */
function userTargets() {
  const e = w.enterprises;
  return [
    { label: 'enterprise user of a Guangdong enterprise', role: 'ENTERPRISE_USER' as Role, scope: { enterpriseId: e.gdDesignated.gid }, jurisdiction: GD, enterprise: e.gdDesignated },
    { label: 'service provider of the Guangdong organisation', role: 'SERVICE_PROVIDER' as Role, scope: { organizationId: w.organization.gid }, jurisdiction: GD },
    { label: 'enterprise user of a Shenzhen public-directory enterprise', role: 'ENTERPRISE_USER' as Role, scope: { enterpriseId: e.szDesignated.gid }, jurisdiction: SZ, enterprise: e.szDesignated },
    { label: 'enterprise user of a Shenzhen undesignated enterprise', role: 'ENTERPRISE_USER' as Role, scope: { enterpriseId: e.szPlain.gid }, jurisdiction: SZ, enterprise: e.szPlain },
    { label: 'enterprise user of a Beijing enterprise', role: 'ENTERPRISE_USER' as Role, scope: { enterpriseId: e.bjPlain.gid }, jurisdiction: BJ, enterprise: e.bjPlain },
    { label: 'provincial admin of Guangdong', role: 'PROVINCIAL_ADMIN' as Role, scope: { regionCode: GD }, jurisdiction: GD },
    { label: 'expert', role: 'EXPERT' as Role, scope: { personId: w.person.gid }, jurisdiction: null },
    { label: 'national admin', role: 'NATIONAL_ADMIN' as Role, scope: {}, jurisdiction: null },
  ];
}

describe('createPerson: the staff of every enterprise of the world', () => {
  it.each(VIEWER_KEYS)('as %s: allowed, FORBIDDEN (a visible employer outside its scope) or BAD_USER_INPUT (one it cannot see) by the matrix', async (viewerKey) => {
    for (const key of ENTERPRISE_KEYS) {
      const e = w.enterprises[key];
      const expected = createStaffOutcome(w.scopes[viewerKey], e);
      const input = { name: `${viewerKey}登记的${key}员工`, employerEnterpriseId: e.gid };
      const result = await attempt(`${viewerKey} createPerson for ${key}`, w.viewers[viewerKey], CREATE_PERSON, { input }, expected);
      if (!expected) {
        expect(result.data!.createPerson.person).toMatchObject({ regionCode: e.regionCode, employerEnterprise: { id: e.gid } });
        expect(await t.sql('select 1 from person where name = ? and employer_enterprise_id = ?', [input.name, e.id])).toHaveLength(1);
      }
    }
  });

  it('the matrix gives, for the Guangdong admin and the enterprise user: their own; FORBIDDEN on visible others; BAD_USER_INPUT on the rest', () => {
    expect(ENTERPRISE_KEYS.map((k) => createStaffOutcome(w.scopes.provincialGd, w.enterprises[k]))).toEqual([null, null, 'FORBIDDEN', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(ENTERPRISE_KEYS.map((k) => createStaffOutcome(w.scopes.enterpriseUser, w.enterprises[k]))).toEqual(['FORBIDDEN', null, 'FORBIDDEN', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });
});

describe('updatePerson on the world\'s person (no employer, no region)', () => {
  it.each(VIEWER_KEYS)('as %s: the national admin only; FORBIDDEN where visible, NOT_FOUND where not', async (viewerKey) => {
    const expected = updateWorldPersonOutcome(w.scopes[viewerKey], w.person);
    const [row] = await t.sql<{ version: number }>('select version from person where id = ?', [w.person.id]);
    const title = `${viewerKey} 修改的职称`;
    const result = await attempt(`${viewerKey} updatePerson`, w.viewers[viewerKey], UPDATE_PERSON, { input: { id: w.person.gid, version: row!.version, title } }, expected);
    if (!expected) expect(result.data!.updatePerson.person).toMatchObject({ title, version: row!.version + 1 });
  });
});

describe('createUser', () => {
  it.each(VIEWER_KEYS)('as %s, for every kind of account', async (viewerKey) => {
    let i = 0;
    for (const target of userTargets()) {
      // The enterprise a new enterprise user would belong to must be visible, else NOT_FOUND.
      const expected = manageUserOutcome(w.scopes[viewerKey], target, !('enterprise' in target) || !target.enterprise || canSeeEnterprise(w.scopes[viewerKey], target.enterprise));
      const username = `c-${viewerKey.toLowerCase()}-${i++}`;
      const input = { username, displayName: target.label, role: target.role, password: 'a-long-password-1', phone: '13700000000', ...target.scope };
      const result = await attempt(`${viewerKey} createUser ${target.label}`, w.viewers[viewerKey], CREATE_USER, { input }, expected);
      if (!expected) {
        expect(result.data!.createUser.user).toMatchObject({ username, role: target.role });
        expect(await t.sql('select 1 from app_user where username = ?', [username])).toHaveLength(1);
      }
    }
  });

  it('the matrix gives, for the Guangdong admin: only Guangdong enterprise and organisation users', () => {
    expect(
      userTargets().map((x) => manageUserOutcome(w.scopes.provincialGd, x, !('enterprise' in x) || !x.enterprise || canSeeEnterprise(w.scopes.provincialGd, x.enterprise))),
    ).toEqual([null, null, 'FORBIDDEN', 'NOT_FOUND', 'NOT_FOUND', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('setUserDisabled and resetUserPassword on every account of the world', () => {
  const targets = (): UserFx[] => USER_KEYS.map((k) => w.users[k]);

  it.each(VIEWER_KEYS)('setUserDisabled as %s', async (viewerKey) => {
    const viewer = w.viewers[viewerKey];
    for (const u of targets()) {
      // Disabling one's own account is a separate rule, not part of the matrix.
      if (viewer.kind === 'USER' && viewer.userId === u.id && manageUserOutcome(w.scopes[viewerKey], u) === null) continue;
      const expected = manageUserOutcome(w.scopes[viewerKey], u, canSeeUser(w.scopes[viewerKey], u));
      const result = await attempt(`${viewerKey} setUserDisabled(true) ${u.key}`, viewer, SET_DISABLED, { input: { id: u.gid, disabled: true } }, expected);
      if (!expected) {
        expect(result.data!.setUserDisabled.user).toEqual({ id: u.gid, disabled: true });
        expect(await t.sql('select 1 from app_user where id = ? and disabled', [u.id])).toHaveLength(1);
        await attempt(`${viewerKey} setUserDisabled(false) ${u.key}`, viewer, SET_DISABLED, { input: { id: u.gid, disabled: false } }, null);
        expect(await t.sql('select 1 from app_user where id = ? and not disabled', [u.id])).toHaveLength(1);
      }
    }
  });

  it.each(VIEWER_KEYS)('resetUserPassword as %s', async (viewerKey) => {
    const viewer = w.viewers[viewerKey];
    for (const u of targets()) {
      const expected = manageUserOutcome(w.scopes[viewerKey], u, canSeeUser(w.scopes[viewerKey], u));
      const [before] = await t.sql<{ password_hash: string }>('select password_hash from app_user where id = ?', [u.id]);
      const result = await attempt(`${viewerKey} resetUserPassword ${u.key}`, viewer, RESET_PASSWORD, { input: { id: u.gid } }, expected);
      if (!expected) {
        expect(result.data!.resetUserPassword.user.id).toBe(u.gid);
        expect(result.data!.resetUserPassword.temporaryPassword.length).toBeGreaterThanOrEqual(10);
        const [after] = await t.sql<{ password_hash: string }>('select password_hash from app_user where id = ?', [u.id]);
        expect(after!.password_hash).not.toBe(before!.password_hash);
      }
    }
  });

  it('the matrix gives, for the Guangdong admin: its enterprise user and its service provider only', () => {
    expect(targets().filter((u) => manageUserOutcome(w.scopes.provincialGd, u) === null).map((u) => u.key)).toEqual(['enterpriseUser', 'serviceProvider']);
  });
});

describe('auditLog (after the changes above)', () => {
  async function readAll(viewer: Viewer, filter: Record<string, unknown> | null = null) {
    const nodes: any[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (;;) {
      const result: GraphQLResult<Record<string, any>> = await t.gql(AUDIT_LOG, { filter, after }, viewer);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const conn: any = result.data!.auditLog;
      totalCount = conn.totalCount;
      nodes.push(...conn.edges.map((e: any) => e.node));
      if (!conn.pageInfo.hasNextPage) return { nodes, totalCount };
      after = conn.pageInfo.endCursor;
    }
  }

  it('the changes above were recorded in several jurisdictions', async () => {
    const rows = await t.sql<{ jurisdiction: string | null; n: string }>('select jurisdiction, count(*)::text as n from audit_entry group by jurisdiction');
    const by = new Map(rows.map((r) => [r.jurisdiction, Number(r.n)]));
    for (const j of [GD, SZ, BJ]) expect(by.get(j) ?? 0, j).toBeGreaterThan(0);
  });

  it.each(VIEWER_KEYS)('as %s', async (viewerKey) => {
    const s = w.scopes[viewerKey];
    const expected = auditLogOutcome(s);
    if (expected) {
      await attempt(`${viewerKey} auditLog`, w.viewers[viewerKey], AUDIT_LOG, { filter: null, after: null }, expected);
      return;
    }
    const { nodes, totalCount } = await readAll(w.viewers[viewerKey]);
    const ids = await t.sql<{ id: string }>(
      s.role === 'NATIONAL_ADMIN' ? 'select id from audit_entry' : 'select id from audit_entry where jurisdiction = ?',
      s.role === 'NATIONAL_ADMIN' ? [] : [s.regionCode],
    );
    expect(totalCount).toBe(ids.length);
    expect(nodes).toHaveLength(ids.length);
    if (s.role === 'PROVINCIAL_ADMIN') expect(new Set(nodes.map((n) => n.jurisdiction))).toEqual(new Set([s.regionCode]));
  });

  it("a provincial admin's filter cannot widen its view", async () => {
    const gd = w.viewers.provincialGd;
    expect((await readAll(gd, { jurisdiction: SZ })).totalCount).toBe(0);
    expect((await readAll(gd, { objectId: w.enterprises.szPlain.gid })).totalCount).toBe(0);
    expect((await readAll(gd, { objectId: w.enterprises.gdPlain.gid })).totalCount).toBeGreaterThan(0);
    const national = await readAll(w.viewers.national, { objectId: w.enterprises.szPlain.gid });
    expect(national.totalCount).toBeGreaterThan(0);
  });
});
