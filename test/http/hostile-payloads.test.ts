/**
 * Hostile requests to /graphql: each is refused with the right HTTP status and a coded error
 * before anything is executed — no SQL statement runs, but for a signed-in request the auth hook's
 * session check, exactly as for `{ __typename }` — nothing is stored, and the server answers a
 * normal query afterwards. (Counted statements, not elapsed time: the result does not depend on
 * the machine's speed or load.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeSeries } from '../harness/credit-codes.js';
import { codes, createHttpTestApp, post, signedIn, type HttpAnswer, type HttpTestApp } from './test-app.js';

/** The statements a request ran (the harness leaves out the background health ping). */
const ofRequest = (queries: string[]) => queries;

const newCode = codeSeries(2_000_011, 7907, '110000');

function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    creditCode: newCode(),
    name: '北京市恒信知识产权科技有限公司',
    regionCode: '110000',
    industryCode: '39',
    sizeClass: 'SMALL',
    foundedOn: '2012-03-01',
    ...overrides,
  };
}

const CREATE = 'mutation Create($input: CreateEnterpriseInput!) { createEnterprise(input: $input) { enterprise { id name } } }';

describe('hostile payloads', () => {
  let h: HttpTestApp;

  /** The statements of a request that executes nothing: anonymous (none) and signed in (the session check). */
  const baseline = { anonymous: -1, signedIn: -1 };

  beforeAll(async () => {
    h = await createHttpTestApp();
    baseline.anonymous = ofRequest((await h.t.countQueries(() => post(h.fastify, { query: '{ __typename }' }))).queries).length;
    const headers = await signedIn(h);
    baseline.signedIn = ofRequest((await h.t.countQueries(() => post(h.fastify, { query: '{ __typename }' }, headers))).queries).length;
  });
  afterAll(() => h.close());

  afterEach(async () => {
    const normal = await post(h.fastify, { query: '{ regions { code } }' });
    expect(normal.status).toBe(200);
    expect(normal.body.errors).toBeUndefined();
    expect(normal.body.data.regions.length).toBeGreaterThan(30);
  });

  /**
   * Sends a request and expects it refused with `status` (and `code`, without data) before
   * execution: it ran no more SQL statements than a request that executes nothing.
   */
  async function expectRefused(send: () => Promise<HttpAnswer>, status: number, code?: string, as: keyof typeof baseline = 'anonymous'): Promise<HttpAnswer> {
    const { result: answer, queries: logged } = await h.t.countQueries(send);
    const queries = ofRequest(logged);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(status);
    if (code) {
      expect(codes(answer.body)).toContain(code);
      expect(answer.body.data).toBeUndefined();
    }
    expect(queries, queries.join('\n')).toHaveLength(baseline[as]);
    return answer;
  }

  it('counts what a request that executes nothing runs: no statement anonymously, the session check signed in', () => {
    expect(baseline.anonymous).toBe(0);
    expect(baseline.signedIn).toBe(1);
  });

  async function get(url: string, headers: Record<string, string>): Promise<HttpAnswer> {
    const response = await h.fastify.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, headers: response.headers, body: response.json() };
  }

  async function enterpriseCount(): Promise<number> {
    const [row] = await h.t.sql<{ n: number }>('select count(*)::int as n from enterprise');
    return Number(row!.n);
  }

  it('deeply nested JSON in variables (200,000 levels): no crash', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    await expectRefused(() => post(h.fastify, `{"query":"query($f: EnterpriseFilter) { enterprises(filter: $f) { totalCount } }","variables":{"f":{"search":${deep}}}}`), 400, 'BAD_USER_INPUT');
  });

  it('depth beyond the limit (12 levels): 400 GRAPHQL_VALIDATION_FAILED', async () => {
    let selection = 'code';
    for (let i = 0; i < 11; i++) selection = `parent { ${selection} }`;
    const answer = await expectRefused(() => post(h.fastify, { query: `{ regions { ${selection} } }` }), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors[0].extensions).toMatchObject({ limit: 'MAX_DEPTH', max: h.config.maxDepth });
    expect(answer.body.errors[0].message).toMatch(/嵌套过深/);
  });

  it('depth through fragments counts too', async () => {
    let fragments = 'fragment F0 on Region { code }';
    for (let i = 1; i <= 11; i++) fragments += ` fragment F${i} on Region { parent { ...F${i - 1} } }`;
    const answer = await expectRefused(() => post(h.fastify, { query: `{ regions { ...F11 } } ${fragments}` }), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors[0].extensions.limit).toBe('MAX_DEPTH');
  });

  it('100 aliases: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    // (Aliases of __typename are free in graphql-armor: they cost nothing to resolve.)
    const fields = Array.from({ length: 100 }, (_, i) => `a${i}: regions { code }`).join(' ');
    const answer = await expectRefused(() => post(h.fastify, { query: `{ ${fields} }` }), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors[0].extensions).toMatchObject({ limit: 'MAX_ALIASES' });
  });

  it('too many directives: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const directives = Array.from({ length: 30 }, () => '@include(if: true)').join(' ');
    const answer = await expectRefused(() => post(h.fastify, { query: `{ __typename ${directives} }` }), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors[0].extensions).toMatchObject({ limit: 'MAX_DIRECTIVES' });
  });

  it('first: 99999999 as a literal: refused by the cost limit before execution (400)', async () => {
    const answer = await expectRefused(() => post(h.fastify, { query: '{ enterprises(first: 99999999) { totalCount edges { node { name } } } }' }), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors[0].extensions).toMatchObject({ limit: 'MAX_COST' });
  });

  it('not refused: the portal directory page with first: 100 as a literal (the documented maximum page)', async () => {
    const directory = readFileSync('trusted-documents/PublicEnterpriseDirectory.graphql', 'utf8').replace('first: $first', 'first: 100').replace(', $first: Int = 20', '');
    const answer = await post(h.fastify, { query: directory, variables: { filter: { regionCodes: ['110000'] } } });
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });

  it('first: 99999999 in a variable: the resolver refuses it (200 with BAD_USER_INPUT, no rows)', async () => {
    const { result: answer, queries: logged } = await h.t.countQueries(() =>
      post(h.fastify, {
        query: 'query Page($n: Int) { enterprises(first: $n) { totalCount edges { node { name } } } }',
        variables: { n: 99_999_999 },
      }),
    );
    const queries = ofRequest(logged);
    expect(answer.status).toBe(200);
    expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    expect(answer.body.data).toBeNull();
    // Refused before the page (or its count) was queried.
    expect(queries, queries.join('\n')).toEqual([]);
  });

  it('a fragment cycle: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const query = '{ regions { ...A } } fragment A on Region { code parent { ...B } } fragment B on Region { name parent { ...A } }';
    await expectRefused(() => post(h.fastify, { query }), 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('a fragment spreading itself: 400 GRAPHQL_VALIDATION_FAILED', async () => {
    await expectRefused(() => post(h.fastify, { query: '{ ...Q } fragment Q on Query { __typename ...Q }' }), 400, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('a chain of 3,000 fragments: 400 GRAPHQL_PARSE_FAILED (token limit), parsing stops early', async () => {
    const chain = Array.from({ length: 3_000 }, (_, i) => (i < 2_999 ? `fragment F${i} on Query { ...F${i + 1} }` : `fragment F${i} on Query { __typename }`));
    await expectRefused(() => post(h.fastify, { query: `{ ...F0 } ${chain.join(' ')}` }), 400, 'GRAPHQL_PARSE_FAILED');
  });

  it('a chain of 3,000 fragments with the token limit raised: still 400, no stack overflow (500)', async () => {
    const loose = await h.variant({ maxTokens: 100_000 });
    const chain = Array.from({ length: 3_000 }, (_, i) => (i < 2_999 ? `fragment F${i} on Query { ...F${i + 1} }` : `fragment F${i} on Query { __typename }`));
    const answer = await expectRefused(() => post(loose, { query: `{ ...F0 } ${chain.join(' ')}` }), 400, 'GRAPHQL_VALIDATION_FAILED');
    expect(answer.body.errors).toHaveLength(1);
    const normal = await post(loose, { query: '{ __typename }' });
    expect(normal.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('1,100 tokens: 400 GRAPHQL_PARSE_FAILED with a Chinese message', async () => {
    // `__typename` 1,100 times is 1,102 tokens and no alias, so only the token limit applies.
    const answer = await expectRefused(() => post(h.fastify, { query: `{ ${Array.from({ length: 1_100 }, () => '__typename').join(' ')} }` }), 400, 'GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors[0].message).toBe(`查询过长：一个文档最多 ${h.config.maxTokens} 个词法单元（token）。`);
  });

  it('a JSON array (batched operations): 400 BAD_REQUEST', async () => {
    const answer = await expectRefused(() => post(h.fastify, [{ query: '{ __typename }' }, { query: '{ __typename }' }]), 400, 'BAD_REQUEST');
    expect(answer.body.errors[0].message).toMatch(/批量/);
  });

  it('a text/plain POST (CSRF): 400, not executed', async () => {
    const answer = await expectRefused(() => post(h.fastify, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' }), 400, 'BAD_REQUEST');
    expect(answer.body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it('a text/plain POST with a preflight header: still refused (body is not JSON)', async () => {
    await expectRefused(() => post(h.fastify, JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' }), 400, 'BAD_REQUEST');
  });

  it('a form POST: 415 (no parser for it)', async () => {
    await expectRefused(() => post(h.fastify, 'query=%7B__typename%7D', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
  });

  it('a mutation over GET: 405 with Allow: POST, nothing stored', async () => {
    const before = await enterpriseCount();
    const headers = { accept: 'application/json', 'apollo-require-preflight': 'true', ...(await signedIn(h)) };
    const url = `/graphql?query=${encodeURIComponent(CREATE)}&variables=${encodeURIComponent(JSON.stringify({ input: validInput() }))}`;
    const answer = await expectRefused(() => get(url, headers), 405, 'BAD_REQUEST', 'signedIn');
    expect(answer.headers.allow).toBe('POST');
    expect(await enterpriseCount()).toBe(before);
  });

  it('a body over the limit: 413', async () => {
    const padding = 'x'.repeat(h.config.bodyLimit + 1);
    await expectRefused(() => post(h.fastify, { query: '{ __typename }', variables: { padding } }), 413);
  });

  it('malformed JSON: 400', async () => {
    await expectRefused(() => post(h.fastify, '{"query": "{ __typename }"'), 400);
  });

  describe('forbidden keys in variables and extensions: 400 BAD_USER_INPUT, nothing executed or stored', () => {
    const cases: [string, (input: Record<string, unknown>) => string][] = [
      ['__proto__', (input) => JSON.stringify({ query: CREATE, variables: { input } }).replace('"name":', '"__proto__":{"isAdmin":true},"name":')],
      ['constructor', (input) => JSON.stringify({ query: CREATE, variables: { input: { ...input, constructor: { prototype: { x: 1 } } } } })],
      ['prototype', (input) => JSON.stringify({ query: CREATE, variables: { input: { ...input, address: { prototype: 1 } } } })],
      ['$ne', (input) => JSON.stringify({ query: CREATE, variables: { input: { ...input, name: { $ne: null } } } })],
      ['$where', (input) => JSON.stringify({ query: CREATE, variables: { input }, extensions: { $where: 'sleep(1000)' } })],
      ['__raw', (input) => JSON.stringify({ query: CREATE, variables: { input: { ...input, __raw: 'drop table enterprise' } } })],
      ['__rawSql (nested in a list)', (input) => JSON.stringify({ query: CREATE, variables: { input, list: [{ ok: 1 }, { __rawSql: '1=1' }] } })],
    ];

    for (const [what, body] of cases) {
      it(what, async () => {
        const before = await enterpriseCount();
        const headers = await signedIn(h);
        const answer = await expectRefused(() => post(h.fastify, body(validInput()), headers), 400, 'BAD_USER_INPUT', 'signedIn');
        expect(answer.body.errors[0].message).toMatch(/不允许/);
        expect(await enterpriseCount()).toBe(before);
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      });
    }

    it('over GET too', async () => {
      const url = `/graphql?query=${encodeURIComponent('query($f: EnterpriseFilter) { enterprises(filter: $f) { totalCount } }')}&variables=${encodeURIComponent('{"f":{"search":{"$regex":".*"}}}')}`;
      const answer = await expectRefused(() => get(url, { accept: 'application/json' }), 400, 'BAD_USER_INPUT');
      expect(codes(answer.body)).toEqual(['BAD_USER_INPUT']);
    });

    it('the same request without the bad key is stored (the check, not something else, stopped it)', async () => {
      const before = await enterpriseCount();
      const answer = await post(h.fastify, { query: CREATE, variables: { input: validInput() } }, await signedIn(h));
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(await enterpriseCount()).toBe(before + 1);
    });

    it('other routes: only what Fastify itself refuses (prototype poisoning) is refused in JSON bodies', async () => {
      const server = await h.variant({}, undefined, (f) => f.post('/echo', async (request) => ({ body: request.body })));
      const send = (payload: string) => server.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });
      for (const poisoned of ['{"a":{"__proto__":{"x":1}}}', '{"constructor":{"prototype":{"x":1}}}']) {
        const response = await send(poisoned);
        expect(response.statusCode, poisoned).toBe(400);
        expect(response.json().code).toBe('FST_ERR_CTP_INVALID_JSON_BODY');
      }
      expect((await send('{"$ne":1,"constructor":"c"}')).json()).toEqual({ body: { $ne: 1, constructor: 'c' } });
      expect((await send('')).statusCode).toBe(400);
      expect((await send('{')).statusCode).toBe(400);
    });
  });
});
