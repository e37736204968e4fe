/**
 * Security headers (helmet; the GraphiQL page's own CSP), CORS with the configured allow-list, and
 * rate limits (429 in the GraphQL error shape, per user or per address, health checks exempt,
 * shared through Redis when configured, open when Redis is down).
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis } from '../../src/http/hardening.js';
import { createHttpTestApp, signedIn, type HttpTestApp } from './test-app.js';

const PORTAL = 'https://portal.example.cn';

async function gql(fastify: FastifyInstance, options: { headers?: Record<string, string>; remoteAddress?: string } = {}) {
  return fastify.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress: options.remoteAddress,
    headers: { 'content-type': 'application/json', ...options.headers },
    payload: JSON.stringify({ query: '{ __typename }' }),
  });
}

/** A fresh client address, so that runs within the same minute do not share Redis counters. */
function randomAddress(): string {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
}

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('security headers, CORS and rate limits', () => {
  let h: HttpTestApp;

  beforeAll(async () => {
    h = await createHttpTestApp();
  });
  afterAll(() => h.close());

  describe('helmet', () => {
    it('API answers carry the security headers and a strict CSP', async () => {
      for (const response of [await gql(h.fastify), await h.fastify.inject({ method: 'GET', url: '/healthz' })]) {
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
        expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
        expect(response.headers['x-dns-prefetch-control']).toBe('off');
        expect(response.headers['x-powered-by']).toBeUndefined();
        const csp = directives(String(response.headers['content-security-policy']));
        expect(csp.get('default-src')).toEqual(["'self'"]);
        expect(csp.get('script-src')).toEqual(["'self'"]);
        expect(csp.get('object-src')).toEqual(["'none'"]);
        expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
      }
    });

    it('the GraphiQL page may run exactly its own inline script (by hash) and load its assets from our origin', async () => {
      const response = await h.fastify.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      const html = response.body;
      const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
      expect(inline).toHaveLength(1);
      const csp = directives(String(response.headers['content-security-policy']));
      const hash = `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`;
      expect(csp.get('script-src')).toEqual(["'self'", hash]);
      expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
      expect(csp.get('script-src')).not.toContain("'unsafe-eval'");
      expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get('default-src')).toEqual(["'self'"]);
      // Every external script and stylesheet is same-origin and served.
      const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
      expect(assets.length).toBeGreaterThanOrEqual(4);
      for (const asset of assets) {
        expect(asset).toMatch(/^\/graphiql\//);
        expect((await h.fastify.inject({ method: 'GET', url: asset })).statusCode).toBe(200);
      }
    });
  });

  describe('CORS', () => {
    it('with no allowed origins: no CORS headers for any origin, preflight not granted', async () => {
      const response = await gql(h.fastify, { headers: { origin: 'https://evil.example.com' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await h.fastify.inject({
        method: 'OPTIONS',
        url: '/graphql',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });

    it("an early answer of the auth hook (401) carries the security and CORS headers, so the portal can read it", async () => {
      const server = await h.variant({ corsOrigins: [PORTAL] });
      const response = await gql(server, { headers: { origin: PORTAL, authorization: 'Bearer not-a-valid-token' } });
      expect(response.statusCode).toBe(401);
      expect(response.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(response.headers['access-control-allow-origin']).toBe(PORTAL);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toBeDefined();
    });

    it('with an allow-list: the listed origin is allowed (no credentials), others are not', async () => {
      const server = await h.variant({ corsOrigins: [PORTAL] });
      const allowed = await gql(server, { headers: { origin: PORTAL } });
      expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL);
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      expect(String(allowed.headers.vary)).toMatch(/origin/i);
      expect(String(allowed.headers['access-control-expose-headers'])).toMatch(/retry-after/);

      const preflight = await server.inject({
        method: 'OPTIONS',
        url: '/graphql',
        headers: { origin: PORTAL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(PORTAL);
      expect(String(preflight.headers['access-control-allow-methods'])).toMatch(/POST/);
      expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/content-type/);
      expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/);

      for (const origin of ['https://evil.example.com', 'https://portal.example.cn.evil.com', 'http://portal.example.cn']) {
        const denied = await gql(server, { headers: { origin } });
        expect(denied.headers['access-control-allow-origin'], origin).toBeUndefined();
        const deniedPreflight = await server.inject({
          method: 'OPTIONS',
          url: '/graphql',
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(deniedPreflight.headers['access-control-allow-origin'], origin).toBeUndefined();
      }
    });
  });

  describe('rate limits', () => {
    it('per address: the request after the limit gets 429 with a coded GraphQL error and Retry-After', async () => {
      const server = await h.variant({ rateLimitPerAddress: 3 });
      const address = randomAddress();
      for (let i = 0; i < 3; i++) {
        const ok = await gql(server, { remoteAddress: address });
        expect(ok.statusCode).toBe(200);
        expect(ok.headers['x-ratelimit-limit']).toBe('3');
        expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      }
      const limited = await gql(server, { remoteAddress: address });
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      const body = limited.json();
      expect(Object.keys(body)).toEqual(['errors']);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(body.errors[0].message).toMatch(/请求过于频繁/);
      // Another address has its own budget.
      expect((await gql(server, { remoteAddress: randomAddress() })).statusCode).toBe(200);
    });

    it('/healthz and /readyz are not limited; GraphiQL assets are', async () => {
      const server = await h.variant({ rateLimitPerAddress: 2 });
      const address = randomAddress();
      for (let i = 0; i < 5; i++) {
        expect((await server.inject({ method: 'GET', url: '/healthz', remoteAddress: address })).statusCode).toBe(200);
        expect((await server.inject({ method: 'GET', url: '/readyz', remoteAddress: address })).statusCode).toBe(200);
      }
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await server.inject({ method: 'GET', url: '/graphiql/graphiql.css', remoteAddress: address })).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
    });

    it('per user: a signed-in user has the per-user budget, separate from the address and from other users', async () => {
      const server = await h.variant({ rateLimitPerAddress: 2, rateLimitPerUser: 4 });
      const address = randomAddress();
      const alice = await signedIn(h);
      const bob = await signedIn(h);
      const aliceStatuses = [];
      for (let i = 0; i < 5; i++) aliceStatuses.push((await gql(server, { remoteAddress: address, headers: alice })).statusCode);
      expect(aliceStatuses).toEqual([200, 200, 200, 200, 429]);
      // Same address, another user: own budget.
      expect((await gql(server, { remoteAddress: address, headers: bob })).statusCode).toBe(200);
      // Same address, anonymous: the per-address budget, untouched by the users.
      const anonymous = [];
      for (let i = 0; i < 3; i++) anonymous.push((await gql(server, { remoteAddress: address })).statusCode);
      expect(anonymous).toEqual([200, 200, 429]);
      // Alice from another address: still limited (the key is the user, not the address).
      expect((await gql(server, { remoteAddress: randomAddress(), headers: alice })).statusCode).toBe(429);
    });

    it('with Redis: instances share the counts', async (context) => {
      const redis = createRedis({ redisUrl: 'redis://127.0.0.1:6379' })!;
      try {
        const ready = await Promise.race([once(redis, 'ready').then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1_500))]);
        if (!ready) context.skip('no Redis at 127.0.0.1:6379');
        const a = await h.variant({ rateLimitPerAddress: 3 }, redis);
        const b = await h.variant({ rateLimitPerAddress: 3 }, redis);
        const address = randomAddress();
        const statuses = [];
        for (const server of [a, b, a, b]) statuses.push((await gql(server, { remoteAddress: address })).statusCode);
        expect(statuses).toEqual([200, 200, 200, 429]);
        expect(await redis.keys(`ip-api:rate-limit:addr:${address}`)).toHaveLength(1);
      } finally {
        redis.disconnect();
      }
    });

    it('with Redis unreachable: requests are served (the limiter fails open), without waiting for Redis', async () => {
      const redis = createRedis({ redisUrl: 'redis://127.0.0.1:1' })! as Redis;
      try {
        const server = await h.variant({ rateLimitPerAddress: 1 }, redis);
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await gql(server, { remoteAddress: randomAddress() })).statusCode);
        expect(statuses).toEqual([200, 200, 200]);
        // Nothing waits for Redis to come back: without an offline queue, a command is refused at once.
        expect(redis.status).not.toBe('ready');
        await expect(redis.get('ip-api:probe')).rejects.toThrow(/enableOfflineQueue/);
      } finally {
        redis.disconnect();
      }
    });
  });
});
