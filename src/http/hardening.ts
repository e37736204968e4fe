/**
 * Request hardening (docs/security.md), composed from one file per concern:
 *
 * - ./headers.ts: security headers (helmet, the CSP and the GraphiQL page's own) and CORS;
 * - ./bodies.ts: JSON bodies (no batches, no forbidden keys such as `__proto__` or `$ne`);
 * - ./rate-limit.ts: requests per minute per user or client address;
 * - ./redis.ts: the Redis client shared by the rate limits and the login throttling;
 * - ./operation-limits.ts: depth, aliases, directives, cost and tokens of an operation;
 * - ./trusted-documents.ts: the public portal's allow-list for anonymous viewers;
 * - ./input-limits.ts: list lengths, string lengths and control characters of the inputs.
 *
 * src/app.ts calls registerHttpHardening before the auth hook, the GraphiQL hook and every route
 * (so that early answers carry the headers, and the rate limiter attaches itself to every route),
 * and spreads apolloHardening(config) into the ApolloServer config.
 */
import type { ApolloServerPlugin, PersistedQueryOptions } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { ParseOptions, ValidationRule } from 'graphql';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config.js';
import { registerBodyChecks } from './bodies.js';
import { registerCors, registerSecurityHeaders } from './headers.js';
import { inputLimitsPlugin } from './input-limits.js';
import { operationLimits } from './operation-limits.js';
import { registerRateLimit } from './rate-limit.js';
import { trustedDocumentsPlugin } from './trusted-documents.js';

export { createRedis, quitRedisOnClose } from './redis.js';
export { loadTrustedDocuments, TRUSTED_DOCUMENTS_FILE } from './trusted-documents.js';

export const GRAPHQL_PATH = '/graphql';

/** Security headers, CORS, JSON body checks for /graphql, rate limits. Call once on the root instance, before declaring routes. */
export async function registerHttpHardening(fastify: FastifyInstance, config: AppConfig, redis?: Redis): Promise<void> {
  await registerSecurityHeaders(fastify, GRAPHQL_PATH);
  await registerCors(fastify, config);
  registerBodyChecks(fastify, GRAPHQL_PATH);
  await registerRateLimit(fastify, config, redis);
}

/**
 * Operation limits, trusted and persisted documents and input limits for Apollo: `options` is
 * spread into the ApolloServer config; `validationRules` and `plugins` are added to it.
 */
export function apolloHardening(config: AppConfig): {
  plugins: ApolloServerPlugin<any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- any context
  validationRules: ValidationRule[];
  options: {
    allowBatchedHttpRequests: false;
    csrfPrevention: true;
    persistedQueries: PersistedQueryOptions;
    hideSchemaDetailsFromClientErrors: true;
    introspection: boolean;
    parseOptions: ParseOptions;
  };
} {
  const limits = operationLimits(config);
  return {
    plugins: [
      ...limits.plugins,
      trustedDocumentsPlugin(config) as ApolloServerPlugin<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
      inputLimitsPlugin({ listMax: config.inputListMax, codeListMax: config.inputCodeListMax, stringMax: config.inputStringMax }) as ApolloServerPlugin<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
    ],
    validationRules: limits.validationRules,
    options: {
      allowBatchedHttpRequests: false,
      csrfPrevention: true,
      // Automatic persisted queries in Apollo's bounded in-memory cache (per process).
      persistedQueries: { ttl: 24 * 3600 },
      hideSchemaDetailsFromClientErrors: true,
      introspection: config.nodeEnv !== 'production',
      parseOptions: limits.parseOptions,
    },
  };
}
