/**
 * When the database is away, busy or locked, the API says so and recovers by itself:
 * - database unreachable: every request (anonymous or signed in) is 503 SERVICE_UNAVAILABLE with
 *   Retry-After and the request id, and no host, port or driver message; /readyz is 503 at once;
 *   /healthz turns 503 once the outage outlasts HEALTH_DB_GRACE_SECONDS; all answer 200 again after;
 * - no free pooled connection within DB_ACQUIRE_TIMEOUT_MS: 503 instead of waiting forever;
 * - a row lock held elsewhere longer than DB_LOCK_TIMEOUT_MS: 503, and nothing is written;
 * - the serving connections carry lock_timeout, idle_in_transaction_session_timeout and statement_timeout.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { makeEnterprise, randomFor } from '../harness/factories.js';
import { toGlobalId } from '../../src/common/node.js';

const LEAKS = /ECONNREFUSED|ECONNRESET|127\.0\.0\.1|localhost|:\d{4,5}\b|postgres|pg-pool|kysely|mikro|timeout exceeded|terminat|stack/i;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function expectUnavailable(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.statusCode, response.body).toBe(503);
  expect(response.headers['retry-after']).toBe('5');
  const body = JSON.parse(response.body) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  const error = body.errors[0]!;
  expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5, requestId: response.headers['x-request-id'] });
  expect(JSON.stringify(body)).not.toMatch(LEAKS);
}

describe('the database away', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ healthDbGraceSeconds: 1, dbAcquireTimeoutMs: 1_000 }, { viaProxy: true });
    token = (await t.login('NATIONAL_ADMIN')).accessToken;
  });
  afterAll(() => t.close());

  const graphql = (auth?: string) =>
    t.app.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      payload: JSON.stringify({ query: '{ enterprises(first: 1) { totalCount } }' }),
    });
  const get = (url: string) => t.app.fastify.inject({ method: 'GET', url });

  it('answers 503 with Retry-After, masked, to the public and to signed-in users; health says so; all recover', async () => {
    expect((await graphql(token)).statusCode).toBe(200);
    await t.proxy!.down();
    try {
      expectUnavailable(await graphql());
      expectUnavailable(await graphql(token)); // the session check fails first: still masked, still 503
      const ready = await get('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'unavailable', rehearsal: false });
      // Liveness holds for the grace period, then fails, so that an orchestrator restarts the process.
      await until(async () => (await get('/healthz')).statusCode === 503, '/healthz to report the outage');
      expect((await get('/healthz')).json()).toMatchObject({ status: 'unhealthy', reason: 'database unreachable' });
      expect((await get('/healthz')).body).not.toMatch(LEAKS);
    } finally {
      await t.proxy!.up();
    }
    await until(async () => (await graphql(token)).statusCode === 200, 'GraphQL to answer again');
    expect((await graphql()).statusCode).toBe(200);
    expect((await get('/readyz')).statusCode).toBe(200);
    await until(async () => (await get('/healthz')).statusCode === 200, '/healthz to recover');
  });
});

describe('a busy pool and held locks', () => {
  let t: TestApp;
  let enterprise: { id: string; key: string };
  beforeAll(async () => {
    t = await createTestApp({ dbPoolSize: 2, dbAcquireTimeoutMs: 300, dbLockTimeoutMs: 500, dbIdleInTransactionTimeoutMs: 7_000 });
    const e = await makeEnterprise(t.orm.em, randomFor(31), { regionCode: '110000' });
    enterprise = { id: toGlobalId('Enterprise', e.id), key: e.id };
  });
  afterAll(() => t.close());

  it('the serving connections carry the timeouts from the settings', async () => {
    const [row] = await t.sql<Record<string, string>>(
      `select current_setting('lock_timeout') as lock, current_setting('idle_in_transaction_session_timeout') as idle, current_setting('statement_timeout') as statement`,
    );
    expect(row).toEqual({ lock: '500ms', idle: '7s', statement: `${t.config.requestTimeoutMs / 1000}s` });
  });

  it('no free connection within the acquire timeout: 503 at once instead of a wait without end, then normal again', async () => {
    // Both pooled connections busy for two seconds.
    const hogs = [t.sql('select pg_sleep(2)'), t.sql('select pg_sleep(2)')];
    await new Promise((r) => setTimeout(r, 100));
    const response = await t.app.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ enterprises(first: 1) { totalCount } }' }),
    });
    expectUnavailable(response);
    await Promise.all(hogs);
    expect((await t.gql('{ enterprises(first: 1) { totalCount } }')).errors).toBeUndefined();
  });

  it('a row locked elsewhere past the lock timeout: 503, nothing written, and the write succeeds once the lock is gone', async () => {
    const other = new pg.Client({ connectionString: (t.orm.config.get('clientUrl') as string) });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select 1 from enterprise where id = $1 for update', [enterprise.key]);
      const result = await t.gql(`mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { version } } }`, {
        input: { id: enterprise.id, version: 1, address: '北京市海淀区' },
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      await other.query('rollback');
    } finally {
      await other.end();
    }
    expect(await t.sql('select version, address from enterprise where id = ?', [enterprise.key])).toEqual([{ version: 1, address: expect.not.stringMatching(/海淀/) }]);
    const retried = await t.ok(`mutation($input: UpdateEnterpriseInput!) { updateEnterprise(input: $input) { enterprise { version address } } }`, {
      input: { id: enterprise.id, version: 1, address: '北京市海淀区' },
    });
    expect(retried.updateEnterprise.enterprise).toEqual({ version: 2, address: '北京市海淀区' });
  });
});
