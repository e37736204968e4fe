/**
 * REQUEST_TIMEOUT_MS (src/http/request-timeout.ts): a route that does not answer in time gets 503
 * SERVICE_UNAVAILABLE with Retry-After and the request id, with the security headers like any
 * other answer; a route that answers in time is untouched, and the late handler's own answer is
 * dropped rather than sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHttpTestApp, type HttpTestApp } from './test-app.js';

describe('request timeout', () => {
  let h: HttpTestApp;
  let server: FastifyInstance;
  let lateAnswers = 0;

  beforeAll(async () => {
    h = await createHttpTestApp();
    server = await h.variant({ requestTimeoutMs: 300 }, undefined, (f) => {
      f.get('/slow', async () => {
        await new Promise((r) => setTimeout(r, 800));
        lateAnswers++;
        return { late: true };
      });
      f.get('/quick', async () => ({ quick: true }));
    });
  });
  afterAll(() => h.close());

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After once the time is up', async () => {
    const started = Date.now();
    const answer = await server.inject({ method: 'GET', url: '/slow', headers: { 'x-request-id': 'timeout-test-0001' } });
    expect(Date.now() - started).toBeLessThan(750);
    expect(answer.statusCode).toBe(503);
    expect(answer.headers['retry-after']).toBeDefined();
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    const body = answer.json();
    expect(body.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.errors[0].extensions.requestId).toBe('timeout-test-0001');
    // The handler finishes later; its answer goes nowhere and nothing breaks.
    await new Promise((r) => setTimeout(r, 700));
    expect(lateAnswers).toBe(1);
    expect((await server.inject({ method: 'GET', url: '/quick' })).statusCode).toBe(200);
  });

  it('leaves an answer in time alone, GraphQL included', async () => {
    const quick = await server.inject({ method: 'GET', url: '/quick' });
    expect(quick.statusCode).toBe(200);
    expect(quick.json()).toEqual({ quick: true });
    const graphql = await server.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query: '{ __typename }' }) });
    expect(graphql.statusCode).toBe(200);
    expect(graphql.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
