import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config.js';
import { errorBody } from './errors.js';
import './request-viewer.js';

/** Routes that load balancers poll: never rate limited. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Requests per minute, keyed per signed-in user (so colleagues behind one NAT do not share a budget)
 * or per client address (IPv6: per /56, the plugin's default). In preHandler, i.e. after the auth
 * onRequest hook has set request.viewer. With Redis the counts are shared by every instance; when
 * Redis is unreachable the limiter lets requests through (skipOnError) rather than failing every
 * request. Over the limit: 429 with Retry-After and a GraphQL-shaped RATE_LIMITED error.
 */
export async function registerRateLimit(fastify: FastifyInstance, config: Pick<AppConfig, 'rateLimitPerUser' | 'rateLimitPerAddress'>, redis?: Redis): Promise<void> {
  await fastify.register(fastifyRateLimit, {
    global: true,
    hook: 'preHandler',
    timeWindow: 60_000,
    ...(redis ? { redis, nameSpace: 'ip-api:rate-limit:' } : {}),
    skipOnError: true,
    keyGenerator: (request) => {
      const viewer = request.viewer as FastifyRequest['viewer'] | undefined;
      return viewer?.kind === 'USER' ? `user:${viewer.userId}` : `addr:${fastifyRateLimit.normalizeIP(request.ip)}`;
    },
    max: (_request, key) => (key.startsWith('user:') ? config.rateLimitPerUser : config.rateLimitPerAddress),
    allowList: (request) => UNLIMITED_ROUTES.has(request.routeOptions.url ?? ''),
    errorResponseBuilder: (_request, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      const body = errorBody('RATE_LIMITED', `请求过于频繁：每分钟最多 ${context.max} 次，请 ${seconds} 秒后再试。`, { retryAfterSeconds: seconds });
      // The plugin throws what this returns and Fastify's error handler sends it as the body;
      // statusCode sets the status and stays out of the JSON.
      Object.defineProperty(body, 'statusCode', { value: context.statusCode, enumerable: false });
      return body;
    },
  });
}
