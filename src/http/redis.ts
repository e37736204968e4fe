import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { AppConfig } from '../config.js';

/**
 * The shared Redis client (rate limits, login throttling), or undefined when REDIS_URL is unset.
 * It fails fast instead of queueing: with the offline queue off, a command sent while Redis is
 * unreachable is rejected at once, so a Redis outage slows no request (the rate limiter then lets
 * requests through, see ./rate-limit.ts). Connects immediately; wait for 'ready' if you must.
 */
export function createRedis(config: Pick<AppConfig, 'redisUrl'>, log?: { warn(obj: object, msg: string): void }): Redis | undefined {
  if (!config.redisUrl) return undefined;
  const redis = new Redis(config.redisUrl, {
    lazyConnect: false,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    // Reconnect forever, backing off to 2 s between attempts.
    retryStrategy: (times) => Math.min(times * 100, 2_000),
  });
  // Without a listener an 'error' event would crash the process.
  let last = '';
  redis.on('error', (error: Error) => {
    if (error.message !== last) log?.warn({ err: error }, 'redis error');
    last = error.message;
  });
  redis.on('ready', () => (last = ''));
  return redis;
}

/** Closes the Redis client when the Fastify instance closes (after in-flight requests are done). */
export function quitRedisOnClose(fastify: FastifyInstance, redis: Redis | undefined): void {
  if (!redis) return;
  fastify.addHook('onClose', async () => {
    if (redis.status === 'end') return;
    try {
      await redis.quit();
    } catch {
      redis.disconnect();
    }
  });
}
