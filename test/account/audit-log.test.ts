/**
 * Audit log: every successful mutation writes exactly one entry, in the mutation's transaction,
 * with who (user, role, scope), what (operation, object, the changed fields before and after —
 * password hashes only as "changed"), the request id and the client address; a rejected mutation
 * writes nothing. `auditLog` shows everything to the national admin and its jurisdiction's
 * entries to a provincial admin, is FORBIDDEN to other roles and UNAUTHENTICATED anonymously;
 * filters and keyset paging (newest first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, TEST_PASSWORD, type GraphQLResult, type TestApp } from '../harness/app.js';
import { codeSeries } from '../harness/credit-codes.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import type { Viewer } from '../../src/context.js';
import {
  CHANGE_PASSWORD,
  CREATE_USER,
  RESET_PASSWORD,
  SET_DISABLED,
  countRows,
  enterpriseIn,
  onlyError,
  organizationIn,
  PASSWORD,
  personRecord,
  post,
  requestId,
  userGlobalId,
  type HttpResponse,
} from './account-helpers.js';

const newCode = codeSeries(7_000_003, 104_723, '440000');

const CREATE_ENTERPRISE = `mutation($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id name version } } }`;
const UPDATE_ENTERPRISE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id name version } } }`;
const SET_STATISTICS = `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { statistics { id version } created } }`;

const ENTRY_FIELDS = 'id at username role scope operation objectType objectGlobalId jurisdiction changes requestId clientAddress';
const AUDIT_LOG = `query($filter: AuditLogFilter, $first: Int, $after: String, $last: Int, $before: String) {
  auditLog(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { ${ENTRY_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Entry {
  id: string;
  at: string;
  username: string | null;
  role: string;
  scope: Record<string, unknown>;
  operation: string;
  objectType: string;
  objectGlobalId: string;
  jurisdiction: string | null;
  changes: Record<string, { before: unknown; after: unknown }>;
  requestId: string;
  clientAddress: string | null;
}
interface AuditPage {
  totalCount: number;
  edges: { cursor: string; node: Entry }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

describe('audit log', () => {
  let t: TestApp;
  let national: { username: string; userId: string; accessToken: string };
  let gdAdmin: { username: string; userId: string; accessToken: string };
  let gdEnt: { id: string; key: string };
  let gdOrg: { id: string; key: string };

  beforeAll(async () => {
    t = await createTestApp();
    national = await t.login('NATIONAL_ADMIN');
    gdAdmin = await t.login('PROVINCIAL_ADMIN', { regionCode: '440000' });
    gdEnt = await enterpriseIn(t, '440000');
    gdOrg = await organizationIn(t, '440000');
  });
  afterAll(() => t.close());

  let n = 0;

  /** A mutation over HTTP with a request id of its own; checks that it succeeded. */
  async function mutate<T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string, address?: string) {
    const id = requestId();
    const before = await countRows(t, 'audit_entry');
    const started = Date.now();
    const res = await post<T>(t, query, variables, { token, requestId: id, address });
    const finished = Date.now();
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    expect(res.headers['x-request-id']).toBe(id);
    // Exactly one new entry, and it is this request's.
    expect(await countRows(t, 'audit_entry')).toBe(before + 1);
    return { data: res.body.data as T, requestId: id, started, finished };
  }

  /** The one entry of a request, as the national admin reads it through auditLog. */
  async function entryOf(request: { requestId: string; started: number; finished: number }): Promise<Entry> {
    const rows = await t.sql<{ object_type: string; object_id: string }>('select object_type, object_id from audit_entry where request_id = ?', [request.requestId]);
    expect(rows).toHaveLength(1);
    const objectId = toGlobalId(rows[0]!.object_type, rows[0]!.object_id);
    const page = (await t.ok<{ auditLog: AuditPage }>(AUDIT_LOG, { filter: { objectId }, first: 100 })).auditLog;
    const entries = page.edges.map((e) => e.node).filter((e) => e.requestId === request.requestId);
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    const at = new Date(entry.at).getTime();
    expect(at).toBeGreaterThanOrEqual(request.started - 5);
    expect(at).toBeLessThanOrEqual(request.finished + 5);
    return entry;
  }

  /** Runs a mutation that must fail with `code` and checks that the audit log did not grow. */
  async function expectNothingWritten(run: (requestId: string) => Promise<HttpResponse | GraphQLResult>, code: string) {
    const id = requestId();
    const before = await countRows(t, 'audit_entry');
    const out = await run(id);
    const body = 'status' in out ? out.body : out;
    expect(onlyError(body).extensions?.code, JSON.stringify(body)).toBe(code);
    expect(await countRows(t, 'audit_entry')).toBe(before);
    expect(await t.sql('select 1 from audit_entry where request_id = ?', [id])).toEqual([]);
  }

  /** Password hashes (and the given passwords) never reach the log. */
  async function expectNoSecrets(entry: Entry, secrets: string[]) {
    const text = JSON.stringify(entry);
    expect(text).not.toContain('$argon2');
    for (const hash of (await t.sql<{ password_hash: string }>('select password_hash from app_user')).map((r) => r.password_hash)) {
      expect(text).not.toContain(hash);
    }
    for (const secret of secrets) expect(text).not.toContain(secret);
  }

  async function createEnterprise(token: string, regionCode = '440000', extra: Record<string, unknown> = {}) {
    return mutate<{ createEnterprise: { enterprise: { id: string; name: string; version: number } } }>(
      CREATE_ENTERPRISE,
      { input: { creditCode: newCode(regionCode), name: `审计测试企业${++n}有限公司`, regionCode, industryCode: '39', sizeClass: 'SMALL', foundedOn: '2012-05-01', ...extra } },
      token,
    );
  }

  async function createUser(token: string, input: Record<string, unknown>) {
    return mutate<{ createUser: { user: { id: string; username: string }; generatedPassword: string | null } }>(CREATE_USER, { input }, token);
  }

  describe('one entry per successful mutation', () => {
    it('createEnterprise: every field set, from nothing', async () => {
      const creditCode = newCode();
      const name = `广东审计创建${++n}科技有限公司`;
      const request = await mutate<{ createEnterprise: { enterprise: { id: string } } }>(
        CREATE_ENTERPRISE,
        { input: { creditCode, name, regionCode: '440000', industryCode: '39', sizeClass: 'MEDIUM', foundedOn: '2010-03-15', address: '广州市天河区科韵路 1 号', contactName: '李工' } },
        national.accessToken,
      );
      const entry = await entryOf(request);
      expect(entry).toMatchObject({
        username: national.username,
        role: 'NATIONAL_ADMIN',
        scope: {},
        operation: 'createEnterprise',
        objectType: 'Enterprise',
        objectGlobalId: request.data.createEnterprise.enterprise.id,
        jurisdiction: '440000',
        requestId: request.requestId,
        clientAddress: '127.0.0.1',
      });
      // Fields left empty (standardCertifiedOn, contactPhone, contactEmail, internalNotes) are not listed.
      expect(entry.changes).toEqual({
        creditCode: { before: null, after: creditCode },
        name: { before: null, after: name },
        region: { before: null, after: '440000' },
        industry: { before: null, after: '39' },
        sizeClass: { before: null, after: 'MEDIUM' },
        address: { before: null, after: '广州市天河区科韵路 1 号' },
        foundedOn: { before: null, after: '2010-03-15' },
        exportOriented: { before: null, after: false },
        industryLeader: { before: null, after: false },
        contactName: { before: null, after: '李工' },
      });
    });

    it('updateEnterprise: only the fields that changed, before and after', async () => {
      const created = (await createEnterprise(national.accessToken)).data.createEnterprise.enterprise;
      const request = await mutate<{ updateEnterprise: { enterprise: { id: string; name: string } } }>(
        UPDATE_ENTERPRISE,
        // sizeClass is sent with its current value: not a change.
        { input: { id: created.id, version: created.version, name: `${created.name}（更名）`, contactPhone: '020-87654321', sizeClass: 'SMALL' } },
        gdAdmin.accessToken,
        '203.0.113.9',
      );
      const entry = await entryOf(request);
      expect(entry).toMatchObject({
        username: gdAdmin.username,
        role: 'PROVINCIAL_ADMIN',
        scope: { regionCode: '440000' },
        operation: 'updateEnterprise',
        objectType: 'Enterprise',
        objectGlobalId: created.id,
        jurisdiction: '440000',
        requestId: request.requestId,
        clientAddress: '203.0.113.9',
      });
      expect(entry.changes).toEqual({
        // The stored (NFKC-normalised) name: full-width brackets become ASCII ones.
        name: { before: created.name, after: request.data.updateEnterprise.enterprise.name },
        contactPhone: { before: null, after: '020-87654321' },
      });
    });

    it('setEnterpriseStatistics: a new year from nothing, then only the changed figure', async () => {
      const staff = await t.login('ENTERPRISE_USER', { enterpriseId: gdEnt.key });
      const first = await mutate<{ setEnterpriseStatistics: { statistics: { id: string; version: number }; created: boolean } }>(
        SET_STATISTICS,
        { input: { enterpriseId: gdEnt.id, year: 2024, inventionApplications: 5, licensingIncome: 12.5 } },
        staff.accessToken,
      );
      const stats = first.data.setEnterpriseStatistics.statistics;
      const created = await entryOf(first);
      expect(created).toMatchObject({
        username: staff.username,
        role: 'ENTERPRISE_USER',
        scope: { enterpriseId: gdEnt.key },
        operation: 'setEnterpriseStatistics',
        objectType: 'EnterpriseStatistics',
        objectGlobalId: stats.id,
        jurisdiction: '440000',
        clientAddress: '127.0.0.1',
      });
      expect(created.changes).toMatchObject({
        year: { before: null, after: 2024 },
        inventionApplications: { before: null, after: 5 },
        licensingIncome: { before: null, after: 12.5 },
      });
      for (const change of Object.values(created.changes)) expect(change.before).toBeNull();

      const second = await mutate(SET_STATISTICS, { input: { enterpriseId: gdEnt.id, year: 2024, version: stats.version, inventionGrants: 3, inventionApplications: 5 } }, staff.accessToken);
      expect((await entryOf(second)).changes).toEqual({ inventionGrants: { before: 0, after: 3 } });
    });

    it('createUser: the new account, with the password hash only marked as set', async () => {
      const username = `audit-new-${++n}`;
      const request = await createUser(gdAdmin.accessToken, {
        username,
        displayName: '审计新用户',
        role: 'ENTERPRISE_USER',
        enterpriseId: gdEnt.id,
        password: PASSWORD,
        phone: '13800000000',
      });
      const entry = await entryOf(request);
      expect(entry).toMatchObject({
        username: gdAdmin.username,
        role: 'PROVINCIAL_ADMIN',
        scope: { regionCode: '440000' },
        operation: 'createUser',
        objectType: 'User',
        objectGlobalId: request.data.createUser.user.id,
        jurisdiction: '440000',
        requestId: request.requestId,
      });
      expect(entry.changes).toMatchObject({
        username: { before: null, after: username },
        displayName: { before: null, after: '审计新用户' },
        role: { before: null, after: 'ENTERPRISE_USER' },
        enterprise: { before: null, after: gdEnt.key },
        phone: { before: null, after: '13800000000' },
      });
      expect(Object.keys(entry.changes)).toContain('passwordHash');
      expect(Object.keys(entry.changes)).not.toContain('region');
      expect(Object.keys(entry.changes)).not.toContain('organization');
      await expectNoSecrets(entry, [PASSWORD]);

      // A generated password is not logged either.
      const generated = await createUser(national.accessToken, { username: `audit-gen-${++n}`, displayName: '生成密码', role: 'NATIONAL_ADMIN' });
      const generatedEntry = await entryOf(generated);
      expect(generatedEntry.jurisdiction).toBeNull();
      await expectNoSecrets(generatedEntry, [generated.data.createUser.generatedPassword!]);
    });

    it('setUserDisabled: the disabled flag', async () => {
      const target = (await createUser(national.accessToken, { username: `audit-dis-${++n}`, displayName: '停用', role: 'SERVICE_PROVIDER', organizationId: gdOrg.id, password: PASSWORD })).data.createUser.user;
      const request = await mutate(SET_DISABLED, { input: { id: target.id, disabled: true } }, national.accessToken);
      const entry = await entryOf(request);
      expect(entry).toMatchObject({ username: national.username, operation: 'setUserDisabled', objectType: 'User', objectGlobalId: target.id, jurisdiction: '440000', clientAddress: '127.0.0.1' });
      expect(entry.changes).toEqual({ disabled: { before: false, after: true } });
    });

    it('resetUserPassword: only that the password hash changed', async () => {
      const target = (await createUser(national.accessToken, { username: `audit-reset-${++n}`, displayName: '重置', role: 'ENTERPRISE_USER', enterpriseId: gdEnt.id, password: PASSWORD })).data.createUser.user;
      const request = await mutate<{ resetUserPassword: { temporaryPassword: string } }>(RESET_PASSWORD, { input: { id: target.id } }, gdAdmin.accessToken);
      const entry = await entryOf(request);
      expect(entry).toMatchObject({ username: gdAdmin.username, role: 'PROVINCIAL_ADMIN', operation: 'resetUserPassword', objectType: 'User', objectGlobalId: target.id, jurisdiction: '440000' });
      expect(Object.keys(entry.changes)).toEqual(['passwordHash']);
      await expectNoSecrets(entry, [PASSWORD, request.data.resetUserPassword.temporaryPassword]);
    });

    it('changePassword: by the user itself, only that the password hash changed', async () => {
      const u = await t.login('ENTERPRISE_USER', { enterpriseId: gdEnt.key });
      const newPassword = 'audit-new-password-2026';
      const request = await mutate(CHANGE_PASSWORD, { input: { currentPassword: TEST_PASSWORD, newPassword } }, u.accessToken);
      const entry = await entryOf(request);
      expect(entry).toMatchObject({
        username: u.username,
        role: 'ENTERPRISE_USER',
        scope: { enterpriseId: gdEnt.key },
        operation: 'changePassword',
        objectType: 'User',
        objectGlobalId: userGlobalId(u.userId),
        jurisdiction: '440000',
        clientAddress: '127.0.0.1',
      });
      expect(Object.keys(entry.changes)).toEqual(['passwordHash']);
      await expectNoSecrets(entry, [TEST_PASSWORD, newPassword]);
    });

    it('never stores a password hash in any entry', async () => {
      const rows = await t.sql<{ changes: unknown }>('select changes from audit_entry');
      expect(rows.length).toBeGreaterThan(0);
      const hashes = (await t.sql<{ password_hash: string }>('select password_hash from app_user')).map((r) => r.password_hash);
      for (const row of rows) {
        const text = typeof row.changes === 'string' ? row.changes : JSON.stringify(row.changes);
        expect(text).not.toContain('$argon2');
        for (const hash of hashes) expect(text).not.toContain(hash);
      }
    });
  });

  describe('rejected mutations write nothing', () => {
    it('for refusals before any change', async () => {
      const e = (await createEnterprise(national.accessToken)).data.createEnterprise.enterprise;
      const staff = await t.login('ENTERPRISE_USER', { enterpriseId: gdEnt.key });
      const send = (query: string, variables: Record<string, unknown>, token?: string) => (id: string) => post(t, query, variables, { token, requestId: id });

      // A provincial admin outside its jurisdiction.
      await expectNothingWritten(
        send(CREATE_ENTERPRISE, { input: { creditCode: newCode('330000'), name: '浙江越权企业有限公司', regionCode: '330000', industryCode: '39', sizeClass: 'SMALL', foundedOn: '2012-05-01' } }, gdAdmin.accessToken),
        'FORBIDDEN',
      );
      // A stale version.
      await expectNothingWritten(send(UPDATE_ENTERPRISE, { input: { id: e.id, version: e.version + 5, name: '过期版本' } }, national.accessToken), 'CONFLICT');
      // Bad input.
      await expectNothingWritten(send(SET_STATISTICS, { input: { enterpriseId: e.id, year: 2024, inventionGrants: -1 } }, national.accessToken), 'BAD_USER_INPUT');
      // Anonymous.
      await expectNothingWritten(send(CREATE_USER, { input: { username: `anon-${++n}`, displayName: '匿名', role: 'NATIONAL_ADMIN' } }), 'UNAUTHENTICATED');
      // Not allowed to manage users: an enterprise user (even itself), a provincial admin its bureau's colleague.
      await expectNothingWritten(send(SET_DISABLED, { input: { id: userGlobalId(staff.userId), disabled: true } }, staff.accessToken), 'FORBIDDEN');
      const colleague = await t.login('PROVINCIAL_ADMIN', { regionCode: '440000' });
      await expectNothingWritten(send(RESET_PASSWORD, { input: { id: userGlobalId(colleague.userId) } }, gdAdmin.accessToken), 'FORBIDDEN');
      // A user the provincial admin cannot see.
      await expectNothingWritten(send(RESET_PASSWORD, { input: { id: userGlobalId(national.userId) } }, gdAdmin.accessToken), 'NOT_FOUND');
      // Wrong current password.
      await expectNothingWritten(send(CHANGE_PASSWORD, { input: { currentPassword: 'not-my-password-9', newPassword: 'whatever-new-password-1' } }, staff.accessToken), 'UNAUTHENTICATED');
    });

    it('for a failure at commit: the entry is part of the rolled-back transaction', async () => {
      // The duplicate user name is found only by the unique index when the unit of work (user and entry) is flushed.
      const username = `audit-dup-${++n}`;
      await createUser(national.accessToken, { username, displayName: '原用户', role: 'NATIONAL_ADMIN', password: PASSWORD });
      await expectNothingWritten((id) => post(t, CREATE_USER, { input: { username, displayName: '重复', role: 'NATIONAL_ADMIN', password: PASSWORD } }, { token: national.accessToken, requestId: id }), 'CONFLICT');
    });

    it('for the loser of two concurrent updates with the same version', async () => {
      const e = (await createEnterprise(national.accessToken)).data.createEnterprise.enterprise;
      const before = await countRows(t, 'audit_entry');
      const ids = [requestId(), requestId()];
      const results = await Promise.all(
        ids.map((id, i) => post(t, UPDATE_ENTERPRISE, { input: { id: e.id, version: e.version, name: `${e.name}（并发${i}）` } }, { token: national.accessToken, requestId: id })),
      );
      const winners = results.filter((r) => !r.body.errors);
      const losers = results.filter((r) => r.body.errors);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(onlyError(losers[0]!.body).extensions?.code).toBe('CONFLICT');
      expect(await countRows(t, 'audit_entry')).toBe(before + 1);
      const [row] = await t.sql<{ request_id: string; changes: unknown }>('select request_id, changes from audit_entry where request_id in (?, ?)', ids);
      expect(row!.request_id).toBe(ids[results.indexOf(winners[0]!)]);
      const changes = (typeof row!.changes === 'string' ? JSON.parse(row!.changes) : row!.changes) as Entry['changes'];
      expect(changes.name!.after).toBe(winners[0]!.body.data!.updateEnterprise.enterprise.name);
    });
  });

  describe('who may read it', () => {
    beforeAll(async () => {
      // Entries outside Guangdong: Shenzhen (its own jurisdiction), Zhejiang, and national (no jurisdiction).
      await createEnterprise(national.accessToken, '440300');
      await createEnterprise(national.accessToken, '330000');
      await createUser(national.accessToken, { username: `audit-nat-${++n}`, displayName: '国家局', role: 'NATIONAL_ADMIN', password: PASSWORD });
      await createUser(national.accessToken, { username: `audit-exp-${++n}`, displayName: '专家', role: 'EXPERT', personId: (await personRecord(t)).id, password: PASSWORD });
      await createEnterprise(gdAdmin.accessToken, '440000');
    });

    async function readAll(viewer: Viewer | string, filter?: Record<string, unknown>): Promise<{ totalCount: number; entries: Entry[] }> {
      const entries: Entry[] = [];
      let after: string | null = null;
      let totalCount = -1;
      for (;;) {
        const variables = { filter, first: 50, after };
        const res: GraphQLResult<{ auditLog: AuditPage }> = typeof viewer === 'string' ? (await post<{ auditLog: AuditPage }>(t, AUDIT_LOG, variables, { token: viewer })).body : await t.gql<{ auditLog: AuditPage }>(AUDIT_LOG, variables, viewer);
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        const page: AuditPage = res.data!.auditLog;
        totalCount = page.totalCount;
        entries.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(entries).toHaveLength(totalCount);
      return { totalCount, entries };
    }

    it('the national admin sees every entry', async () => {
      const { totalCount, entries } = await readAll(national.accessToken);
      expect(totalCount).toBe(await countRows(t, 'audit_entry'));
      expect(new Set(entries.map((e) => e.jurisdiction))).toEqual(new Set(['440000', '440300', '330000', null]));
    });

    it("a provincial admin sees only entries about its jurisdiction's objects", async () => {
      const { totalCount, entries } = await readAll(gdAdmin.accessToken);
      const [row] = await t.sql<{ n: string }>(`select count(*)::text as n from audit_entry where jurisdiction = '440000'`);
      expect(totalCount).toBe(Number(row!.n));
      expect(totalCount).toBeGreaterThan(0);
      for (const e of entries) expect(e.jurisdiction).toBe('440000');
      // Including entries made by others (the national admin) about its objects.
      expect(entries.some((e) => e.username === national.username)).toBe(true);

      // Shenzhen sees its own, not Guangdong's.
      const sz = await readAll(as.provincial('440300'));
      expect(sz.totalCount).toBeGreaterThan(0);
      for (const e of sz.entries) expect(e.jurisdiction).toBe('440300');

      // A filter cannot widen the view.
      expect((await readAll(gdAdmin.accessToken, { jurisdiction: '440300' })).totalCount).toBe(0);
    });

    it('is FORBIDDEN to enterprise users, service providers and experts', async () => {
      const staff = await t.login('ENTERPRISE_USER', { enterpriseId: gdEnt.key });
      const res = await post(t, AUDIT_LOG, {}, { token: staff.accessToken });
      expect(res.body.data ?? null).toBeNull();
      expect(onlyError(res.body).extensions?.code).toBe('FORBIDDEN');
      for (const viewer of [as.user('SERVICE_PROVIDER', { organizationId: gdOrg.key }), as.user('EXPERT', { personId: gdOrg.key })]) {
        expect(onlyError(await t.gql(AUDIT_LOG, {}, viewer)).extensions?.code).toBe('FORBIDDEN');
      }
    });

    it('is UNAUTHENTICATED anonymously', async () => {
      const res = await post(t, AUDIT_LOG, {});
      expect(res.body.data ?? null).toBeNull();
      expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
      expect(onlyError(await t.gql(AUDIT_LOG, {}, as.anonymous)).extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('filters and paging', () => {
    /** All entries as SQL orders them, newest first. */
    async function allNewestFirst(where = 'true', params: unknown[] = []) {
      const rows = await t.sql<{ id: string; at_ms: number }>(
        `select id, (extract(epoch from at) * 1000)::float8 as at_ms from audit_entry where ${where} order by at desc, id desc`,
        params,
      );
      return rows.map((r) => ({ id: toGlobalId('AuditEntry', r.id), at: Number(r.at_ms) }));
    }

    async function query(variables: Record<string, unknown>, viewer?: Viewer) {
      return (await t.ok<{ auditLog: AuditPage }>(AUDIT_LOG, variables, viewer)).auditLog;
    }

    beforeAll(async () => {
      // A few more entries so that paging has several pages.
      for (let i = 0; i < 4; i++) await createEnterprise(gdAdmin.accessToken);
    });

    it('by operations', async () => {
      const page = await query({ filter: { operations: ['setUserDisabled', 'resetUserPassword'] }, first: 100 });
      const expected = await allNewestFirst(`operation in ('setUserDisabled', 'resetUserPassword')`);
      expect(page.totalCount).toBe(expected.length);
      expect(page.totalCount).toBeGreaterThan(0);
      expect(page.edges.map((e) => e.node.id)).toEqual(expected.map((e) => e.id));
      for (const e of page.edges) expect(['setUserDisabled', 'resetUserPassword']).toContain(e.node.operation);

      expect((await query({ filter: { operations: [] }, first: 10 })).totalCount).toBe(0);
      expect((await query({ filter: { operations: ['login'] }, first: 10 })).totalCount).toBe(0);
    });

    it('by object', async () => {
      const created = (await createEnterprise(national.accessToken)).data.createEnterprise.enterprise;
      await mutate(UPDATE_ENTERPRISE, { input: { id: created.id, version: created.version, address: '深圳湾 1 号' } }, national.accessToken);
      const page = await query({ filter: { objectId: created.id }, first: 100 });
      expect(page.totalCount).toBe(2);
      expect(page.edges.map((e) => e.node.operation)).toEqual(['updateEnterprise', 'createEnterprise']);
      for (const e of page.edges) expect(e.node.objectGlobalId).toBe(created.id);

      const bad = await t.gql(AUDIT_LOG, { filter: { objectId: 'not a global id!' }, first: 10 });
      expect(onlyError(bad).extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('by user name (case-insensitive)', async () => {
      const page = await query({ filter: { username: `  ${gdAdmin.username.toUpperCase()} ` }, first: 100 });
      const expected = await allNewestFirst('username = ?', [gdAdmin.username]);
      expect(page.totalCount).toBe(expected.length);
      expect(page.totalCount).toBeGreaterThan(0);
      for (const e of page.edges) expect(e.node.username).toBe(gdAdmin.username);
      expect((await query({ filter: { username: 'nobody-at-all' }, first: 10 })).totalCount).toBe(0);
    });

    it('by time: from inclusive, to exclusive', async () => {
      const all = await allNewestFirst();
      const pivot = all[Math.floor(all.length / 2)]!;
      const from = new Date(pivot.at).toISOString();
      const since = await query({ filter: { from }, first: 100 });
      expect(since.totalCount).toBe(all.filter((e) => e.at >= pivot.at).length);
      expect(since.edges.map((e) => e.node.id)).toContain(pivot.id);
      const until = await query({ filter: { to: from }, first: 100 });
      expect(until.totalCount).toBe(all.filter((e) => e.at < pivot.at).length);
      expect(until.edges.map((e) => e.node.id)).not.toContain(pivot.id);
      expect(since.totalCount + until.totalCount).toBe(all.length);

      const exactly = await query({ filter: { from, to: new Date(pivot.at + 1).toISOString() }, first: 100 });
      expect(exactly.edges.map((e) => e.node.id)).toContain(pivot.id);
      for (const e of exactly.edges) expect(new Date(e.node.at).getTime()).toBe(pivot.at);
    });

    it('pages newest first, without gaps or repeats', async () => {
      const all = await allNewestFirst();
      expect(all.length).toBeGreaterThan(7);
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const page: AuditPage = await query({ first: 3, after });
        expect(page.totalCount).toBe(all.length);
        seen.push(...page.edges.map((e) => e.node.id));
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        expect(page.edges).toHaveLength(3);
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(all.map((e) => e.id));
      expect(pages).toBe(Math.ceil(all.length / 3));

      // Newest first: the first entry is the latest.
      const first = await query({ first: 1 });
      expect(first.edges[0]!.node.id).toBe(all[0]!.id);
      const times = seen.map((id) => all.find((e) => e.id === id)!.at);
      expect(times).toEqual([...times].sort((a, b) => b - a));

      // Backwards: the last two are the oldest two, still newest first.
      const last = await query({ last: 2 });
      expect(last.edges.map((e) => e.node.id)).toEqual(all.slice(-2).map((e) => e.id));
      expect(fromGlobalId(last.edges[0]!.node.id)!.type).toBe('AuditEntry');
    });
  });
});
