/**
 * What reaches the client when things go wrong: coded errors keep their code and message;
 * anything unexpected is INTERNAL_SERVER_ERROR with nothing about SQL, stack or host.
 * Also the health endpoints.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type GraphQLResult, type TestApp } from '../harness/app.js';
import { makeEnterprise, makeStatistics, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';

/** Things an internal error must never show the client. */
const LEAKS: [string, RegExp][] = [
  ['SQL keyword', /\b(select|insert|update|delete)\b.+\b(from|into|set|where)\b/i],
  ['column name', /ip_staff/i],
  ['table name', /enterprise_statistics/i],
  ['database error wording', /column|relation|does not exist|syntax error|violates|constraint/i],
  ['driver', /postgres|\bpg\b|mikro-?orm|knex|kysely/i],
  ['database name', /iptest_/i],
  ['host or port', /127\.0\.0\.1|localhost|:5432\b/i],
  ['stack frame', /\bat\s+\S+\s+\(|\.(ts|js|mjs|cjs):\d+/],
  ['file path', /\/work\/|node_modules|\/src\//],
  ['stack trace key', /stacktrace|exception/i],
];

/** Checks what the client can read in each error: its message and extensions (locations and paths are the client's own query). */
function expectNoLeaks(payload: GraphQLResult): void {
  for (const error of payload.errors ?? []) {
    const text = JSON.stringify({ message: error.message, extensions: error.extensions });
    for (const [what, pattern] of LEAKS) expect(text, `${what} leaked: ${text}`).not.toMatch(pattern);
  }
  const rest = JSON.stringify({ ...payload, errors: undefined });
  for (const [what, pattern] of LEAKS.filter(([w]) => w !== 'database error wording')) expect(rest, `${what} leaked: ${rest}`).not.toMatch(pattern);
}

/** Over HTTP as a national admin (a real account, logged in through the API). */
let token: string | undefined;
async function http(t: TestApp, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: GraphQLResult; headers: Record<string, unknown> }> {
  token ??= (await t.login('NATIONAL_ADMIN')).accessToken;
  return t.http(query, variables, token);
}

describe('error masking and health endpoints', () => {
  let t: TestApp;
  let enterpriseId: string;
  let statisticsId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const e = await makeEnterprise(t.orm.em, randomFor(5), { regionCode: '110000' });
    await makeStatistics(t.orm.em, e, { year: 2023, ipStaff: 4 });
    const data = await t.ok(`query($c: CreditCode!) { enterpriseByCreditCode(code: $c) { id version statistics { id } } }`, { c: e.creditCode });
    enterpriseId = data.enterpriseByCreditCode.id;
    statisticsId = data.enterpriseByCreditCode.statistics[0].id;
  });
  afterAll(() => t.close());

  describe('health endpoints', () => {
    it('GET /healthz answers 200', async () => {
      const response = await t.app.fastify.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ok' });
    });

    it('GET /readyz answers 200 when the database is reachable', async () => {
      const response = await t.app.fastify.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(200);
      // With the programme's date, and whether it is a rehearsal clock (test/programme/rehearsal-clock.test.ts).
      expect(response.json()).toEqual({ status: 'ready', programmeDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), rehearsal: false });
    });

    it('responses carry a request id, echoing a well-formed one the client sent', async () => {
      const response = await t.app.fastify.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'client-req-12345' } });
      expect(response.headers['x-request-id']).toBe('client-req-12345');
      const fresh = await t.app.fastify.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'bad id with spaces' } });
      expect(fresh.headers['x-request-id']).not.toBe('bad id with spaces');
      expect(String(fresh.headers['x-request-id'])).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    });
  });

  describe('coded errors keep their code and message', () => {
    const UPDATE = `mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { id } } }`;

    it('CONFLICT (stale version) keeps its message and details, without a stack trace', async () => {
      const result = await t.gql(UPDATE, { input: { id: enterpriseId, version: 99, name: '过期版本' } });
      const error = result.errors![0]!;
      expect(error.extensions).toEqual({ code: 'CONFLICT', field: 'version', currentVersion: 1, sentVersion: 99 });
      expect(error.message).toBe('数据已被他人修改，请刷新后重试');
      expect(error.path).toEqual(['updateEnterprise']);
      expectNoLeaks(result);
    });

    it('NOT_FOUND keeps its message', async () => {
      const id = toGlobalId('Enterprise', randomUUID());
      const result = await t.gql(UPDATE, { input: { id, version: 1, name: '不存在' } });
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', type: '企业' });
      expect(result.errors![0]!.message).toBe(`未找到企业（${id}）`);
      expect(result.errors![0]!.extensions).not.toHaveProperty('stacktrace');
    });

    it('BAD_USER_INPUT from the service keeps its message and field list', async () => {
      const result = await t.gql(UPDATE, { input: { id: enterpriseId, version: 1, regionCode: '440100' } });
      const error = result.errors![0]!;
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.fields).toEqual([{ field: 'regionCode', message: expect.stringContaining('440100') }]);
      expect(error.message).toMatch(/^输入有误：regionCode：/);
      expect(error.extensions).not.toHaveProperty('stacktrace');
    });

    it('BAD_USER_INPUT from a scalar (bad credit code variable) keeps the scalar\'s explanation', async () => {
      const result = await t.gql(`query($c: CreditCode!) { enterpriseByCreditCode(code: $c) { id } }`, { c: '91350100M000100Y4' });
      expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.message).toContain('统一社会信用代码应为 18 位');
      expect(result.errors![0]!.extensions).not.toHaveProperty('stacktrace');
    });

    it('parse and validation errors keep their codes', async () => {
      const parse = await t.gql(`{ enterprises( }`);
      expect(parse.errors![0]!.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      const validation = await t.gql(`{ noSuchField }`);
      expect(validation.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(validation.errors![0]!.message).toContain('noSuchField');
    });

    it('over HTTP too: the coded error arrives as it is, with no stack trace', async () => {
      const { status, body } = await http(t, UPDATE, { input: { id: enterpriseId, version: 99, name: '过期版本' } });
      expect(status).toBe(200);
      expect(body.errors![0]!.extensions).toEqual({ code: 'CONFLICT', field: 'version', currentVersion: 1, sentVersion: 99 });
      expect(body.errors![0]!.message).toBe('数据已被他人修改，请刷新后重试');
      expectNoLeaks(body);
    });
  });

  describe('an unexpected internal failure', () => {
    const STATS = `query($id: ID!) { enterprise(id: $id) { id statistics { year ipStaff } } }`;
    const GENERIC = '服务器内部错误，请稍后重试；如持续出现，请联系管理员并提供请求编号。';

    beforeAll(async () => {
      // This file's own database: break the statistics table so that statements on it fail in SQL
      // (year is in every WHERE / ORDER BY) and rows read from it miss a non-null field (ip_staff).
      await t.sql('alter table enterprise_statistics rename column ip_staff to ip_staff_x');
      await t.sql('alter table enterprise_statistics rename column year to year_x');
    });
    afterAll(async () => {
      await t.sql('alter table enterprise_statistics rename column year_x to year');
      await t.sql('alter table enterprise_statistics rename column ip_staff_x to ip_staff');
    });

    function expectMasked(result: GraphQLResult): void {
      expect(result.errors, JSON.stringify(result)).toBeDefined();
      expect(result.errors).toHaveLength(1);
      const error = result.errors![0]!;
      // The request id is in the answer (and in the log line), so a user can report it.
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^[A-Za-z0-9._-]{8,64}$/) });
      expect(error.message).toBe(GENERIC);
      expectNoLeaks(result);
    }

    it('reaches the client through Apollo as INTERNAL_SERVER_ERROR, with no SQL, stack or host', async () => {
      const result = await t.gql(STATS, { id: enterpriseId });
      expectMasked(result);
      expect(result.errors![0]!.path).toEqual(['enterprise', 'statistics']);
    });

    it('reaches the client over HTTP the same way, with the request id of the x-request-id header', async () => {
      const { status, body, headers } = await http(t, STATS, { id: enterpriseId });
      expect(status).toBe(200);
      expectMasked(body);
      expect(body.errors![0]!.extensions!.requestId).toBe(headers['x-request-id']);
    });

    it('is masked in a mutation too (setEnterpriseStatistics on the broken table)', async () => {
      const result = await t.gql(
        `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { statistics { id } } }`,
        { input: { enterpriseId, year: 2022, ipStaff: 1 } },
      );
      expectMasked(result);
    });

    it('is masked when a row read from the broken table lacks a non-null field (node lookup)', async () => {
      const result = await t.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id ... on EnterpriseStatistics { year ipStaff } } }`, { ids: [statisticsId] });
      expectMasked(result);
    });

    it('does not disturb the parts of the same request that work', async () => {
      const result = await t.gql(`query($id: ID!) { region(code: "110000") { name } enterprise(id: $id) { statistics { year } } }`, { id: enterpriseId });
      expect(result.data?.region).toEqual({ name: '北京市' });
      expectMasked(result);
    });

    it('coded errors are still reported as they are while the table is broken', async () => {
      const result = await t.gql(
        `mutation($input: SetEnterpriseStatisticsInput!) { setEnterpriseStatistics(input: $input) { statistics { id } } }`,
        { input: { enterpriseId, year: 2022, ipStaff: -1 } },
      );
      expect(result.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('the health endpoints still answer 200', async () => {
      expect((await t.app.fastify.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      expect((await t.app.fastify.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    });
  });
});
