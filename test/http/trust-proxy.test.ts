/**
 * TRUST_PROXY: behind a reverse proxy the client's address comes from X-Forwarded-For, but only
 * from the proxies the setting names; otherwise a client could claim any address (and so dodge its
 * rate limit and login throttling, or blame another address in the audit log).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';

async function auditedAddress(t: TestApp, token: string, headers: Record<string, string>, remoteAddress: string): Promise<string | null> {
  const name = `代理测试${Math.random().toString(36).slice(2, 8)}`;
  const response = await t.app.fastify.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    payload: JSON.stringify({ query: `mutation { createTrainingBase(input: { name: "国家知识产权培训（${name}）基地", regionCode: "110000" }) { base { id } } }` }),
  });
  expect(response.json().errors).toBeUndefined();
  const [row] = await t.sql<{ client_address: string | null }>(`select client_address from audit_entry where operation = 'createTrainingBase' order by at desc, id desc limit 1`);
  return row!.client_address;
}

describe('TRUST_PROXY', () => {
  let trusting: TestApp;
  let plain: TestApp;
  let trustingToken: string;
  let plainToken: string;
  beforeAll(async () => {
    trusting = await createTestApp({ trustProxy: ['10.0.0.0/8'] });
    plain = await createTestApp();
    trustingToken = (await trusting.login('NATIONAL_ADMIN')).accessToken;
    plainToken = (await plain.login('NATIONAL_ADMIN')).accessToken;
  });
  afterAll(async () => {
    await trusting.close();
    await plain.close();
  });

  it('takes the client address from X-Forwarded-For when the request comes from a trusted proxy', async () => {
    expect(await auditedAddress(trusting, trustingToken, { 'x-forwarded-for': '198.51.100.7' }, '10.1.2.3')).toBe('198.51.100.7');
  });

  it('ignores X-Forwarded-For from anyone else, and by default', async () => {
    expect(await auditedAddress(trusting, trustingToken, { 'x-forwarded-for': '198.51.100.7' }, '203.0.113.50')).toBe('203.0.113.50');
    expect(await auditedAddress(plain, plainToken, { 'x-forwarded-for': '198.51.100.7' }, '10.1.2.3')).toBe('10.1.2.3');
  });

  it('is validated at start', () => {
    expect(loadConfig({ TRUST_PROXY: '2' } as NodeJS.ProcessEnv).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' } as NodeJS.ProcessEnv).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(loadConfig({} as NodeJS.ProcessEnv).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'the proxy' } as NodeJS.ProcessEnv)).toThrow(ConfigError);
  });
});
