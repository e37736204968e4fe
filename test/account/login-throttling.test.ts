/**
 * Login throttling (docs/security.md, "Login throttling"), here with LOGIN_MAX_FAILURES = 3 (so
 * an address ceiling of 12), LOGIN_ACCOUNT_MAX_FAILURES = 8 and a window of 900 s:
 *
 * - failures are counted per (user name, client address) pair; each is answered after a delay
 *   that grows with the pair's failures; past the limit that pair is refused (RATE_LIMITED with
 *   retryAfterSeconds) until the window passes, and nobody else is;
 * - past its ceiling an address is refused for every user name;
 * - past the account-wide limit (all addresses) only addresses the account signed in from before
 *   may try;
 * - an unknown user name is answered exactly like a wrong password.
 *
 * Time is injected: the store's clock is moved to end a window, and the growing delay goes
 * through a sleep that only records what it was asked to wait. Nothing here waits for real or
 * measures durations. The app under test is the real one (buildApp) on this file's database, with
 * the store given to it; requests go through HTTP with a chosen client address (remoteAddress).
 */
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { buildApp } from '../../src/app.js';
import { fromGlobalId } from '../../src/common/node.js';
import { createRedis } from '../../src/http/hardening.js';
import {
  clientNetwork,
  failureDelayMs,
  KNOWN_ADDRESS_SECONDS,
  MemoryThrottleStore,
  RedisThrottleStore,
  type ThrottleStore,
} from '../../src/modules/account/throttle.js';
import { CHANGE_PASSWORD, CREATE_USER, login as loginVia, onlyError, PASSWORD, post as postVia } from './account-helpers.js';

const MAX = 3;
const ADDRESS_MAX = 4 * MAX;
const ACCOUNT_MAX = 8;
const WINDOW = 900;

/** The store's time, moved by the test; the growing delay only records what it would wait. */
class TestClock {
  ms = Date.UTC(2026, 10, 2, 1, 0, 0);
  readonly delays: number[] = [];
  readonly now = () => this.ms;
  readonly sleep = async (ms: number) => {
    this.delays.push(ms);
  };
  advance(seconds: number) {
    this.ms += seconds * 1000;
  }
  /** The delays recorded while running fn. */
  async delaysOf(fn: () => Promise<unknown>): Promise<number[]> {
    const from = this.delays.length;
    await fn();
    return this.delays.slice(from);
  }
}

type GraphQLError = ReturnType<typeof onlyError>;

/** A test app whose HTTP server uses `store` for throttling. */
interface Throttled {
  t: TestApp;
  server: FastifyInstance;
  /** `t` with its HTTP helpers pointed at `server`. */
  via: TestApp;
}

async function throttledApp(t: TestApp, store: ThrottleStore): Promise<FastifyInstance> {
  const { fastify } = await buildApp({ config: t.config, orm: t.orm, reference: t.reference, throttle: store });
  await fastify.ready();
  return fastify;
}

let n = 0;
async function newUser(t: TestApp, prefix: string): Promise<{ username: string; id: string }> {
  const username = `${prefix}-${++n}`;
  const { createUser } = await t.ok<{ createUser: { user: { id: string } } }>(CREATE_USER, {
    input: { username, displayName: username, role: 'NATIONAL_ADMIN', password: PASSWORD },
  });
  return { username, id: fromGlobalId(createUser.user.id)!.key };
}

let addressSerial = 0;
/** A client address no other test uses. */
const freshAddress = () => {
  addressSerial++;
  return `10.${(process.pid % 200) + 1}.${Math.floor(addressSerial / 250)}.${(addressSerial % 250) + 1}`;
};

async function sessionsOf(t: TestApp, userId: string): Promise<number> {
  const [row] = await t.sql<{ n: string }>('select count(*)::text as n from session where user_id = ?', [userId]);
  return Number(row!.n);
}

/** Logs in through h.server from `address`; the single error, or null on success. */
async function attempt(h: Throttled, username: string, password: string, address: string): Promise<GraphQLError | null> {
  const res = await loginVia(h.via, username, password, address);
  expect(res.status).toBe(200);
  if (!res.body.errors) {
    expect(res.body.data?.login.user.username).toBe(username.trim().toLowerCase());
    return null;
  }
  expect(res.body.data ?? null).toBeNull();
  return onlyError(res.body);
}

async function expectFailure(h: Throttled, username: string, password: string, address: string): Promise<GraphQLError> {
  const error = await attempt(h, username, password, address);
  expect(error, `${username} from ${address} should fail`).not.toBeNull();
  expect(error!.extensions, JSON.stringify(error)).toEqual({ code: 'UNAUTHENTICATED' });
  expect(error!.message).toBe('用户名或密码错误');
  return error!;
}

async function expectRefused(h: Throttled, username: string, password: string, address: string): Promise<GraphQLError & { retryAfterSeconds: number }> {
  const error = await attempt(h, username, password, address);
  expect(error, `${username} from ${address} should be refused`).not.toBeNull();
  expect(error!.extensions?.code, JSON.stringify(error)).toBe('RATE_LIMITED');
  const retry = error!.extensions!.retryAfterSeconds as number;
  expect(error!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: retry });
  expect(Number.isInteger(retry), JSON.stringify(error)).toBe(true);
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(WINDOW);
  expect(error!.message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试$/);
  return { ...error!, retryAfterSeconds: retry };
}

async function expectLogin(h: Throttled, username: string, address: string): Promise<void> {
  const error = await attempt(h, username, PASSWORD, address);
  expect(error, `${username} from ${address} should log in`).toBeNull();
}

const SETTINGS = { loginMaxFailures: MAX, loginLockSeconds: WINDOW, loginAccountMaxFailures: ACCOUNT_MAX };

describe('the policy helpers', () => {
  it('the delay grows with the failures of a pair and is capped at 2 s', () => {
    const delays = Array.from({ length: 10 }, (_, i) => failureDelayMs(i + 1));
    expect(delays.slice(0, 4)).toEqual([250, 500, 1_000, 2_000]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(2_000);
  });

  it('counts an IPv6 client by its /64 network and an IPv4-mapped address as IPv4', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:0:7::1')).toBe('2001:db8:0:7::/64');
    expect(clientNetwork('2001:DB8:0:7:a:b:c:d')).toBe('2001:db8:0:7::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
    expect(clientNetwork(null)).toBe('unknown');
  });

  it('MemoryThrottleStore: counts, expiry and markers follow its clock', async () => {
    const clock = new TestClock();
    const store = new MemoryThrottleStore({ now: clock.now, sleep: clock.sleep });
    expect(await store.hit('a', 10)).toBe(1);
    clock.advance(4);
    expect(await store.hit('a', 10)).toBe(2);
    expect(await store.ttl('a')).toBe(6);
    await store.release('a');
    expect(await store.count('a')).toBe(1);
    clock.advance(6);
    expect(await store.count('a')).toBe(0);
    expect(await store.exists('a')).toBe(false);
    await store.set('k', 30);
    clock.advance(29);
    expect(await store.exists('k')).toBe(true);
    await store.set('k', 30);
    clock.advance(29);
    expect(await store.exists('k')).toBe(true);
    clock.advance(1);
    expect(await store.exists('k')).toBe(false);
    await store.wait(1_234);
    expect(clock.delays).toEqual([1_234]);
  });
});

describe('login throttling (in memory, injected clock)', () => {
  const h = {} as Throttled;
  const clock = new TestClock();
  beforeAll(async () => {
    h.t = await createTestApp(SETTINGS);
    h.server = await throttledApp(h.t, new MemoryThrottleStore({ now: clock.now, sleep: clock.sleep }));
    h.via = { ...h.t, app: { ...h.t.app, fastify: h.server } };
  });
  afterAll(async () => {
    await h.server?.close();
    await h.t?.close();
  });

  it(`refuses a (user name, address) pair after ${MAX} failures, even with the right password, until the window passes`, async () => {
    const u = await newUser(h.t, 'pair');
    const address = freshAddress();
    for (let i = 0; i < MAX; i++) await expectFailure(h, u.username, `wrong-password-${i}`, address);
    const locked = await expectRefused(h, u.username, PASSWORD, address);
    expect(await sessionsOf(h.t, u.id)).toBe(0);

    // A wrong password during the lock gets the same answer as the right one: the lock confirms no guess.
    const wrong = await expectRefused(h, u.username, 'another-wrong-one', address);
    expect(wrong.message).toBe(locked.message);
    // The user name counts in any letter case and with spaces around it.
    await expectRefused(h, `  ${u.username.toUpperCase()} `, PASSWORD, address);

    // One second short of the window: still refused; at its end the pair may try again.
    clock.advance(locked.retryAfterSeconds - 1);
    expect((await expectRefused(h, u.username, PASSWORD, address)).retryAfterSeconds).toBe(1);
    clock.advance(1);
    await expectLogin(h, u.username, address);
    expect(await sessionsOf(h.t, u.id)).toBe(1);
  });

  it('an attacker at another address cannot lock the user out', async () => {
    const u = await newUser(h.t, 'victim');
    const attacker = freshAddress();
    // Far more tries than the pair limit: only the first MAX are checked, and only those count
    // towards the address's ceiling (the spray below gets ADDRESS_MAX − MAX more failures).
    for (let i = 0; i < ADDRESS_MAX; i++) {
      if (i < MAX) await expectFailure(h, u.username, `guess-${i}`, attacker);
      else await expectRefused(h, u.username, `guess-${i}`, attacker);
    }
    const home = freshAddress();
    await expectLogin(h, u.username, home);

    // The attacker also sprays other names until the address reaches its ceiling.
    for (let i = 0; i < ADDRESS_MAX - MAX; i++) await expectFailure(h, `spray-${n}-${i}`, 'wrong-password', attacker);
    await expectRefused(h, `spray-${n}-fresh`, 'wrong-password', attacker);
    await expectRefused(h, u.username, PASSWORD, attacker);

    // Neither locked the account: from home, or from an address never seen before, the user gets in at once.
    await expectLogin(h, u.username, home);
    await expectLogin(h, u.username, freshAddress());
    expect(await sessionsOf(h.t, u.id)).toBe(3);
  });

  it(`refuses every user name from an address after ${ADDRESS_MAX} failures there, until the window passes`, async () => {
    const u = await newUser(h.t, 'shared');
    const address = freshAddress();
    // One failure each for many user names: no pair reaches its own limit.
    for (let i = 0; i < ADDRESS_MAX - 1; i++) await expectFailure(h, `spray-${n}-${i}`, 'wrong-password', address);
    // One short of the ceiling: the right password still works (and does not clear the address's count).
    await expectLogin(h, u.username, address);
    await expectFailure(h, `spray-${n}-last`, 'wrong-password', address);

    const refused = await expectRefused(h, u.username, PASSWORD, address);
    // A user name never tried before is refused there too, with the same message.
    expect((await expectRefused(h, `fresh-${n}`, PASSWORD, address)).message).toBe(refused.message);
    // The same account from another address is not affected.
    await expectLogin(h, u.username, freshAddress());

    clock.advance(refused.retryAfterSeconds);
    await expectLogin(h, u.username, address);
    await expectFailure(h, `fresh-${n}`, 'wrong-password', address);
  });

  it('a distributed attack refuses new addresses for that account, not the addresses it signed in from', async () => {
    const u = await newUser(h.t, 'distributed');
    const home = freshAddress();
    await expectLogin(h, u.username, home);

    // ACCOUNT_MAX failures from many addresses, each well under its own limits.
    const bots = Array.from({ length: ACCOUNT_MAX / 2 }, freshAddress);
    for (const bot of bots) for (let i = 0; i < 2; i++) await expectFailure(h, u.username, `guess-${i}`, bot);

    // Past the account-wide limit: an address the account never signed in from is refused, even
    // with the right password, and so are the bots (also those that are under their pair limit).
    const newcomer = freshAddress();
    const refused = await expectRefused(h, u.username, PASSWORD, newcomer);
    await expectRefused(h, u.username, 'guess-x', bots[0]!);
    await expectRefused(h, u.username, 'guess-x', freshAddress());
    // Other accounts are not affected at those addresses.
    const other = await newUser(h.t, 'bystander');
    await expectLogin(h, other.username, newcomer);

    // From home: a wrong password is still checked (the pair limit applies), the right one works.
    await expectFailure(h, u.username, 'typo', home);
    await expectLogin(h, u.username, home);
    await expectLogin(h, u.username, home);
    expect(await sessionsOf(h.t, u.id)).toBe(3);

    // After the window, new addresses may try again.
    clock.advance(refused.retryAfterSeconds);
    await expectLogin(h, u.username, newcomer);
  });

  it(`an address stays known for ${KNOWN_ADDRESS_SECONDS / 86_400} days after a sign-in from it`, async () => {
    const u = await newUser(h.t, 'forgotten');
    const old = freshAddress();
    const recent = freshAddress();
    await expectLogin(h, u.username, old);
    clock.advance(KNOWN_ADDRESS_SECONDS - 86_400);
    await expectLogin(h, u.username, recent);
    clock.advance(86_400);

    for (let i = 0; i < ACCOUNT_MAX; i++) await expectFailure(h, u.username, `guess-${i}`, freshAddress());
    await expectRefused(h, u.username, PASSWORD, old);
    await expectLogin(h, u.username, recent);
  });

  it('answers an unknown user name exactly like a wrong password: failures, delays and refusals', async () => {
    const real = await newUser(h.t, 'exists');
    const ghost = `ghost-${++n}`;
    const run = async (username: string) => {
      const address = freshAddress();
      const failures: GraphQLError[] = [];
      const delays = await clock.delaysOf(async () => {
        for (let i = 0; i < MAX; i++) failures.push(await expectFailure(h, username, `wrong-password-${i}`, address));
      });
      const locked = await expectRefused(h, username, PASSWORD, address);
      // Past the account-wide limit (from other addresses), for a new address.
      for (let i = 0; i < ACCOUNT_MAX - MAX; i++) await expectFailure(h, username, 'wrong-password', freshAddress());
      const distributed = await expectRefused(h, username, PASSWORD, freshAddress());
      return { failures, delays, locked, distributed };
    };
    const a = await run(real.username);
    const b = await run(ghost);
    expect(b.failures).toEqual(a.failures);
    expect(b.delays).toEqual(a.delays);
    expect(a.delays).toEqual([1, 2, 3].map(failureDelayMs));
    for (const kind of ['locked', 'distributed'] as const) {
      expect(b[kind].message).toBe(a[kind].message);
      expect(Object.keys(b[kind].extensions!).sort()).toEqual(Object.keys(a[kind].extensions!).sort());
      expect(b[kind].path).toEqual(a[kind].path);
    }
  });

  it("each failure of a pair waits longer; other pairs and a success start again from the shortest", async () => {
    const u = await newUser(h.t, 'slow');
    const [a, b] = [freshAddress(), freshAddress()];
    expect(await clock.delaysOf(() => expectFailure(h, u.username, 'wrong-1', a))).toEqual([failureDelayMs(1)]);
    expect(await clock.delaysOf(() => expectFailure(h, u.username, 'wrong-2', a))).toEqual([failureDelayMs(2)]);
    expect(await clock.delaysOf(() => expectFailure(h, u.username, 'wrong-3', b))).toEqual([failureDelayMs(1)]);
    // Refusals and successes are answered without the delay.
    expect(await clock.delaysOf(() => expectLogin(h, u.username, a))).toEqual([]);
    expect(await clock.delaysOf(() => expectFailure(h, u.username, 'wrong-4', a))).toEqual([failureDelayMs(1)]);
  });

  it("a successful login resets that pair's counter", async () => {
    const u = await newUser(h.t, 'reset');
    const address = freshAddress();
    for (let i = 0; i < MAX - 1; i++) await expectFailure(h, u.username, `wrong-password-${i}`, address);
    // One short of the limit: the right password still works, and clears the pair's count.
    await expectLogin(h, u.username, address);
    for (let i = 0; i < MAX - 1; i++) await expectFailure(h, u.username, `wrong-password-again-${i}`, address);
    // Without the reset this would be failure number 2 × (MAX − 1) ≥ MAX, and refused.
    await expectLogin(h, u.username, address);
    expect(await sessionsOf(h.t, u.id)).toBe(2);
  });

  it('counts concurrent attempts too: a burst gets no more than the limit of password checks', async () => {
    const u = await newUser(h.t, 'burst');
    const address = freshAddress();
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => loginVia(h.via, u.username, `wrong-password-${i}`, address)));
    const codes = burst.map((res) => onlyError(res.body).extensions?.code);
    // At most MAX guesses may be checked against the password; the rest must be refused unchecked.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length, JSON.stringify(codes)).toBeLessThanOrEqual(MAX);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length, JSON.stringify(codes)).toBeGreaterThanOrEqual(8 - MAX);
  });

  it('counts an IPv6 client by its /64 network', async () => {
    const u = await newUser(h.t, 'ipv6');
    const net = `2001:db8:${(process.pid % 60_000).toString(16)}:${(++addressSerial).toString(16)}`;
    // The interface identifier changes (privacy addresses): still the same pair.
    for (let i = 0; i < MAX; i++) await expectFailure(h, u.username, `wrong-${i}`, `${net}::${i + 1}`);
    await expectRefused(h, u.username, PASSWORD, `${net}:ffff:ffff:ffff:ffff`);
    await expectLogin(h, u.username, `2001:db8:ffff:${addressSerial.toString(16)}::1`);
  });

  it('changePassword: guessing the current password is refused per session, not for the account', async () => {
    const u = await newUser(h.t, 'change');
    const address = freshAddress();
    const tokenOf = async () => {
      const res = await loginVia(h.via, u.username, PASSWORD, address);
      return res.body.data!.login.accessToken;
    };
    const [stolen, own] = [await tokenOf(), await tokenOf()];
    const change = (token: string, currentPassword: string) =>
      postVia(h.via, CHANGE_PASSWORD, { input: { currentPassword, newPassword: 'A-new-password-2026' } }, { token, address });

    for (let i = 0; i < MAX; i++) expect(onlyError((await change(stolen, `guess-${i}`)).body).extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const refused = onlyError((await change(stolen, PASSWORD)).body);
    expect(refused.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.extensions?.retryAfterSeconds as number).toBeGreaterThanOrEqual(1);
    expect(refused.extensions?.retryAfterSeconds as number).toBeLessThanOrEqual(WINDOW);
    expect(refused.message).toMatch(/^密码错误次数过多，请 \d+ 分钟后再试$/);

    // The owner's own session is not affected (a wrong guess there is checked, not refused) …
    expect(onlyError((await change(own, 'my-typo-123')).body).extensions).toEqual({ code: 'UNAUTHENTICATED' });
    // … and the guessing session may try again once the window has passed.
    clock.advance(refused.extensions!.retryAfterSeconds as number);
    const changed = await change(stolen, PASSWORD);
    expect(changed.body.errors, JSON.stringify(changed.body)).toBeUndefined();
  });
});

describe('login throttling through Redis', () => {
  const h = {} as Throttled;
  const clock = new TestClock();
  const prefix = `ipapi:test:login-throttling:${randomUUID()}:`;
  let redis: Redis | undefined;
  let ready = false;
  let store: RedisThrottleStore;

  beforeAll(async () => {
    redis = createRedis({ redisUrl: 'redis://127.0.0.1:6379' })!;
    ready = await Promise.race([once(redis, 'ready').then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 1_500))]);
    store = new RedisThrottleStore(redis, prefix, { sleep: clock.sleep });
    h.t = await createTestApp(SETTINGS);
    h.server = await throttledApp(h.t, store);
    h.via = { ...h.t, app: { ...h.t.app, fastify: h.server } };
  });
  afterAll(async () => {
    await h.server?.close();
    await h.t?.close();
    if (redis && ready) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
    redis?.disconnect();
  });

  it('RedisThrottleStore: counts, releases, markers', async (context) => {
    if (!ready) context.skip('no Redis at 127.0.0.1:6379');
    expect(await store.hit('a', 600)).toBe(1);
    expect(await store.hit('a', 600)).toBe(2);
    const ttl = await store.ttl('a');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
    await store.release('a');
    await store.release('a');
    await store.release('a');
    expect(await store.count('a')).toBe(0);
    expect(await store.exists('a')).toBe(true);
    await store.reset('a');
    expect(await store.exists('a')).toBe(false);
    expect(await store.ttl('a')).toBe(0);
    expect(await store.exists('k')).toBe(false);
    await store.set('k', 600);
    expect(await store.exists('k')).toBe(true);
    // Redis counts the expiry down by its own clock: only bounds that no delay between the calls can break.
    const markerTtl = await redis!.ttl(`${prefix}k`);
    expect(markerTtl).toBeGreaterThan(60);
    expect(markerTtl).toBeLessThanOrEqual(600);
    await store.set('k', 60);
    expect(await redis!.ttl(`${prefix}k`)).toBeLessThanOrEqual(60);
    await store.wait(77);
    expect(clock.delays).toEqual([77]);
  });

  it('the pair limit, the other address and the known-address exemption hold with Redis too', async (context) => {
    if (!ready) context.skip('no Redis at 127.0.0.1:6379');
    const u = await newUser(h.t, 'redis');
    const [home, attacker] = [freshAddress(), freshAddress()];
    await expectLogin(h, u.username, home);
    for (let i = 0; i < MAX; i++) await expectFailure(h, u.username, `guess-${i}`, attacker);
    await expectRefused(h, u.username, PASSWORD, attacker);
    await expectLogin(h, u.username, freshAddress());

    for (let i = 0; i < ACCOUNT_MAX - MAX; i++) await expectFailure(h, u.username, `guess-${i}`, freshAddress());
    await expectRefused(h, u.username, PASSWORD, freshAddress());
    await expectLogin(h, u.username, home);
    expect(clock.delays.slice(-1)).toEqual([failureDelayMs(1)]);
    // Everything is under this run's prefix.
    expect((await redis!.keys(`${prefix}login:known:*`)).length).toBeGreaterThanOrEqual(1);
  });
});
