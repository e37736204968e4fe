/**
 * Login throttling (LOGIN_MAX_FAILURES = 3 in LOGIN_LOCK_SECONDS = 2 here): failures are counted
 * per submitted user name and per client address; each failure is answered more slowly; past the
 * limit the answer is RATE_LIMITED (with retryAfterSeconds) even for the right password, and the
 * same for a user name that does not exist; the lock ends with the window; a success resets the
 * account's counter. The client address limit is four times the account limit.
 *
 * The counters are shared by every request to an app, keyed by user name and client address, so
 * every test uses user names and a client address (fastify.inject's remoteAddress) of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../harness/app.js';
import { fromGlobalId } from '../../src/common/node.js';
import { CREATE_USER, login, loginOk, onlyError, PASSWORD, sleep } from './account-helpers.js';

const MAX = 3;
const LOCK_SECONDS = 2;

let n = 0;
async function newUser(t: TestApp, prefix: string): Promise<{ username: string; id: string }> {
  const username = `${prefix}-${++n}`;
  const { createUser } = await t.ok<{ createUser: { user: { id: string } } }>(CREATE_USER, {
    input: { username, displayName: username, role: 'NATIONAL_ADMIN', password: PASSWORD },
  });
  return { username, id: fromGlobalId(createUser.user.id)!.key };
}

let addressSerial = 10;
/** A client address no other test uses. */
const freshAddress = () => `198.51.100.${addressSerial++}`;

async function sessionsOf(t: TestApp, userId: string): Promise<number> {
  const [row] = await t.sql<{ n: string }>('select count(*)::text as n from session where user_id = ?', [userId]);
  return Number(row!.n);
}

function expectRateLimited(body: Parameters<typeof onlyError>[0]) {
  expect(body.data ?? null).toBeNull();
  const error = onlyError(body);
  expect(error.extensions?.code, JSON.stringify(error)).toBe('RATE_LIMITED');
  const retry = error.extensions?.retryAfterSeconds;
  expect(Number.isInteger(retry), JSON.stringify(error)).toBe(true);
  expect(retry as number).toBeGreaterThanOrEqual(1);
  expect(retry as number).toBeLessThanOrEqual(LOCK_SECONDS);
  return error;
}

describe('login throttling per account', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginMaxFailures: MAX, loginLockSeconds: LOCK_SECONDS });
  });
  afterAll(() => t.close());

  it(`refuses even the right password with RATE_LIMITED after ${MAX} failures`, async () => {
    const u = await newUser(t, 'locked');
    const address = freshAddress();
    for (let i = 0; i < MAX; i++) {
      const res = await login(t, u.username, `wrong-password-${i}`, address);
      expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
    }
    const right = await login(t, u.username, PASSWORD, address);
    expect(right.status).toBe(200);
    const locked = expectRateLimited(right.body);
    expect(locked.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: locked.extensions!.retryAfterSeconds });
    expect(await sessionsOf(t, u.id)).toBe(0);

    // A wrong password during the lock gets the same answer as the right one: the lock does not confirm a guess.
    const wrong = await login(t, u.username, 'another-wrong-one', address);
    expect(expectRateLimited(wrong.body).message).toBe(locked.message);

    // The lock is per user name (in any letter case), not only per address.
    const elsewhere = await login(t, `  ${u.username.toUpperCase()} `, PASSWORD, freshAddress());
    expectRateLimited(elsewhere.body);
    expect(await sessionsOf(t, u.id)).toBe(0);
  });

  it('locks a user name that does not exist in the same way (no account-existence leak)', async () => {
    const real = await newUser(t, 'exists');
    const ghost = `ghost-${++n}`;
    const address = freshAddress();
    // Each name is driven to its limit and tried once more right away (well inside its window).
    const run = async (username: string) => {
      const failures = [];
      for (let i = 0; i < MAX; i++) failures.push(onlyError((await login(t, username, `wrong-password-${i}`, address)).body));
      const locked = expectRateLimited((await login(t, username, PASSWORD, address)).body);
      return { failures, locked };
    };
    const { failures: realFailures, locked: lockedReal } = await run(real.username);
    const { failures: ghostFailures, locked: lockedGhost } = await run(ghost);
    expect(ghostFailures).toEqual(realFailures);
    for (const e of realFailures) expect(e.extensions).toEqual({ code: 'UNAUTHENTICATED' });
    expect(lockedGhost.message).toBe(lockedReal.message);
    expect(Object.keys(lockedGhost.extensions!).sort()).toEqual(Object.keys(lockedReal.extensions!).sort());
    expect(lockedGhost.path).toEqual(lockedReal.path);
  });

  it('counts concurrent attempts too: a burst gets no more than the limit of password checks', async () => {
    const u = await newUser(t, 'burst');
    const address = freshAddress();
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => login(t, u.username, `wrong-password-${i}`, address)));
    const codes = burst.map((res) => onlyError(res.body).extensions?.code);
    // At most MAX guesses may be checked against the password; the rest must be refused unchecked.
    expect(codes.filter((c) => c === 'UNAUTHENTICATED').length, JSON.stringify(codes)).toBeLessThanOrEqual(MAX);
    expect(codes.filter((c) => c === 'RATE_LIMITED').length, JSON.stringify(codes)).toBeGreaterThanOrEqual(8 - MAX);
  });

  it('answers each further failure more slowly', async () => {
    const u = await newUser(t, 'slow');
    const address = freshAddress();
    const durations: number[] = [];
    for (let i = 0; i < MAX; i++) {
      const res = await login(t, u.username, `wrong-password-${i}`, address);
      expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
      durations.push(res.ms);
    }
    // Measured roughly: the third failure must take clearly longer than the first.
    expect(durations[2]!, JSON.stringify(durations)).toBeGreaterThan(durations[0]! + 100);
    expect(durations[1]!, JSON.stringify(durations)).toBeGreaterThan(durations[0]!);
  });

  it('lets the user in again once the window has passed', async () => {
    const u = await newUser(t, 'window');
    const address = freshAddress();
    for (let i = 0; i < MAX; i++) await login(t, u.username, `wrong-password-${i}`, address);
    expectRateLimited((await login(t, u.username, PASSWORD, address)).body);

    await sleep(LOCK_SECONDS * 1000 + 100);
    const payload = await loginOk(t, u.username, PASSWORD, address);
    expect(payload.user.username).toBe(u.username);
    expect(await sessionsOf(t, u.id)).toBe(1);
  });

  it("resets the account's counter on a successful login", async () => {
    const u = await newUser(t, 'reset');
    const address = freshAddress();
    for (let i = 0; i < MAX - 1; i++) await login(t, u.username, `wrong-password-${i}`, address);
    // One short of the limit: the right password still works, and clears the count.
    await loginOk(t, u.username, PASSWORD, address);
    for (let i = 0; i < MAX - 1; i++) {
      const res = await login(t, u.username, `wrong-password-again-${i}`, address);
      expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');
    }
    // Without the reset this would be failure number 2 × (MAX − 1) ≥ MAX, and refused.
    await loginOk(t, u.username, PASSWORD, address);
    expect(await sessionsOf(t, u.id)).toBe(2);
  });
});

describe('login throttling per client address', () => {
  // A longer window so that the concurrent burst below cannot outlast it on a slow machine.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ loginMaxFailures: MAX, loginLockSeconds: 30 });
  });
  afterAll(() => t.close());

  it(`refuses every login from an address after ${4 * MAX} failures there, whatever the user name`, async () => {
    const u = await newUser(t, 'victim');
    const address = freshAddress();
    // One failure each for many user names: no account reaches its own limit.
    const burst = await Promise.all(Array.from({ length: 4 * MAX - 1 }, (_, i) => login(t, `spray-${n}-${i}`, 'wrong-password', address)));
    for (const res of burst) expect(onlyError(res.body).extensions?.code).toBe('UNAUTHENTICATED');

    // One short of the address limit: the right password still works (and does not reset the address count).
    await loginOk(t, u.username, PASSWORD, address);
    expect(onlyError((await login(t, `spray-${n}-last`, 'wrong-password', address)).body).extensions?.code).toBe('UNAUTHENTICATED');

    const refused = onlyError((await login(t, u.username, PASSWORD, address)).body);
    expect(refused.extensions?.code).toBe('RATE_LIMITED');
    expect(refused.extensions?.retryAfterSeconds as number).toBeGreaterThanOrEqual(1);
    expect(refused.extensions?.retryAfterSeconds as number).toBeLessThanOrEqual(30);
    // A user name never tried before is refused from there too.
    expect(onlyError((await login(t, `fresh-${n}`, PASSWORD, address)).body).extensions?.code).toBe('RATE_LIMITED');

    // The same account from another address is not affected.
    await loginOk(t, u.username, PASSWORD, freshAddress());
  });
});
