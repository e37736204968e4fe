import { isIPv4, isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../../config.js';

/**
 * Counters and markers with expiry for login throttling: in Redis when configured (shared by
 * every server process), otherwise in this process's memory.
 */
export interface ThrottleStore {
  /** Adds one to `key` and returns the new count; the count expires `windowSeconds` after the first hit. */
  hit(key: string, windowSeconds: number): Promise<number>;
  count(key: string): Promise<number>;
  /** Seconds until `key` expires (0 when absent). */
  ttl(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  /** Takes one back (never below zero). */
  release(key: string): Promise<void>;
  /** Sets a marker `key` that expires after `ttlSeconds` (again from now when it is already set). */
  set(key: string, ttlSeconds: number): Promise<void>;
  /** Whether `key` (a marker or a counter) is present and not expired. */
  exists(key: string): Promise<boolean>;
  /**
   * Waits `ms` milliseconds: the delay before a failed login is answered. A method of the store so
   * that tests can give it a sleep that does not really wait.
   */
  wait(ms: number): Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface MemoryThrottleOptions {
  /** The time in milliseconds (default Date.now); tests move it to end windows without waiting. */
  now?: () => number;
  /** How `wait` waits (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

/** Entries kept at most; past that, expired entries go first, then the oldest. */
const MEMORY_MAX_ENTRIES = 100_000;

export class MemoryThrottleStore implements ThrottleStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: MemoryThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, entry: { count: number; expiresAt: number }): void {
    this.entries.set(key, entry);
    if (this.entries.size <= MEMORY_MAX_ENTRIES) return;
    // Rarely (then at most once per MEMORY_MAX_ENTRIES / 2 new keys): drop what has expired and,
    // if that is not enough, the oldest entries (a Map iterates in insertion order).
    for (const k of this.entries.keys()) this.live(k);
    for (const k of this.entries.keys()) {
      if (this.entries.size <= MEMORY_MAX_ENTRIES / 2) break;
      if (k !== key) this.entries.delete(k);
    }
  }

  async hit(key: string, windowSeconds: number): Promise<number> {
    const entry = this.live(key) ?? { count: 0, expiresAt: this.now() + windowSeconds * 1000 };
    entry.count += 1;
    this.put(key, entry);
    return entry.count;
  }

  async count(key: string): Promise<number> {
    return this.live(key)?.count ?? 0;
  }

  async ttl(key: string): Promise<number> {
    const entry = this.live(key);
    return entry ? Math.ceil((entry.expiresAt - this.now()) / 1000) : 0;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async release(key: string): Promise<void> {
    const entry = this.live(key);
    if (entry) entry.count = Math.max(0, entry.count - 1);
  }

  async set(key: string, ttlSeconds: number): Promise<void> {
    this.entries.delete(key);
    this.put(key, { count: 1, expiresAt: this.now() + ttlSeconds * 1000 });
  }

  async exists(key: string): Promise<boolean> {
    return this.live(key) !== undefined;
  }

  wait(ms: number): Promise<void> {
    return this.sleep(ms);
  }
}

export class RedisThrottleStore implements ThrottleStore {
  private readonly sleep: (ms: number) => Promise<void>;

  /** Expiry is Redis's own clock; `sleep` (default: a timer) is how `wait` waits. */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ipapi:throttle:',
    options: { sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.sleep = options.sleep ?? realSleep;
  }

  async hit(key: string, windowSeconds: number): Promise<number> {
    const k = this.prefix + key;
    const [[, count]] = (await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec()) as [[unknown, number], unknown];
    return Number(count);
  }

  async count(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }

  async ttl(key: string): Promise<number> {
    return Math.max(0, await this.redis.ttl(this.prefix + key));
  }

  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async release(key: string): Promise<void> {
    const k = this.prefix + key;
    // Decrement only while positive, atomically.
    await this.redis.eval("local v = tonumber(redis.call('get', KEYS[1]) or '0') if v > 0 then redis.call('decr', KEYS[1]) end return 0", 1, k);
  }

  async set(key: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.prefix + key, '1', 'EX', ttlSeconds);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.redis.exists(this.prefix + key)) === 1;
  }

  wait(ms: number): Promise<void> {
    return this.sleep(ms);
  }
}

// --- the login policy (OWASP Authentication Cheat Sheet: progressive delays, soft locks, known clients) ---

/** How long an address stays known for an account after a successful sign-in from it. */
export const KNOWN_ADDRESS_SECONDS = 90 * 86_400;

/** The delay before a pair's n-th failure is answered: 250 ms, doubling, at most 2 s. */
export function failureDelayMs(failures: number): number {
  return Math.min(2_000, 250 * 2 ** Math.max(0, failures - 1));
}

/**
 * The part of a client address the counters use: an IPv4 address as it is (also when written as
 * IPv4-mapped IPv6), an IPv6 address as its /64 network (one household or LAN; its interface
 * identifier changes every day with privacy addresses), e.g. `2001:db8:0:7::/64`. Never contains `|`.
 */
export function clientNetwork(address: string | null | undefined): string {
  const a = (address ?? '').trim().toLowerCase().replace(/%.*$/, '');
  if (!a) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(a)) return a;
  if (!isIPv6(a)) return a.replace(/[^0-9a-z.:_-]/g, '_').slice(0, 64);
  const groups = (part: string) =>
    part
      .split(':')
      .filter(Boolean)
      .flatMap((g) => (g.includes('.') ? ['0', '0'] /* an embedded IPv4 lies in the last 32 bits only */ : [g]));
  const [head, tail] = a.includes('::') ? [groups(a.split('::')[0]!), groups(a.split('::')[1]!)] : [groups(a), []];
  const all = [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export type LoginLimits = Pick<AppConfig, 'loginMaxFailures' | 'loginLockSeconds' | 'loginAccountMaxFailures'>;

/** Not tried: a limit is reached (nothing was counted for this attempt). */
export interface Refusal {
  refused: true;
  retryAfterSeconds: number;
}

/** An attempt that may check the password; it holds one slot in each of its counters until told how it went. */
export interface ThrottledAttempt {
  refused: false;
  /**
   * The password was wrong (or the account does not exist or is disabled): the slots stay as
   * failures. A login then waits the growing delay; changePassword does not (it would wait inside
   * its transaction, holding a connection).
   */
  failed(): Promise<void>;
  /** The password was right: gives the slots back (and, for a login, clears the pair and marks the address known). */
  succeeded(): Promise<void>;
}

/**
 * Takes one slot in each of `keys` before the password is checked, so that a burst of concurrent
 * attempts gets no more checks than the limits.
 */
async function takeSlots(store: ThrottleStore, windowSeconds: number, keys: string[]): Promise<{ counts: number[]; giveBack(): Promise<void> }> {
  const counts: number[] = [];
  for (const key of keys) counts.push(await store.hit(key, windowSeconds));
  return {
    counts,
    async giveBack() {
      for (const key of keys) await store.release(key);
    },
  };
}

/**
 * Refuses until the longest of the `exceeded` counters expires, giving every slot of the attempt
 * back: a refused attempt checks no password, so it counts as a failure nowhere (a user retrying
 * against a refusal does not push the shared address towards its ceiling).
 */
async function refusal(store: ThrottleStore, giveBack: () => Promise<void>, exceeded: string[]): Promise<Refusal> {
  let wait = 1;
  for (const key of exceeded) wait = Math.max(wait, await store.ttl(key));
  await giveBack();
  return { refused: true, retryAfterSeconds: wait };
}

/**
 * One login attempt for the submitted (normalised) user name from the client address:
 *
 * - the pair (user name, address) may fail `loginMaxFailures` times in `loginLockSeconds`; each of
 *   its failures is answered after `failureDelayMs(n)`;
 * - the address may fail `loginMaxFailures × 4` times in the window, whatever the user names;
 * - past `loginAccountMaxFailures` failures of the user name from all addresses together, only
 *   addresses known for it (a successful sign-in from there within `KNOWN_ADDRESS_SECONDS`) may try.
 *
 * The counters do not depend on whether the account exists.
 */
export async function beginLogin(store: ThrottleStore, limits: LoginLimits, username: string, clientAddress: string | null): Promise<ThrottledAttempt | Refusal> {
  const network = clientNetwork(clientAddress);
  const pairKey = `login:pair:${network}|${username}`;
  const addressKey = `login:address:${network}`;
  const accountKey = `login:account:${username}`;
  const knownKey = `login:known:${network}|${username}`;
  const window = limits.loginLockSeconds;

  const local = await takeSlots(store, window, [pairKey, addressKey]);
  const [pairFailures, addressFailures] = local.counts as [number, number];
  const exceeded = [...(pairFailures > limits.loginMaxFailures ? [pairKey] : []), ...(addressFailures > limits.loginMaxFailures * 4 ? [addressKey] : [])];
  if (exceeded.length) return refusal(store, local.giveBack, exceeded);

  const account = await takeSlots(store, window, [accountKey]);
  const giveBackAll = async () => {
    await local.giveBack();
    await account.giveBack();
  };
  if (account.counts[0]! > limits.loginAccountMaxFailures && !(await store.exists(knownKey))) return refusal(store, giveBackAll, [accountKey]);

  return {
    refused: false,
    failed: () => store.wait(failureDelayMs(pairFailures)),
    async succeeded() {
      // The pair starts afresh; the address and account counts lose only this attempt, so that a
      // success in between does not hide an attack going on from the same address or elsewhere.
      await store.reset(pairKey);
      await store.release(addressKey);
      await store.release(accountKey);
      await store.set(knownKey, KNOWN_ADDRESS_SECONDS);
    },
  };
}

/**
 * One check of the current password in changePassword (someone with a stolen access token
 * guessing it): `loginMaxFailures` failures in `loginLockSeconds` per session. Counted per
 * session (every token of one login), so that such a guesser cannot stop the account's owner,
 * signed in elsewhere, from changing the password, and cannot get more guesses by changing address.
 */
export async function beginPasswordCheck(store: ThrottleStore, limits: LoginLimits, userId: string, sessionId: string): Promise<ThrottledAttempt | Refusal> {
  const key = `password:${userId}|${sessionId}`;
  const slot = await takeSlots(store, limits.loginLockSeconds, [key]);
  if (slot.counts[0]! > limits.loginMaxFailures) return refusal(store, slot.giveBack, [key]);
  return {
    refused: false,
    failed: async () => undefined,
    succeeded: () => store.reset(key),
  };
}
