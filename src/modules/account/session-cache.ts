/**
 * Valid sessions, remembered for a few seconds (SESSION_CACHE_SECONDS) so that a signed-in read
 * costs no database round trip for its session check (src/http/auth.ts).
 *
 * A revocation (logout, password change or reset, disabled account, a refresh token used twice) is
 * announced once its transaction has committed (`afterCommit`): this process forgets the session at
 * once, and with Redis every other process does too (a message on one channel). Only valid sessions
 * are remembered, so a re-enabled account is never refused from memory. A check that read the
 * database before a revocation committed cannot remember what it read after it (the revocation
 * time wins). Without Redis, another process may accept a revoked session for at most the cache's
 * lifetime.
 */
import type { Redis } from 'ioredis';

export type Revocation = { familyId: string } | { userId: string };

const CHANNEL = 'ipapi:session-revoked';

export class SessionCache {
  /** `${userId}|${familyId}` → valid until (ms). */
  private readonly valid = new Map<string, number>();
  /** When a user's or a family's sessions were last revoked (ms), kept for one lifetime. */
  private readonly revokedAt = new Map<string, number>();
  private publisher: Redis | undefined;
  private subscriber: Redis | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The time a check starts, for `remember`. */
  checkStarts(): number {
    return this.now();
  }

  /** Whether the session was found valid less than a lifetime ago (and not revoked since). */
  isValid(userId: string, familyId: string): boolean {
    if (this.ttlMs === 0) return false;
    const until = this.valid.get(`${userId}|${familyId}`);
    return until !== undefined && until > this.now();
  }

  /** Remembers a session the database found valid in a check that started at `checkedAt`. */
  remember(userId: string, familyId: string, checkedAt: number): void {
    if (this.ttlMs === 0) return;
    const revoked = Math.max(this.revokedAt.get(`u:${userId}`) ?? 0, this.revokedAt.get(`f:${familyId}`) ?? 0);
    if (revoked >= checkedAt) return;
    if (this.valid.size > 100_000) this.prune();
    this.valid.set(`${userId}|${familyId}`, this.now() + this.ttlMs);
  }

  /** Forgets the revoked sessions here and tells the other processes (after the revocation committed). */
  revoke(of: Revocation): void {
    this.forget(of);
    this.publisher?.publish(CHANNEL, JSON.stringify(of)).catch(() => undefined);
  }

  private forget(of: Revocation): void {
    const now = this.now();
    if ('userId' in of) {
      this.revokedAt.set(`u:${of.userId}`, now);
      for (const key of this.valid.keys()) if (key.startsWith(`${of.userId}|`)) this.valid.delete(key);
    } else {
      this.revokedAt.set(`f:${of.familyId}`, now);
      for (const key of this.valid.keys()) if (key.endsWith(`|${of.familyId}`)) this.valid.delete(key);
    }
    if (this.revokedAt.size > 10_000) this.prune();
  }

  private prune(): void {
    const now = this.now();
    for (const [key, until] of this.valid) if (until <= now) this.valid.delete(key);
    for (const [key, at] of this.revokedAt) if (at + this.ttlMs < now) this.revokedAt.delete(key);
  }

  /** Shares revocations through Redis: publishes ours, and listens for the other processes'. */
  async connect(redis: Redis): Promise<void> {
    this.publisher = redis;
    this.subscriber = redis.duplicate();
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        const of = JSON.parse(message) as Revocation;
        if (typeof of === 'object' && of && ('userId' in of || 'familyId' in of)) this.forget(of);
      } catch {
        /* not ours */
      }
    });
    // (Again after every reconnection: the client was made to fail fast rather than queue.)
    this.subscriber.on('ready', () => void this.subscriber?.subscribe(CHANNEL).catch(() => undefined));
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.subscriber = undefined;
    this.publisher = undefined;
  }
}
