/**
 * The public portal's response cache (src/http/response-cache.ts): an anonymous query's answer
 * is computed once per data version and then served without a statement; any committed write
 * (through the API or straight into the database) makes it void at once; a signed-in viewer is
 * never served from it; errors and mutations are never kept; over GET the trusted documents get
 * an ETag, Cache-Control and 304 on revalidation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createHttpTestApp, post, signedIn, type HttpTestApp } from './test-app.js';
import { makeDesignation, makeEnterprise, randomFor } from '../harness/factories.js';
import type { Enterprise } from '../../src/modules/enterprise/enterprise.entity.js';

const sha256 = (text: string) => createHash('sha256').update(text.trim()).digest('hex');
const DIRECTORY = readFileSync(new URL('../../trusted-documents/PublicEnterpriseDirectory.graphql', import.meta.url), 'utf8');
const ONE = 'query One($id: ID!) { enterprise(id: $id) { id name } }';

describe('response cache for anonymous queries', () => {
  let h: HttpTestApp;
  let listed: Enterprise;
  let id: string;

  beforeAll(async () => {
    h = await createHttpTestApp({ publicCacheMaxAgeSeconds: 60 });
    // A demonstration enterprise in the public directory until 2027-11-30.
    listed = await makeEnterprise(h.t.orm.em, randomFor(41), { regionCode: '110000', name: '缓存测试科技有限公司' });
    await makeDesignation(h.t.orm.em, listed, { level: 'DEMONSTRATION', status: 'ACTIVE', batchYear: 2024, validFrom: '2024-12-01', validUntil: '2027-11-30' });
    id = (await h.t.ok<{ enterprises: { edges: { node: { id: string } }[] } }>('{ enterprises(first: 1, filter: { search: "缓存测试" }) { edges { node { id } } } }')).enterprises.edges[0]!.node.id;
  });
  afterAll(() => h.close());

  const one = (headers: Record<string, string> = {}) => post(h.fastify, { query: ONE, variables: { id } }, headers);
  /** The answer and the SQL statements it cost, with the caches as they are. */
  const measured = <T>(fn: () => Promise<T>) => h.t.countQueries(fn, { warm: true });

  it('computes an answer once per data version, then serves the same bytes without a statement', async () => {
    h.t.forgetCaches();
    const first = await measured(() => one());
    expect(first.result.status).toBe(200);
    expect(first.result.body.data.enterprise.name).toBe('缓存测试科技有限公司');
    expect(first.queries.length).toBeGreaterThan(0);
    const second = await measured(() => one());
    expect(second.queries).toEqual([]);
    expect(second.result.body).toEqual(first.result.body);
    expect(second.result.headers.etag).toBe(first.result.headers.etag);
    expect(second.result.headers['content-type']).toMatch(/^application\/json/);
    // Other variables are another answer.
    const other = await measured(() => post(h.fastify, { query: ONE, variables: { id: 'RW50ZXJwcmlzZTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=' } }));
    expect(other.result.body.data?.enterprise ?? null).toBeNull();
  });

  it('is void after a mutation through the API: the next anonymous answer has the change', async () => {
    expect((await one()).body.data.enterprise.name).toBe('缓存测试科技有限公司');
    const admin = await signedIn(h);
    const current = (await post(h.fastify, { query: `query($id: ID!) { enterprise(id: $id) { version } }`, variables: { id } }, admin)).body.data.enterprise;
    const update = await post(
      h.fastify,
      { query: 'mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { name } } }', variables: { input: { id, version: current.version, name: '缓存测试科技股份有限公司' } } },
      admin,
    );
    expect(update.body.errors).toBeUndefined();
    const after = await measured(() => one());
    expect(after.result.body.data.enterprise.name).toBe('缓存测试科技股份有限公司');
    expect(after.queries.length).toBeGreaterThan(0);
  });

  it('is void after a write straight into the database (a script, another service): the triggers raise the version', async () => {
    await one();
    await h.t.sql(`update enterprise set name = '缓存测试直接写入有限公司' where id = ?`, [listed.id]);
    expect((await one()).body.data.enterprise.name).toBe('缓存测试直接写入有限公司');
  });

  it('never serves a signed-in viewer from it, nor keeps what it was given; its answers say no-store', async () => {
    await h.t.sql(`update enterprise set internal_notes = '仅限知识产权局' where id = ?`, [listed.id]);
    const query = `query Notes($id: ID!) { enterprise(id: $id) { id name internalNotes } }`;
    const admin = await signedIn(h);
    const answer = await post(h.fastify, { query, variables: { id } }, admin);
    expect(answer.body.data.enterprise.internalNotes).toBe('仅限知识产权局');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers.etag).toBeUndefined();
    // The same document anonymously is the anonymous viewer's answer, never the admin's.
    const anonymous = await post(h.fastify, { query, variables: { id } });
    expect(anonymous.body.data?.enterprise?.internalNotes ?? null).toBeNull();
    expect(JSON.stringify(anonymous.body)).not.toContain('仅限知识产权局');
    // A signed-in viewer asking what the anonymous viewer has cached still has it computed.
    await one();
    const repeat = await measured(() => one(admin));
    expect(repeat.queries.length).toBeGreaterThan(0);
    expect(repeat.result.headers['cache-control']).toBe('no-store');
  });

  it('keeps no answer with an error, and no mutation', async () => {
    const bad = '{ enterprises(first: 1, filter: { search: "" }) { totalCount } }';
    await post(h.fastify, { query: bad });
    const again = await measured(() => post(h.fastify, { query: bad }));
    expect(again.result.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.result.headers.etag).toBeUndefined();

    const login = 'mutation { login(input: { username: "nobody-here", password: "wrong-password-123" }) { accessToken } }';
    const first = await post(h.fastify, { query: login });
    const second = await post(h.fastify, { query: login });
    expect(first.body.errors?.length).toBeGreaterThan(0);
    expect(second.body.errors?.length).toBeGreaterThan(0);
    expect(second.headers.etag).toBeUndefined();
  });

  describe('over GET (the public portal’s trusted documents)', () => {
    const url = (variables: object) =>
      `/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(DIRECTORY) } }))}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
    // A server that runs only the trusted documents for the anonymous viewer, as in production.
    let portal: Awaited<ReturnType<HttpTestApp['variant']>>;
    beforeAll(async () => {
      portal = await h.variant({ trustedDocuments: 'anonymous', publicCacheMaxAgeSeconds: 60 });
    });
    const get = (path: string, headers: Record<string, string> = {}) =>
      portal.inject({ method: 'GET', url: path, headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...headers } });

    it('answers with an ETag and Cache-Control, and 304 to a revalidation while the data is unchanged', async () => {
      const path = url({ first: 5, filter: { regionCodes: ['110000'] } });
      const first = await get(path);
      expect(first.statusCode).toBe(200);
      expect(first.json().data.enterprises.totalCount).toBeGreaterThanOrEqual(1);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      expect(first.headers.vary).toMatch(/Authorization/);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"\d+-[A-Za-z0-9_-]{16}"$/);

      const revalidated = await measured(() => get(path, { 'if-none-match': etag }));
      expect(revalidated.result.statusCode).toBe(304);
      expect(revalidated.result.body).toBe('');
      expect(revalidated.queries).toEqual([]);

      await h.t.sql(`update enterprise set address = address || '' where id = ?`, [listed.id]);
      const changed = await get(path, { 'if-none-match': etag });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    });

    it('leaves a GET without a preflight header to Apollo, which refuses it (CSRF)', async () => {
      const answer = await portal.inject({ method: 'GET', url: url({ first: 1 }), headers: { accept: 'application/json' } });
      expect(answer.statusCode).toBe(400);
      expect(answer.headers.etag).toBeUndefined();
    });
  });

  it('keeps the programme’s date in the key: a pinned date gets its own answer', async () => {
    // The harness's own server reads the clock the test can pin.
    const ask = () => post(h.t.app.fastify, { query: ONE, variables: { id } });
    expect((await ask()).body.data.enterprise).not.toBeNull();
    // After the designation's end the enterprise leaves the public directory.
    h.t.setToday('2028-01-15');
    try {
      expect((await ask()).body.data.enterprise).toBeNull();
    } finally {
      h.t.setToday(null);
    }
    const back = await measured(ask);
    expect(back.result.body.data.enterprise).not.toBeNull();
    expect(back.queries).toEqual([]);
  });

  it('is bypassed while the data version cannot be read, and used again once it can', async () => {
    await one();
    const hit = await measured(() => one());
    expect(hit.queries).toEqual([]);
    await h.t.sql(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'ip-enterprise-api data-version' and datname = current_database()`);
    await new Promise((r) => setTimeout(r, 50));
    const bypassed = await measured(() => one());
    expect(bypassed.result.body.data.enterprise.id).toBe(id);
    expect(bypassed.queries.length).toBeGreaterThan(0);
    expect(bypassed.result.headers.etag).toBeUndefined();
    // The connection comes back after its back-off (half a second at first).
    await new Promise((r) => setTimeout(r, 700));
    await one();
    const again = await measured(() => one());
    expect(again.queries).toEqual([]);
  });
});
