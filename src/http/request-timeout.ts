/**
 * The longest a request may take (REQUEST_TIMEOUT_MS): past it, the client gets 503
 * SERVICE_UNAVAILABLE with Retry-After (src/http/errors.ts) instead of waiting on.
 *
 * Our own hook rather than Fastify's `handlerTimeout`, which gives every request an AbortController
 * and aborts it when the request closes, normal ends included: building that AbortError (a
 * DOMException with its stack) was ~4 % of the CPU of a small request. Nothing here reads
 * `request.signal`; work already sent to PostgreSQL is bounded by its own statement_timeout.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();

class HandlerTimeout extends Error {
  readonly statusCode = 503;
  readonly code = 'FST_ERR_HANDLER_TIMEOUT';
}

function expire(request: FastifyRequest, reply: FastifyReply, ms: number): void {
  timers.delete(request);
  if (reply.sent) return;
  if (reply.raw.headersSent) {
    // Half an answer cannot be replaced by an error: end the connection instead.
    reply.raw.destroy();
    return;
  }
  request.log.warn({ timeoutMs: ms }, 'request timed out');
  reply.send(new HandlerTimeout(`request took longer than ${ms} ms`));
}

function clear(request: FastifyRequest): void {
  const timer = timers.get(request);
  if (timer) {
    clearTimeout(timer);
    timers.delete(request);
  }
}

export function registerRequestTimeout(fastify: FastifyInstance, ms: number): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    timers.set(request, setTimeout(expire, ms, request, reply, ms));
    done();
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    clear(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    clear(request);
    done();
  });
}
