import { createHash } from 'node:crypto';
import fastifyCors from '@fastify/cors';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.js';

/**
 * Content Security Policy for everything we serve: only our own origin, no inline script, no
 * plugins, not framable. The GraphiQL page (GET /graphql from a browser) needs one inline <script>
 * and inline styles; rather than 'unsafe-inline' for scripts or no CSP at all on that page, its
 * answer gets the same policy plus the sha256 of each inline <script> in that very response (computed
 * in onSend, so it always matches what we send) and 'unsafe-inline' for styles only (GraphiQL and
 * CodeMirror set style attributes; styles cannot run code). Its assets come from /graphiql/* on our
 * own origin ('self'); its fonts are data: URIs inside graphiql.css; it needs no eval.
 * `upgrade-insecure-requests` (helmet's default) is left out: on plain-HTTP intranet deployments it
 * would make browsers fetch /graphiql/*.js over https and break the page; HSTS covers TLS sites.
 */
const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
};

function cspHeader(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;

/** The CSP for an HTML page we generate: our policy plus the hashes of its inline scripts. */
export function htmlPageCsp(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '', 'utf8').digest('base64')}'`);
  return cspHeader({ ...CSP_DIRECTIVES, 'script-src': ["'self'", ...hashes], 'style-src': ["'self'", "'unsafe-inline'"] });
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Helmet's security headers on every answer, and the GraphiQL page's own CSP (an HTML answer to GET
 * `graphqlPath`). Helmet's middleware is built once here: @fastify/helmet builds it anew for every
 * request (parsing the CSP each time), which was a few per cent of a small request's CPU.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, graphqlPath: string): Promise<void> {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // API answers are not to be embedded or read by other sites' pages except through CORS.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    headers(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || typeof payload !== 'string' || pathOf(request.url) !== graphqlPath) return payload;
    const type = reply.getHeader('content-type');
    if (typeof type !== 'string' || !type.startsWith('text/html')) return payload;
    reply.header('content-security-policy', htmlPageCsp(payload));
    return payload;
  });
}

/** CORS for the origins of CORS_ORIGINS. An empty allow-list keeps CORS off (no Access-Control-* headers): browsers allow same origin only. */
export async function registerCors(fastify: FastifyInstance, config: Pick<AppConfig, 'corsOrigins'>): Promise<void> {
  await fastify.register(fastifyCors, {
    origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
    credentials: false,
    methods: ['GET', 'POST'],
    allowedHeaders: ['content-type', 'accept', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'x-programme-date', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset'],
    maxAge: 600,
    strictPreflight: true,
  });
}
