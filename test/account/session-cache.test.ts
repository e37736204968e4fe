/**
 * The session check of a signed-in request is remembered for SESSION_CACHE_SECONDS, so a read costs
 * no extra round trip; a revocation is seen at once, in this process and (with Redis) in the others.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../harness/app.js';
import { SessionCache } from '../../src/modules/account/session-cache.js';
import { buildApp } from '../../src/app.js';

const ME = '{ me { authenticated user { username } } }';
const sessionChecks = (queries: string[]) => queries.filter((q) => q.includes('from app_user u where u.id')).length;

describe('the session cache', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sessionCacheSeconds: 60 });
  });
  afterAll(() => t.close());

  it('a signed-in read asks the database about its session once, not on every request', async () => {
    const { accessToken } = await t.login('NATIONAL_ADMIN');
    const first = await t.countQueries(() => t.http(ME, undefined, accessToken));
    expect(first.result.status).toBe(200);
    expect(sessionChecks(first.queries)).toBe(1);
    const next = await t.countQueries(async () => {
      for (let i = 0; i < 5; i++) expect((await t.http(ME, undefined, accessToken)).status).toBe(200);
    });
    expect(sessionChecks(next.queries)).toBe(0);
  });

  it('logout, a password change and a disabled account are refused at the very next request', async () => {
    const LOGOUT = 'mutation { logout { revoked } }';
    const a = await t.login('NATIONAL_ADMIN');
    expect((await t.http(ME, undefined, a.accessToken)).status).toBe(200);
    expect((await t.http(LOGOUT, undefined, a.accessToken)).status).toBe(200);
    expect((await t.http(ME, undefined, a.accessToken)).status).toBe(401);

    const b = await t.login('PROVINCIAL_ADMIN', { regionCode: '110000' });
    expect((await t.http(ME, undefined, b.accessToken)).status).toBe(200);
    const changed = await t.http('mutation($i: ChangePasswordInput!) { changePassword(input: $i) { session { accessToken } } }', { i: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-2027' } }, b.accessToken);
    expect(changed.body.errors).toBeUndefined();
    expect((await t.http(ME, undefined, b.accessToken)).status).toBe(401);

    const c = await t.login('NATIONAL_ADMIN');
    const admin = await t.login('NATIONAL_ADMIN');
    expect((await t.http(ME, undefined, c.accessToken)).status).toBe(200);
    const disabled = await t.http('mutation($i: SetUserDisabledInput!) { setUserDisabled(input: $i) { user { disabled } } }', { i: { id: (await t.ok(`{ me { user { id } } }`, undefined, { kind: 'USER', userId: c.userId, username: c.username, role: 'NATIONAL_ADMIN', sessionId: '00000000-0000-7000-8000-000000000000' })).me.user.id, disabled: true } }, admin.accessToken);
    expect(disabled.body.errors).toBeUndefined();
    expect((await t.http(ME, undefined, c.accessToken)).status).toBe(401);
  });

  it('a check that read the database before a revocation committed does not remember what it read', () => {
    let now = 1_000;
    const cache = new SessionCache(5_000, () => now);
    const started = cache.checkStarts();
    now += 10;
    cache.revoke({ familyId: 'f1' });
    now += 10;
    cache.remember('u1', 'f1', started);
    expect(cache.isValid('u1', 'f1')).toBe(false);
    cache.remember('u1', 'f2', cache.checkStarts());
    expect(cache.isValid('u1', 'f2')).toBe(true);
    now += 5_001;
    expect(cache.isValid('u1', 'f2')).toBe(false);
    expect(new SessionCache(0).isValid('u', 'f')).toBe(false);
  });

  it('with Redis, a logout in one process is refused at once by another that had remembered the session', async () => {
    const probe = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    const reachable = await probe.connect().then(() => true, () => false);
    probe.disconnect();
    if (!reachable) return; // no Redis on this machine: the in-process case above still holds
    const [ra, rb] = [new Redis('redis://127.0.0.1:6379'), new Redis('redis://127.0.0.1:6379')];
    const one = await buildApp({ config: t.config, orm: t.orm, reference: t.reference, redis: ra });
    const two = await buildApp({ config: t.config, orm: t.orm, reference: t.reference, redis: rb });
    try {
      await new Promise((r) => setTimeout(r, 300)); // subscriptions in place
      const { accessToken } = await t.login('NATIONAL_ADMIN');
      const ask = (app: typeof one, query: string) =>
        app.fastify.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, payload: JSON.stringify({ query }) });
      expect((await ask(two, ME)).statusCode).toBe(200); // remembered by the second process
      expect((await ask(one, 'mutation { logout { revoked } }')).statusCode).toBe(200);
      const deadline = Date.now() + 5_000;
      while ((await ask(two, ME)).statusCode === 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect((await ask(two, ME)).statusCode).toBe(401);
    } finally {
      await one.fastify.close();
      await two.fastify.close();
      ra.disconnect();
      rb.disconnect();
    }
  });
});
