/**
 * The data version: what a cache keys its entries by, so that a write invalidates them.
 *
 * PostgreSQL keeps it (table data_version, migration …_data_version): every committed transaction
 * that changed a tracked table raises it by one, at commit, on one row. The raise and the change
 * become visible together, and commits that raise it are serialised on that row, so two reads of
 * the same number saw the same tracked data. Every table is tracked except the private ones
 * (sessions, users, the audit log, bookkeeping), which no public response shows and which change
 * on every sign-in.
 *
 * A cache asks for the version when a request wants an entry, and the answer comes from a read
 * sent after it asked: whatever write a client saw succeed (through any process) is in it. Reads
 * go on a connection of their own, not the pool's (a busy pool must not hold up a cache hit), and
 * requests that ask while one is under way share the next one, so under load one round trip
 * serves many requests. While that connection is down the version is unknown (null) and caches are
 * bypassed, neither consulted nor filled, until it is back.
 */
import pg from 'pg';
import type { Configuration } from '@mikro-orm/core';

export interface DataVersionLog {
  warn(obj: object, msg: string): void;
}

export class DataVersion {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryAt = 0;
  private retryMs = 500;
  private readonly gone = new WeakSet<pg.Client>();
  /** The read on the wire, and the requests waiting for the one after it. */
  private inFlight: Promise<string | null> | null = null;
  private next: Promise<string | null> | null = null;
  /** Counts of lists by statement (src/common/pagination.ts): 8 MB at most. */
  readonly counts = new VersionedCache<number>(8 * 1_048_576, () => 16);
  /** Rows of aggregate statements by statement (src/modules/reporting): 16 MB at most. */
  readonly aggregates = new VersionedCache<readonly Record<string, unknown>[]>(16 * 1_048_576, (rows) => rows.length * 200);
  /** Answers computed from such rows (public figures after suppression), each with its own size estimate: 16 MB at most. */
  readonly answers = new VersionedCache<{ value: unknown; bytes: number }>(16 * 1_048_576, (entry) => entry.bytes);

  constructor(
    private readonly connectionString: string,
    private readonly log?: DataVersionLog,
  ) {}

  /** Connects (a failure is not fatal: the version is unknown until a later attempt works). */
  async start(): Promise<void> {
    await this.connect();
  }

  private connect(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString, application_name: 'ip-enterprise-api data-version' } as pg.ClientConfig);
      client.on('error', (error) => this.lost(client, error));
      client.on('end', () => this.lost(client));
      try {
        await client.connect();
        if (this.closed) await client.end();
        else this.client = client;
        this.retryMs = 500;
      } catch (error) {
        this.lost(client, error as Error);
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private lost(client: pg.Client, error?: Error): void {
    // A dropped connection reports itself twice ('error', then 'end'): one back-off step per loss.
    if (this.gone.has(client)) return;
    this.gone.add(client);
    if (this.client === client) this.client = null;
    client.end().catch(() => undefined);
    if (this.closed) return;
    if (Date.now() >= this.retryAt) this.log?.warn({ err: error?.message }, 'data version: connection lost; caches are bypassed until it is back');
    this.retryAt = Date.now() + this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
  }

  /**
   * The version now (a decimal string): read after this call, so it includes every write
   * committed before it. Null when it cannot be known (then bypass the cache). Never throws.
   */
  current(): Promise<string | null> {
    if (!this.inFlight) return (this.inFlight = this.read());
    this.next ??= this.inFlight.then(() => {
      this.next = null;
      return (this.inFlight = this.read());
    });
    return this.next;
  }

  private async read(): Promise<string | null> {
    try {
      if (!this.client && Date.now() >= this.retryAt) await this.connect();
      const client = this.client;
      if (!client) return null;
      try {
        const { rows } = await client.query<{ version: string }>('select version from data_version where id = 1');
        return rows[0]?.version ?? null;
      } catch (error) {
        this.lost(client, error as Error);
        return null;
      }
    } finally {
      this.inFlight = null;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/** The data version of each ORM that serves requests (by its configuration, which its forks share). */
const versions = new WeakMap<Configuration, DataVersion>();

export function attachDataVersion(config: Configuration, version: DataVersion): void {
  versions.set(config, version);
}

export function dataVersionOf(config: Configuration): DataVersion | undefined {
  return versions.get(config);
}

/**
 * Entries valid for one data version, at most `maxBytes` of them (the least recently used go
 * first). Asked with a newer version, the cache empties itself: every entry it had is void.
 */
export class VersionedCache<V> {
  private version: bigint | null = null;
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  private at(version: string): boolean {
    const v = BigInt(version);
    if (this.version === v) return true;
    if (this.version !== null && v < this.version) return false;
    this.entries.clear();
    this.bytes = 0;
    this.version = v;
    return true;
  }

  get(version: string, key: string): V | undefined {
    if (!this.at(version)) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores what was computed from data at least as new as `version` (read before computing it). */
  set(version: string, key: string, value: V): void {
    if (!this.at(version)) return;
    const bytes = key.length * 2 + this.sizeOf(value) + 64;
    if (bytes > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets every entry (tests that count statements; an operator never needs to). */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
