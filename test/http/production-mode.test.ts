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
  /** Every log line the server wrote. */
  const log: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(
      { nodeEnv: 'production', graphiql: false, jwtSecret: 'a-production-secret-of-at-least-32-characters!', logLevel: 'info' },
      { logStream: { write: (line: string) => void log.push(line) } },
    );
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

  it('does not suggest input field names or enum values when variables or literals are misspelt', async () => {
    const field = await t.http('query($f: EnterpriseFilter) { enterprises(filter: $f, first: 1) { totalCount } }', { f: { regionCode: ['440000'] } });
    expect(field.status).toBe(400);
    expect(field.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const enumValue = await t.http('query($f: EnterpriseFilter) { enterprises(filter: $f, first: 1) { totalCount } }', { f: { sizeClasses: ['LARG'] } });
    expect(enumValue.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await t.http('{ enterprises(first: 1, filter: { sizeClasses: [LARG], regionCode: ["440000"] }) { totalCount } }');
    expect(literal.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    for (const body of [field.body, enumValue.body, literal.body]) expect(JSON.stringify(body)).not.toMatch(/Did you mean|regionCodes|LARGE/);
  });

  it('never echoes a malformed variable back: the password of a login with a wrong shape stays out of the answer', async () => {
    const secret = 'Sup3r-Secret-Passw0rd';
    for (const input of [{ username: 42, password: secret }, { username: 'someone', password: secret, extra: 1 }, { password: secret }, { username: 'someone', password: [secret] }]) {
      const { status, body } = await t.http('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input });
      expect(status).toBe(400);
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(body.errors?.[0]?.message).toMatch(/^变量 \$input 的取值无效/);
      expect(JSON.stringify(body)).not.toContain(secret);
    }
    expect(log.join('')).not.toContain(secret);
  });

  it('logs no query string: a login sent with GET is refused (405) and its password never reaches the log', async () => {
    const secret = 'Get-Passw0rd-In-The-Url';
    const query = encodeURIComponent(`mutation Login { login(input: { username: "someone", password: "${secret}" }) { accessToken } }`);
    const response = await t.app.fastify.inject({ method: 'GET', url: `/graphql?query=${query}&operationName=Login`, headers: { 'apollo-require-preflight': 'true' } });
    expect(response.statusCode).toBe(405);
    const lines = log.join('');
    expect(lines).toContain('/graphql?[redacted] operationName=Login');
    expect(lines).not.toContain(secret);
    expect(lines).not.toContain(encodeURIComponent(secret));
  });

  it('an internal error is logged once with the request id the client was given', async () => {
    await t.sql('alter table enterprise rename column name to name_x');
    try {
      const { body, headers } = await t.http('{ enterprises(first: 1) { edges { node { name } } } }', undefined, token);
      expect(body.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: headers['x-request-id'] });
      const entries = log.map((l) => JSON.parse(l) as { reqId?: string; msg?: string; level?: number }).filter((e) => e.msg === 'unexpected error in GraphQL operation');
      expect(entries.some((e) => e.reqId === headers['x-request-id'] && e.level === 50)).toBe(true);
    } finally {
      await t.sql('alter table enterprise rename column name_x to name');
    }
  });
});
