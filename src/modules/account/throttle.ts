import type { Redis } from 'ioredis';

/**
 * Counters with expiry for login throttling: in Redis when configured (shared by every server
 * process), otherwise in this process's memory.
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
}

export class MemoryThrottleStore implements ThrottleStore {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async hit(key: string, windowSeconds: number): Promise<number> {
    const entry = this.live(key) ?? { count: 0, expiresAt: Date.now() + windowSeconds * 1000 };
    entry.count += 1;
    this.entries.set(key, entry);
    if (this.entries.size > 100_000) {
      for (const k of this.entries.keys()) {
        this.live(k);
        if (this.entries.size <= 50_000) break;
      }
    }
    return entry.count;
  }

  async count(key: string): Promise<number> {
    return this.live(key)?.count ?? 0;
  }

  async ttl(key: string): Promise<number> {
    const entry = this.live(key);
    return entry ? Math.ceil((entry.expiresAt - Date.now()) / 1000) : 0;
  }

  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async release(key: string): Promise<void> {
    const entry = this.live(key);
    if (entry) entry.count = Math.max(0, entry.count - 1);
  }
}

export class RedisThrottleStore implements ThrottleStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ipapi:throttle:',
  ) {}

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
}
