/**
 * Liveness and readiness, for an orchestrator (docs/operations.md):
 *
 * - `GET /readyz` — send traffic here? 200 only while the database answers now (a fresh
 *   `select 1` through the serving pool, 2 s at most). A load balancer takes the instance out of
 *   rotation on 503 and puts it back when the database returns; nothing is restarted.
 * - `GET /healthz` — is this process worth keeping? 200 while the event loop answers and the
 *   database has answered within `HEALTH_DB_GRACE_SECONDS`; 503 once it has been unreachable (or
 *   the pool has had no free connection) for longer. A liveness probe restarts the process then:
 *   with the embedded PostgreSQL that also restarts the database it owns.
 *
 * The database is pinged in the background every few seconds, through the same pool as requests
 * (so a wedged pool counts as unreachable).
 */
import type { FastifyInstance } from 'fastify';
import { systemClock, type Clock } from '../common/clock.js';

/** The liveness ping, recognisable in statement logs (the tests' statement counts leave it out). */
export const HEALTH_PING = 'select 1 as health_ping';

export interface DatabasePing {
  execute(sql: string): Promise<unknown>;
}

export class DatabaseHealth {
  private lastOkAt = Date.now();
  private lastError: string | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: DatabasePing,
    private readonly graceSeconds: number,
    private readonly intervalMs = Math.min(5_000, Math.max(200, (graceSeconds * 1000) / 3)),
  ) {}

  /** One `select 1`, at most `timeoutMs`; records the outcome. */
  async ping(timeoutMs = 2_000): Promise<boolean> {
    let timeout: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.db.execute(HEALTH_PING),
        new Promise((_, reject) => {
          timeout = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
      this.lastOkAt = Date.now();
      this.lastError = null;
      return true;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      return false;
    } finally {
      clearTimeout(timeout);
    }
  }

  start(): void {
    this.timer ??= setInterval(() => void this.ping(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Seconds since the database last answered. */
  secondsSinceContact(): number {
    return Math.floor((Date.now() - this.lastOkAt) / 1000);
  }

  live(): boolean {
    return Date.now() - this.lastOkAt <= this.graceSeconds * 1000;
  }

  /** For the log: why the last ping failed (never sent to clients: it may name the host). */
  get problem(): string | null {
    return this.lastError;
  }
}

/**
 * `clock`: the programme's clock; `/readyz` names its date and whether it is a rehearsal clock, so
 * that a rehearsal server is never taken for production (docs/operations.md, "Rehearsal clock").
 */
export function registerHealthRoutes(fastify: FastifyInstance, health: DatabaseHealth, clock: Clock = systemClock): void {
  health.start();
  fastify.addHook('onClose', async () => health.stop());
  fastify.get('/healthz', async (request, reply) => {
    if (health.live()) return { status: 'ok' };
    request.log.warn({ problem: health.problem }, 'liveness: database unreachable');
    return reply.code(503).send({ status: 'unhealthy', reason: 'database unreachable', secondsSinceContact: health.secondsSinceContact() });
  });
  fastify.get('/readyz', async (_request, reply) => {
    const programme = { programmeDate: clock.today(), rehearsal: clock.rehearsal !== undefined };
    if (await health.ping()) return { status: 'ready', ...programme };
    return reply.code(503).header('retry-after', '5').send({ status: 'unavailable', ...programme });
  });
}
