/**
 * GET /metrics answers in the Prometheus text format: operations by name (with bounded
 * cardinality), errors by code, HTTP answers, the pool, and Node's own figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';

/** The value of one sample (name{labels} value) in a Prometheus text answer. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (wanted.every((w) => line.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics', () => {
  let t: TestApp;
  const scrape = async (headers: Record<string, string> = {}) => t.app.fastify.inject({ method: 'GET', url: '/metrics', headers });
  beforeAll(async () => {
    t = await createTestApp({ metricsToken: undefined });
  });
  afterAll(() => t.close());

  it('counts operations by name and outcome, errors by code, and reports the pool and the process', async () => {
    for (let i = 0; i < 3; i++) expect((await t.http('query Directory { enterprises(first: 1) { totalCount } }')).status).toBe(200);
    await t.http('query BadInput { enterprises(first: 1, filter: { search: "" }) { totalCount } }');
    await t.http('{ __typename }');
    const answer = await scrape();
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = answer.body;
    expect(sample(text, 'graphql_requests_total', { operation: 'Directory', outcome: 'ok' })).toBe(3);
    expect(sample(text, 'graphql_requests_total', { operation: 'BadInput', outcome: 'error' })).toBe(1);
    expect(sample(text, 'graphql_requests_total', { operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'graphql_request_duration_seconds_count', { operation: 'Directory' })).toBe(3);
    expect(sample(text, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    // The same anonymous query three times: computed once, then answered from the response cache.
    expect(sample(text, 'graphql_response_cache_total', { result: 'hit' })).toBe(2);
    expect(sample(text, 'http_requests_total', { route: '/graphql', status: '2xx' })).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'db_pool_acquire_timeouts_total')).toBe(0);
    for (const name of ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes', 'process_cpu_seconds_total']) {
      expect(sample(text, name), name).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps the operation label bounded whatever names clients invent', async () => {
    for (let i = 0; i < 205; i++) await t.http(`query Invented${i} { __typename }`);
    await t.http('query Bad_Name_With_ÜNICODE { __typename }');
    const text = (await scrape()).body;
    const labels = new Set([...text.matchAll(/graphql_requests_total\{operation="([^"]+)"/g)].map((m) => m[1]));
    expect(labels.size).toBeLessThanOrEqual(202); // 200 names, anonymous, other
    expect(sample(text, 'graphql_requests_total', { operation: 'other', outcome: 'ok' })).toBeGreaterThan(0);
  });

  it('wants the token when METRICS_TOKEN is set', async () => {
    const guarded = await createTestApp({ metricsToken: 'scrape-token-1234' });
    try {
      const refused = await guarded.app.fastify.inject({ method: 'GET', url: '/metrics' });
      expect(refused.statusCode).toBe(401);
      const allowed = await guarded.app.fastify.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token-1234' } });
      expect(allowed.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
