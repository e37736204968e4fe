/**
 * NODE_ENV=production: no introspection, no IDE, no field suggestions, no stack traces, and an
 * error from inside the ORM reaches the client with no SQL, stack, host or message of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('production mode', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ nodeEnv: 'production', graphiql: false, jwtSecret: 'a-production-secret-of-at-least-32-characters!' });
    token = (await t.login('NATIONAL_ADMIN')).accessToken;
  });
  afterAll(() => t.close());

  it('refuses to start without a JWT_SECRET, or with a short one', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' } as NodeJS.ProcessEnv)).toThrow(/32/);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) } as NodeJS.ProcessEnv).graphiql).toBe(false);
  });

  it('answers introspection with an error', async () => {
    const { status, body } = await t.http('{ __schema { types { name } } }');
    expect(status).toBe(400);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves no IDE', async () => {
    const res = await t.app.fastify.inject({ method: 'GET', url: '/graphql', headers: { accept: 'text/html' } });
    expect(res.body).not.toContain('GraphiQL');
    expect((await t.app.fastify.inject({ method: 'GET', url: '/graphiql/graphiql.js' })).statusCode).toBe(404);
  });

  it('does not suggest field names', async () => {
    const { body } = await t.http('{ enterprize { totalCount } }');
    expect(JSON.stringify(body)).not.toMatch(/Did you mean|enterprises/);
  });

  it('masks an error from inside the ORM: generic message, no SQL, stack, host or detail', async () => {
    await t.sql('alter table enterprise rename column credit_code to credit_code_x');
    try {
      // The lookup names the column in SQL, so PostgreSQL fails the statement.
      const { status, body, headers } = await t.http('{ enterpriseByCreditCode(code: "91350100M000100Y43") { name } }', undefined, token);
      expect(status).toBe(200);
      const error = body.errors![0]!;
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: headers['x-request-id'] });
      expect(error.message).toBe('服务器内部错误，请稍后重试；如持续出现，请联系管理员并提供请求编号。');
      const text = JSON.stringify(body.errors!.map((e) => ({ message: e.message, extensions: e.extensions })));
      for (const leak of ['credit_code', 'select', 'column', 'postgres', 'stack', 'at ', '127.0.0.1', 'node_modules', 'Error']) {
        expect(text).not.toContain(leak);
      }
    } finally {
      await t.sql('alter table enterprise rename column credit_code_x to credit_code');
    }
  });
});
