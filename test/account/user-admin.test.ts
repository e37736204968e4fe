/**
 * User administration: createUser for each role with its scope field (and only that one), user
 * name and password rules, duplicates, generated passwords; who may create, disable and reset
 * whom (a provincial admin only enterprise and service-provider users of its own jurisdiction —
 * Shenzhen 440300 is not part of Guangdong 440000; a target user or enterprise it cannot see is
 * NOT_FOUND, a visible one outside its scope FORBIDDEN); nothing is stored when a request is
 * refused; the scoping of the `users` list; `me.permissions` for each role.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, TEST_PASSWORD, type GraphQLResult, type TestApp } from '../harness/app.js';
import type { Viewer } from '../../src/context.js';
import { fromGlobalId, toGlobalId } from '../../src/common/node.js';
import {
  CREATE_USER,
  RESET_PASSWORD,
  SET_DISABLED,
  countRows,
  enterpriseIn,
  loginOk,
  onlyError,
  organizationIn,
  PASSWORD,
  personRecord,
  post,
  publicEnterpriseIn,
  userGlobalId,
} from './account-helpers.js';

interface CreatedUser {
  id: string;
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
  region: { code: string } | null;
  enterprise: { id: string } | null;
  organization: { id: string } | null;
  person: { id: string } | null;
}
type CreateUserResult = GraphQLResult<{ createUser: { user: CreatedUser; generatedPassword: string | null } }>;

const USERS = `query($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { node { id username role } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('user administration', () => {
  let t: TestApp;
  type Ref = { id: string; key: string };
  // gdEnt, szEnt, zjEnt: not in the public directory (visible to national, their jurisdiction and their staff only);
  // gdPublic, szPublic: in the public directory (visible to everyone). Organisations are public.
  let gdEnt: Ref, szEnt: Ref, zjEnt: Ref, gdPublic: Ref, szPublic: Ref, gdOrg: Ref, szOrg: Ref, overseasOrg: Ref, person: Ref;

  beforeAll(async () => {
    t = await createTestApp();
    gdEnt = await enterpriseIn(t, '440000');
    szEnt = await enterpriseIn(t, '440300');
    zjEnt = await enterpriseIn(t, '330000');
    gdPublic = await publicEnterpriseIn(t, '440000');
    szPublic = await publicEnterpriseIn(t, '440300');
    gdOrg = await organizationIn(t, '440000');
    szOrg = await organizationIn(t, '440300');
    overseasOrg = await organizationIn(t, null);
    person = await personRecord(t);
  });
  afterAll(() => t.close());

  let n = 0;
  const nextName = (prefix = 'user') => `${prefix}-${++n}`;

  const create = (input: Record<string, unknown>, viewer?: Viewer) => t.gql(CREATE_USER, { input }, viewer) as Promise<CreateUserResult>;

  async function createOk(input: Record<string, unknown>, viewer?: Viewer) {
    const res = await create(input, viewer);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.createUser;
  }

  /** Runs `run`, expects a single error with `code`, and checks that no user and no audit entry was stored. */
  async function expectRefused(run: () => Promise<GraphQLResult>, code: string, username?: string) {
    const users = await countRows(t, 'app_user');
    const audit = await countRows(t, 'audit_entry');
    const result = await run();
    expect(result.data?.createUser ?? result.data?.setUserDisabled ?? result.data?.resetUserPassword ?? null).toBeNull();
    const error = onlyError(result);
    expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
    expect(await countRows(t, 'app_user')).toBe(users);
    expect(await countRows(t, 'audit_entry')).toBe(audit);
    if (username) expect(await t.sql('select 1 from app_user where username = ?', [username.trim().toLowerCase()])).toEqual([]);
    return error;
  }

  function fieldsOf(error: { extensions?: Record<string, unknown> }): string[] {
    return ((error.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field).sort();
  }

  const scopeFor = () => ({
    NATIONAL_ADMIN: {},
    PROVINCIAL_ADMIN: { regionCode: '440300' },
    ENTERPRISE_USER: { enterpriseId: gdEnt.id },
    SERVICE_PROVIDER: { organizationId: gdOrg.id },
    EXPERT: { personId: person.id },
  });

  describe('createUser by the national admin', () => {
    it.each(['NATIONAL_ADMIN', 'PROVINCIAL_ADMIN', 'ENTERPRISE_USER', 'SERVICE_PROVIDER', 'EXPERT'] as const)('creates a %s with its scope', async (role) => {
      const scope = scopeFor()[role];
      const username = nextName(role.toLowerCase().replace(/_/g, '-'));
      const { user, generatedPassword } = await createOk({ username, displayName: `  ${role} 用户  `, role, password: PASSWORD, ...scope });
      expect(generatedPassword).toBeNull();
      expect(user).toEqual({
        id: expect.any(String),
        username,
        displayName: `${role} 用户`,
        role,
        disabled: false,
        region: role === 'PROVINCIAL_ADMIN' ? { code: '440300' } : null,
        enterprise: role === 'ENTERPRISE_USER' ? { id: gdEnt.id } : null,
        organization: role === 'SERVICE_PROVIDER' ? { id: gdOrg.id } : null,
        person: role === 'EXPERT' ? { id: person.id } : null,
      });
      const [row] = await t.sql<Record<string, unknown>>(
        'select username, role, region_code, enterprise_id, organization_id, person_id, disabled, password_hash from app_user where id = ?',
        [fromGlobalId(user.id)!.key],
      );
      expect(row).toMatchObject({
        username,
        role,
        region_code: role === 'PROVINCIAL_ADMIN' ? '440300' : null,
        enterprise_id: role === 'ENTERPRISE_USER' ? gdEnt.key : null,
        organization_id: role === 'SERVICE_PROVIDER' ? gdOrg.key : null,
        person_id: role === 'EXPERT' ? person.key : null,
        disabled: false,
      });
      expect(row!.password_hash).toMatch(/^\$argon2id\$/);
      expect(row!.password_hash).not.toContain(PASSWORD);
      // The new account can log in with its role and scope.
      const session = await loginOk(t, username, PASSWORD);
      expect(session.user.role).toBe(role);
    });

    it.each([
      ['PROVINCIAL_ADMIN', 'regionCode'],
      ['ENTERPRISE_USER', 'enterpriseId'],
      ['SERVICE_PROVIDER', 'organizationId'],
      ['EXPERT', 'personId'],
    ])('refuses a %s without its scope field %s', async (role, field) => {
      const username = nextName();
      const error = await expectRefused(() => create({ username, displayName: '缺少范围', role, password: PASSWORD }), 'BAD_USER_INPUT', username);
      expect(fieldsOf(error)).toEqual([field]);
    });

    it('refuses a scope field that the role does not use', async () => {
      const cases: [Record<string, unknown>, string[]][] = [
        [{ role: 'NATIONAL_ADMIN', regionCode: '440000' }, ['regionCode']],
        [{ role: 'NATIONAL_ADMIN', enterpriseId: gdEnt.id }, ['enterpriseId']],
        [{ role: 'PROVINCIAL_ADMIN', regionCode: '440000', enterpriseId: gdEnt.id }, ['enterpriseId']],
        [{ role: 'ENTERPRISE_USER', enterpriseId: gdEnt.id, organizationId: gdOrg.id }, ['organizationId']],
        [{ role: 'SERVICE_PROVIDER', organizationId: gdOrg.id, regionCode: '440000' }, ['regionCode']],
        [{ role: 'EXPERT', enterpriseId: gdEnt.id }, ['enterpriseId', 'personId']],
      ];
      for (const [input, fields] of cases) {
        const username = nextName();
        const error = await expectRefused(() => create({ username, displayName: '多余范围', password: PASSWORD, ...input }), 'BAD_USER_INPUT', username);
        expect(fieldsOf(error), JSON.stringify(input)).toEqual(fields);
      }
    });

    it('refuses scope ids of the wrong type and jurisdictions that do not exist', async () => {
      const cases: Record<string, unknown>[] = [
        { role: 'ENTERPRISE_USER', enterpriseId: gdOrg.id },
        { role: 'SERVICE_PROVIDER', organizationId: person.id },
        { role: 'EXPERT', personId: 'not-a-global-id' },
        // Guangzhou is a city of Guangdong, not a provincial-level jurisdiction.
        { role: 'PROVINCIAL_ADMIN', regionCode: '440100' },
        { role: 'PROVINCIAL_ADMIN', regionCode: '44' },
      ];
      for (const input of cases) {
        const username = nextName();
        await expectRefused(() => create({ username, displayName: '范围无效', password: PASSWORD, ...input }), 'BAD_USER_INPUT', username);
      }
    });

    it('answers NOT_FOUND for a scope record that does not exist', async () => {
      for (const input of [
        { role: 'ENTERPRISE_USER', enterpriseId: toGlobalId('Enterprise', randomUUID()) },
        { role: 'SERVICE_PROVIDER', organizationId: toGlobalId('ServiceOrganization', randomUUID()) },
        { role: 'EXPERT', personId: toGlobalId('Person', randomUUID()) },
      ]) {
        const username = nextName();
        await expectRefused(() => create({ username, displayName: '范围不存在', password: PASSWORD, ...input }), 'NOT_FOUND', username);
      }
    });

    it.each([
      ['too short', 'ab'],
      ['too long', `a${'b'.repeat(64)}`],
      ['starting with a dot', '.alice'],
      ['starting with a hyphen', '-alice'],
      ['with a space', 'alice smith'],
      ['with an at sign', 'alice@example.cn'],
      ['in Chinese', '张三丰'],
      ['empty', '   '],
    ])('refuses a user name %s', async (_what, username) => {
      const error = await expectRefused(() => create({ username, displayName: '用户名无效', role: 'NATIONAL_ADMIN', password: PASSWORD }), 'BAD_USER_INPUT');
      expect(fieldsOf(error)).toEqual(['username']);
    });

    it('stores the user name trimmed and in lower case', async () => {
      const { user } = await createOk({ username: '  Mixed.Case_User-9  ', displayName: '大小写', role: 'NATIONAL_ADMIN', password: PASSWORD });
      expect(user.username).toBe('mixed.case_user-9');
    });

    it('refuses a user name that is taken, in any letter case, with CONFLICT', async () => {
      const username = nextName('taken');
      await createOk({ username, displayName: '原用户', role: 'NATIONAL_ADMIN', password: PASSWORD });
      for (const again of [username, username.toUpperCase(), ` ${username} `]) {
        await expectRefused(() => create({ username: again, displayName: '重复', role: 'EXPERT', personId: person.id, password: PASSWORD }), 'CONFLICT');
      }
      const rows = await t.sql<{ role: string }>('select role from app_user where username = ?', [username]);
      expect(rows).toEqual([{ role: 'NATIONAL_ADMIN' }]);
    });

    it('refuses a weak password', async () => {
      for (const password of ['short-1', 'aaaaaaaaaaaaaa', 'abababababab']) {
        const username = nextName();
        const error = await expectRefused(() => create({ username, displayName: '弱密码', role: 'NATIONAL_ADMIN', password }), 'BAD_USER_INPUT', username);
        expect(fieldsOf(error)).toEqual(['password']);
      }
    });

    it('generates a password only when none is given, and that password logs in', async () => {
      const username = nextName('generated');
      const { generatedPassword } = await createOk({ username, displayName: '生成密码', role: 'ENTERPRISE_USER', enterpriseId: gdEnt.id });
      expect(generatedPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      const session = await loginOk(t, username, generatedPassword!);
      expect(session.user.username).toBe(username);

      const second = await createOk({ username: nextName('generated'), displayName: '生成密码', role: 'NATIONAL_ADMIN', password: null });
      expect(second.generatedPassword).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      expect(second.generatedPassword).not.toBe(generatedPassword);

      const given = await createOk({ username: nextName('given'), displayName: '指定密码', role: 'NATIONAL_ADMIN', password: PASSWORD });
      expect(given.generatedPassword).toBeNull();
    });
  });

  describe('createUser by a provincial admin of Guangdong (440000)', () => {
    let token: string;
    beforeAll(async () => {
      token = (await t.login('PROVINCIAL_ADMIN', { regionCode: '440000' })).accessToken;
    });
    const createHttp = async (input: Record<string, unknown>) => (await post(t, CREATE_USER, { input }, { token })).body as CreateUserResult;

    it('may create enterprise and service-provider users of its jurisdiction', async () => {
      const staff = nextName('gd-staff');
      const res = await createHttp({ username: staff, displayName: '广东企业用户', role: 'ENTERPRISE_USER', enterpriseId: gdEnt.id, password: PASSWORD });
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      expect(res.data!.createUser.user).toMatchObject({ username: staff, role: 'ENTERPRISE_USER', enterprise: { id: gdEnt.id } });
      await loginOk(t, staff, PASSWORD);

      const agent = nextName('gd-agent');
      const org = await createHttp({ username: agent, displayName: '广东服务机构用户', role: 'SERVICE_PROVIDER', organizationId: gdOrg.id, password: PASSWORD });
      expect(org.errors, JSON.stringify(org.errors)).toBeUndefined();
      expect(org.data!.createUser.user).toMatchObject({ username: agent, role: 'SERVICE_PROVIDER', organization: { id: gdOrg.id } });
    });

    it('may not create users for a visible enterprise or organisation of Shenzhen (440300), another province or abroad: FORBIDDEN', async () => {
      for (const input of [
        { role: 'ENTERPRISE_USER', enterpriseId: szPublic.id },
        { role: 'SERVICE_PROVIDER', organizationId: szOrg.id },
        { role: 'SERVICE_PROVIDER', organizationId: overseasOrg.id },
      ]) {
        const username = nextName();
        await expectRefused(() => createHttp({ username, displayName: '辖区外', password: PASSWORD, ...input }), 'FORBIDDEN', username);
      }
    });

    it('answers NOT_FOUND for an enterprise it cannot see, exactly as for one that does not exist', async () => {
      const missing = toGlobalId('Enterprise', randomUUID());
      const answers = [];
      for (const enterpriseId of [szEnt.id, zjEnt.id, missing]) {
        const username = nextName();
        const error = await expectRefused(() => createHttp({ username, displayName: '看不见的企业', role: 'ENTERPRISE_USER', enterpriseId, password: PASSWORD }), 'NOT_FOUND', username);
        answers.push({ ...error, message: error.message.replace(enterpriseId, '<id>'), extensions: { ...error.extensions, id: '<id>' } });
      }
      expect(answers[0]).toEqual(answers[2]);
      expect(answers[1]).toEqual(answers[2]);
    });

    it('may not create administrators or experts', async () => {
      for (const input of [
        { role: 'NATIONAL_ADMIN' },
        { role: 'PROVINCIAL_ADMIN', regionCode: '440000' },
        { role: 'PROVINCIAL_ADMIN', regionCode: '440300' },
        { role: 'EXPERT', personId: person.id },
      ]) {
        const username = nextName();
        await expectRefused(() => createHttp({ username, displayName: '无权创建', password: PASSWORD, ...input }), 'FORBIDDEN', username);
      }
    });

    it('Shenzhen (440300) in turn manages its own enterprises but not Guangdong’s', async () => {
      const sz = as.provincial('440300');
      await createOk({ username: nextName('sz-staff'), displayName: '深圳企业用户', role: 'ENTERPRISE_USER', enterpriseId: szEnt.id, password: PASSWORD }, sz);
      await createOk({ username: nextName('sz-staff'), displayName: '深圳企业用户', role: 'ENTERPRISE_USER', enterpriseId: szPublic.id, password: PASSWORD }, sz);
      const visible = nextName();
      await expectRefused(() => create({ username: visible, displayName: '省内非本辖区', role: 'ENTERPRISE_USER', enterpriseId: gdPublic.id, password: PASSWORD }, sz), 'FORBIDDEN', visible);
      const hidden = nextName();
      await expectRefused(() => create({ username: hidden, displayName: '省内非本辖区', role: 'ENTERPRISE_USER', enterpriseId: gdEnt.id, password: PASSWORD }, sz), 'NOT_FOUND', hidden);
    });
  });

  describe('createUser by anyone else', () => {
    it('is FORBIDDEN for enterprise users, service providers and experts', async () => {
      const staff = (await t.login('ENTERPRISE_USER', { enterpriseId: gdEnt.key })).accessToken;
      const viewers = [
        staff,
        (await t.login('SERVICE_PROVIDER', { organizationId: gdOrg.key })).accessToken,
        (await t.login('EXPERT', { personId: person.key })).accessToken,
      ];
      // Targets the caller can see or not, and one that does not exist: the role alone decides.
      const inputs = [
        { role: 'ENTERPRISE_USER', enterpriseId: gdPublic.id },
        { role: 'ENTERPRISE_USER', enterpriseId: szEnt.id },
        { role: 'ENTERPRISE_USER', enterpriseId: toGlobalId('Enterprise', randomUUID()) },
        { role: 'SERVICE_PROVIDER', organizationId: gdOrg.id },
        { role: 'NATIONAL_ADMIN' },
      ];
      for (const token of viewers) {
        for (const scope of inputs) {
          const username = nextName();
          const input = { username, displayName: '越权', password: PASSWORD, ...scope };
          await expectRefused(async () => (await post(t, CREATE_USER, { input }, { token })).body, 'FORBIDDEN', username);
        }
      }
      // Not even for its own enterprise.
      const username = nextName();
      const own = { username, displayName: '本企业新同事', role: 'ENTERPRISE_USER', enterpriseId: gdEnt.id, password: PASSWORD };
      await expectRefused(async () => (await post(t, CREATE_USER, { input: own }, { token: staff })).body, 'FORBIDDEN', username);
    });

    it('is UNAUTHENTICATED anonymously', async () => {
      const username = nextName();
      const input = { username, displayName: '匿名', role: 'NATIONAL_ADMIN', password: PASSWORD };
      await expectRefused(async () => (await post(t, CREATE_USER, { input })).body, 'UNAUTHENTICATED', username);
      await expectRefused(() => create(input, as.anonymous), 'UNAUTHENTICATED', username);
    });
  });

  describe('setUserDisabled and resetUserPassword', () => {
    /** A user created by the national admin; returns its global id. */
    async function userWith(role: string, scope: Record<string, unknown>) {
      const { user } = await createOk({ username: nextName('target'), displayName: '目标用户', role, password: PASSWORD, ...scope });
      return user.id;
    }

    const disable = (id: string, viewer?: Viewer) => t.gql(SET_DISABLED, { input: { id, disabled: true } }, viewer);
    const reset = (id: string, viewer?: Viewer) => t.gql(RESET_PASSWORD, { input: { id } }, viewer);

    async function expectUnchanged(id: string, run: () => Promise<GraphQLResult>, code: string) {
      const key = fromGlobalId(id)!.key;
      const [before] = await t.sql('select disabled, password_hash, version from app_user where id = ?', [key]);
      const live = async () => (await t.sql<{ n: string }>('select count(*)::text as n from session where revoked_at is null'))[0]!.n;
      const sessions = await live();
      const error = await expectRefused(run, code);
      const [after] = await t.sql('select disabled, password_hash, version from app_user where id = ?', [key]);
      expect(after).toEqual(before);
      expect(await live()).toBe(sessions);
      return error;
    }

    it('a provincial admin manages enterprise and provider users of its jurisdiction', async () => {
      const gd = as.provincial('440000');
      const staff = await userWith('ENTERPRISE_USER', { enterpriseId: gdEnt.id });
      expect((await disable(staff, gd)).errors).toBeUndefined();
      const agent = await userWith('SERVICE_PROVIDER', { organizationId: gdOrg.id });
      const res = await reset(agent, gd);
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    });

    it("a provincial admin may not touch its own bureau's admins (FORBIDDEN) nor users it cannot see (NOT_FOUND)", async () => {
      const gd = as.provincial('440000');
      const colleague = await userWith('PROVINCIAL_ADMIN', { regionCode: '440000' });
      await expectUnchanged(colleague, () => disable(colleague, gd), 'FORBIDDEN');
      await expectUnchanged(colleague, () => reset(colleague, gd), 'FORBIDDEN');

      const invisible = [
        await userWith('ENTERPRISE_USER', { enterpriseId: szEnt.id }),
        await userWith('ENTERPRISE_USER', { enterpriseId: szPublic.id }),
        await userWith('SERVICE_PROVIDER', { organizationId: szOrg.id }),
        await userWith('SERVICE_PROVIDER', { organizationId: overseasOrg.id }),
        await userWith('NATIONAL_ADMIN', {}),
        await userWith('PROVINCIAL_ADMIN', { regionCode: '440300' }),
        await userWith('EXPERT', { personId: person.id }),
      ];
      const missing = userGlobalId(randomUUID());
      const reference = await expectRefused(() => disable(missing, gd), 'NOT_FOUND');
      for (const id of invisible) {
        const disabled = await expectUnchanged(id, () => disable(id, gd), 'NOT_FOUND');
        await expectUnchanged(id, () => reset(id, gd), 'NOT_FOUND');
        // Indistinguishable from a user that does not exist.
        expect(disabled.message.replace(id, '<id>')).toBe(reference.message.replace(missing, '<id>'));
      }
    });

    it('enterprise users may manage nobody, not even themselves; anonymous callers are UNAUTHENTICATED', async () => {
      const selfId = await userWith('ENTERPRISE_USER', { enterpriseId: gdEnt.id });
      const self: Viewer = { kind: 'USER', userId: fromGlobalId(selfId)!.key, username: 'self', role: 'ENTERPRISE_USER', sessionId: randomUUID(), enterpriseId: gdEnt.key };
      await expectUnchanged(selfId, () => reset(selfId, self), 'FORBIDDEN');
      await expectUnchanged(selfId, () => t.gql(SET_DISABLED, { input: { id: selfId, disabled: false } }, self), 'FORBIDDEN');
      await expectUnchanged(selfId, () => disable(selfId, self), 'FORBIDDEN');

      // A colleague of the same enterprise, or a user it cannot see: FORBIDDEN before anything is looked up.
      const colleague = await userWith('ENTERPRISE_USER', { enterpriseId: gdEnt.id });
      await expectUnchanged(colleague, () => disable(colleague, self), 'FORBIDDEN');
      await expectUnchanged(colleague, () => reset(colleague, self), 'FORBIDDEN');
      const stranger = await userWith('ENTERPRISE_USER', { enterpriseId: szEnt.id });
      await expectUnchanged(stranger, () => disable(stranger, self), 'FORBIDDEN');
      expect(onlyError(await disable(userGlobalId(randomUUID()), self)).extensions?.code).toBe('FORBIDDEN');

      await expectUnchanged(colleague, () => disable(colleague, as.anonymous), 'UNAUTHENTICATED');
      await expectUnchanged(colleague, () => reset(colleague, as.anonymous), 'UNAUTHENTICATED');
    });

    it('nobody may disable their own account', async () => {
      const admin = await t.login('NATIONAL_ADMIN');
      const id = userGlobalId(admin.userId);
      await expectUnchanged(id, async () => (await post(t, SET_DISABLED, { input: { id, disabled: true } }, { token: admin.accessToken })).body, 'FORBIDDEN');
    });

    it('an unknown or malformed user id is NOT_FOUND or BAD_USER_INPUT', async () => {
      await expectRefused(() => disable(userGlobalId(randomUUID())), 'NOT_FOUND');
      await expectRefused(() => reset(userGlobalId(randomUUID())), 'NOT_FOUND');
      await expectRefused(() => disable(gdEnt.id), 'BAD_USER_INPUT');
      await expectRefused(() => reset('garbage'), 'BAD_USER_INPUT');
    });
  });

  describe('users list', () => {
    const people: Record<string, string> = {};
    beforeAll(async () => {
      const make = async (key: string, role: string, scope: Record<string, unknown>) => {
        people[key] = (await createOk({ username: nextName(`list-${key}`), displayName: key, role, password: PASSWORD, ...scope })).user.username;
      };
      await make('gdStaff', 'ENTERPRISE_USER', { enterpriseId: gdEnt.id });
      await make('gdAgent', 'SERVICE_PROVIDER', { organizationId: gdOrg.id });
      await make('gdAdmin', 'PROVINCIAL_ADMIN', { regionCode: '440000' });
      await make('szStaff', 'ENTERPRISE_USER', { enterpriseId: szEnt.id });
      await make('szAgent', 'SERVICE_PROVIDER', { organizationId: szOrg.id });
      await make('szAdmin', 'PROVINCIAL_ADMIN', { regionCode: '440300' });
      await make('zjStaff', 'ENTERPRISE_USER', { enterpriseId: zjEnt.id });
      await make('overseas', 'SERVICE_PROVIDER', { organizationId: overseasOrg.id });
      await make('expert', 'EXPERT', { personId: person.id });
      await make('national', 'NATIONAL_ADMIN', {});
    });

    /** Every page of the list as `viewer` (token over HTTP, or a synthetic viewer). */
    async function listAll(viewer: Viewer | string, filter?: Record<string, unknown>) {
      const names: string[] = [];
      let after: string | null = null;
      let totalCount = -1;
      for (;;) {
        const variables = { filter, first: 25, after };
        const res: GraphQLResult<any> = typeof viewer === 'string' ? (await post(t, USERS, variables, { token: viewer })).body : await t.gql(USERS, variables, viewer);
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        const page = res.data!.users;
        totalCount = page.totalCount;
        names.push(...page.edges.map((e: { node: { username: string } }) => e.node.username));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(names).toHaveLength(totalCount);
      return names;
    }

    /** Users whose scope lies in `region` (docs/permissions.md), straight from the tables. */
    async function inJurisdiction(region: string): Promise<string[]> {
      const rows = await t.sql<{ username: string }>(
        `select u.username from app_user u
           left join enterprise e on e.id = u.enterprise_id
           left join service_organization o on o.id = u.organization_id
          where u.region_code = ? or e.region_code = ? or o.region_code = ?
          order by u.username`,
        [region, region, region],
      );
      return rows.map((r) => r.username);
    }

    it('shows the national admin every user, ordered by user name', async () => {
      const names = await listAll(as.national());
      const all = (await t.sql<{ username: string }>('select username from app_user')).map((r) => r.username);
      expect([...names].sort()).toEqual([...all].sort());
      expect(names).toEqual([...names].sort());
    });

    it("shows a provincial admin only its jurisdiction's enterprise and provider users and its bureau's admins", async () => {
      const token = (await t.login('PROVINCIAL_ADMIN', { regionCode: '440000' })).accessToken;
      const names = await listAll(token);
      expect([...names].sort()).toEqual(await inJurisdiction('440000'));
      for (const key of ['gdStaff', 'gdAgent', 'gdAdmin']) expect(names).toContain(people[key]);
      for (const key of ['szStaff', 'szAgent', 'szAdmin', 'zjStaff', 'overseas', 'expert', 'national']) expect(names).not.toContain(people[key]);

      const sz = await listAll(as.provincial('440300'));
      expect([...sz].sort()).toEqual(await inJurisdiction('440300'));
      for (const key of ['szStaff', 'szAgent', 'szAdmin']) expect(sz).toContain(people[key]);
      for (const key of ['gdStaff', 'gdAgent', 'gdAdmin']) expect(sz).not.toContain(people[key]);

      // A filter cannot widen the view.
      const widened = await listAll(as.provincial('440000'), { regionCode: '440300' });
      expect(widened).toEqual([]);
    });

    it('is FORBIDDEN for enterprise users, providers and experts and UNAUTHENTICATED anonymously', async () => {
      for (const viewer of [as.enterprise(gdEnt.key), as.user('SERVICE_PROVIDER', { organizationId: gdOrg.key }), as.user('EXPERT', { personId: person.key })]) {
        const res = await t.gql(USERS, {}, viewer);
        expect(res.data ?? null).toBeNull();
        expect(onlyError(res).extensions?.code).toBe('FORBIDDEN');
      }
      const staff = await t.login('ENTERPRISE_USER', { enterpriseId: gdEnt.key });
      expect(onlyError((await post(t, USERS, {}, { token: staff.accessToken })).body).extensions?.code).toBe('FORBIDDEN');
      expect(onlyError((await post(t, USERS, {})).body).extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('me.permissions', () => {
    const ME_PERMISSIONS = 'query { me { authenticated role permissions } }';
    // From the policies (docs/permissions.md, "Actions"): the enterprise, audit and account actions of each role.
    const OWN_ACCOUNT = ['account.password.change:self', 'account.user.read:self'];
    const SCOPED: Record<string, string[]> = {
      NATIONAL_ADMIN: [
        'enterprise.read:all', 'enterprise.record.read:all', 'enterprise.internalNotes.read:all', 'enterprise.create:all', 'enterprise.update:all',
        'enterprise.official.update:all', 'enterprise.move:all', 'enterprise.statistics.write:all', 'audit.read:all',
        'account.password.change:self', 'account.user.read:all', 'account.user.list:all', 'account.user.manage:all',
      ],
      PROVINCIAL_ADMIN: [
        'enterprise.read:jurisdiction', 'enterprise.record.read:jurisdiction', 'enterprise.internalNotes.read:jurisdiction', 'enterprise.create:jurisdiction',
        'enterprise.update:jurisdiction', 'enterprise.official.update:jurisdiction', 'enterprise.statistics.write:jurisdiction', 'audit.read:jurisdiction',
        'account.password.change:self', 'account.user.read:jurisdiction', 'account.user.list:jurisdiction', 'account.user.manage:jurisdiction',
      ],
      ENTERPRISE_USER: ['enterprise.read:own', 'enterprise.record.read:own', 'enterprise.update:own', 'enterprise.statistics.write:own', ...OWN_ACCOUNT],
      SERVICE_PROVIDER: ['enterprise.read:public', ...OWN_ACCOUNT],
      EXPERT: ['enterprise.read:public', ...OWN_ACCOUNT],
    };
    const ofEnterpriseAuditAccount = (permissions: string[]) => permissions.filter((p) => /^(enterprise|audit|account)\./.test(p)).sort();

    async function permissionsOf(role: string): Promise<{ authenticated: boolean; role: string; permissions: string[] }> {
      const scope: Record<string, Record<string, string>> = {
        PROVINCIAL_ADMIN: { regionCode: '440000' },
        ENTERPRISE_USER: { enterpriseId: gdEnt.key },
        SERVICE_PROVIDER: { organizationId: gdOrg.key },
        EXPERT: { personId: person.key },
      };
      const { accessToken } = await t.login(role as never, scope[role] ?? {});
      const res = await post<{ me: { authenticated: boolean; role: string; permissions: string[] } }>(t, ME_PERMISSIONS, {}, { token: accessToken });
      expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      return res.body.data!.me;
    }

    it('anonymous viewers may read the public directory and nothing of the enterprises, the audit log or the accounts beyond it', async () => {
      const me = (await post<{ me: { authenticated: boolean; role: string; permissions: string[] } }>(t, ME_PERMISSIONS)).body.data!.me;
      expect(me).toMatchObject({ authenticated: false, role: 'ANONYMOUS' });
      expect(ofEnterpriseAuditAccount(me.permissions)).toEqual(['enterprise.read:public']);
    });

    it.each(Object.keys(SCOPED))('a %s gets the capabilities of its scope', async (role) => {
      const me = await permissionsOf(role);
      expect(me.authenticated).toBe(true);
      expect(me.role).toBe(role);
      expect(ofEnterpriseAuditAccount(me.permissions)).toEqual([...SCOPED[role]!].sort());
    });

    // docs/permissions.md: changePassword is allowed to every signed-in role ("own"), administrators included.
    it.each(Object.keys(SCOPED))('a %s is told it may change its own password (account.password.change:self)', async (role) => {
      const me = await permissionsOf(role);
      expect(me.permissions).toContain('account.password.change:self');
    });

    it('matches what a national and a provincial admin can actually do: change their own password', async () => {
      for (const [role, scope] of [
        ['NATIONAL_ADMIN', {}],
        ['PROVINCIAL_ADMIN', { regionCode: '440000' }],
      ] as const) {
        const u = await t.login(role, scope);
        const res = await post(
          t,
          'mutation($input: ChangePasswordInput!) { changePassword(input: $input) { session { user { username } } } }',
          { input: { currentPassword: TEST_PASSWORD, newPassword: 'admins-can-change-it-7' } },
          { token: u.accessToken },
        );
        expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
      }
    });

    it.each(Object.keys(SCOPED))('matches what a %s can actually do: list users, manage accounts, read its own', async (role) => {
      const scope: Record<string, Record<string, string>> = {
        PROVINCIAL_ADMIN: { regionCode: '440000' },
        ENTERPRISE_USER: { enterpriseId: gdEnt.key },
        SERVICE_PROVIDER: { organizationId: gdOrg.key },
        EXPERT: { personId: person.key },
      };
      const u = await t.login(role as never, scope[role] ?? {});
      const permissions = (await post<{ me: { permissions: string[] } }>(t, ME_PERMISSIONS, {}, { token: u.accessToken })).body.data!.me.permissions;
      const has = (action: string) => permissions.some((p) => p.startsWith(`${action}:`));

      const list = await post(t, 'query { users(first: 1) { totalCount } }', {}, { token: u.accessToken });
      if (has('account.user.list')) expect(list.body.errors, JSON.stringify(list.body.errors)).toBeUndefined();
      else expect(onlyError(list.body).extensions?.code).toBe('FORBIDDEN');

      // An account that does not exist: those who manage accounts are told so, the others are refused before the look-up.
      const missing = await post(t, SET_DISABLED, { input: { id: userGlobalId(randomUUID()), disabled: true } }, { token: u.accessToken });
      expect(onlyError(missing.body).extensions?.code).toBe(has('account.user.manage') ? 'NOT_FOUND' : 'FORBIDDEN');

      // Everyone signed in reads its own account, personal fields included.
      expect(has('account.user.read')).toBe(true);
      const own = await post<{ node: { id: string } | null }>(t, 'query($id: ID!) { node(id: $id) { id } }', { id: userGlobalId(u.userId) }, { token: u.accessToken });
      expect(own.body.data!.node).toEqual({ id: userGlobalId(u.userId) });
    });
  });
});
