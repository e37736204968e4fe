import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors.js';

/** Keys that let a payload reach prototypes or a query language other than ours (Mongo-style `$ne`, raw SQL fragments). */
export function isForbiddenKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype' || key.startsWith('$') || key.startsWith('__raw');
}

/**
 * The first non-null answer of `test` for the objects (not arrays) anywhere in a parsed JSON value,
 * each before what it contains (iterative: deep nesting cannot overflow the stack).
 */
function firstInObjects<T>(value: unknown, test: (record: Record<string, unknown>) => T | null): T | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    const record = current as Record<string, unknown>;
    const found = test(record);
    if (found !== null) return found;
    for (const key of Object.keys(record)) stack.push(record[key]);
  }
  return null;
}

/** The first forbidden key anywhere in a parsed JSON value. */
export function findForbiddenKey(value: unknown): string | null {
  return firstInObjects(value, (record) => Object.keys(record).find(isForbiddenKey) ?? null);
}

/** What Fastify's own JSON parser refuses (it would use secure-json-parse): `__proto__`, and `constructor.prototype`. */
function hasPrototypePoisoning(value: unknown): boolean {
  const poisoned = firstInObjects(value, (record) => {
    if (Object.hasOwn(record, '__proto__')) return true;
    const ctor = Object.hasOwn(record, 'constructor') ? record.constructor : undefined;
    return ctor !== null && typeof ctor === 'object' && Object.hasOwn(ctor, 'prototype') ? true : null;
  });
  return poisoned !== null;
}

function httpError(statusCode: number, code: string, message: string): Error {
  return Object.assign(new Error(message), { statusCode, code });
}

/** A GraphQL-shaped error answer, in the media type the client asked for. */
function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string) {
  const accept = request.headers.accept ?? '';
  const type = accept.includes('application/graphql-response+json') ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8';
  return reply.code(status).type(type).send(errorBody(code, message));
}

/** The variables and extensions of a GET request (JSON in the query string), parsed where they parse. */
function queryStringJson(request: FastifyRequest): unknown[] {
  const query = request.query as Record<string, unknown> | undefined;
  const values: unknown[] = [];
  for (const name of ['variables', 'extensions']) {
    const raw = query?.[name];
    for (const text of Array.isArray(raw) ? raw : [raw]) {
      if (typeof text !== 'string') continue;
      try {
        values.push(JSON.parse(text));
      } catch {
        // Not JSON: Apollo answers 400 for it.
      }
    }
  }
  return values;
}

/**
 * JSON bodies. Fastify's JSON parser rejects `__proto__` itself, as a bare "invalid JSON" error; for
 * `graphqlPath` we want the GraphQL error shape and a code, so every JSON body is parsed with
 * JSON.parse (which only makes an own, harmless `__proto__` property) and the GraphQL route's are
 * checked in preValidation: no batches (a JSON array), no forbidden key (isForbiddenKey) in the body
 * or in a GET's variables and extensions. Other routes keep Fastify's behaviour (400 on prototype
 * poisoning).
 */
export function registerBodyChecks(fastify: FastifyInstance, graphqlPath: string): void {
  const isGraphQLRoute = (request: FastifyRequest) => request.routeOptions.url === graphqlPath;

  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length === 0) {
      done(httpError(400, 'FST_ERR_CTP_EMPTY_JSON_BODY', "Body cannot be empty when content-type is set to 'application/json'"), undefined);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      done(httpError(400, 'FST_ERR_CTP_INVALID_JSON_BODY', "Body is not valid JSON but content-type is set to 'application/json'"), undefined);
      return;
    }
    if (!isGraphQLRoute(request) && hasPrototypePoisoning(json)) {
      done(httpError(400, 'FST_ERR_CTP_INVALID_JSON_BODY', "Body is not valid JSON but content-type is set to 'application/json'"), undefined);
      return;
    }
    done(null, json);
  });

  fastify.addHook('preValidation', async (request, reply) => {
    if (!isGraphQLRoute(request)) return;
    if (request.method === 'POST' && Array.isArray(request.body)) {
      return sendError(request, reply, 400, 'BAD_REQUEST', '不支持批量请求：每个请求只能包含一个 GraphQL 操作。');
    }
    let key: string | null = null;
    if (request.method === 'POST') key = findForbiddenKey(request.body);
    else if (request.method === 'GET') for (const value of queryStringJson(request)) key ??= findForbiddenKey(value);
    if (key !== null) {
      return sendError(request, reply, 400, 'BAD_USER_INPUT', `输入有误：请求中不允许出现键名“${key.slice(0, 40)}”（__proto__、constructor、prototype、以 $ 或 __raw 开头的键）。`);
    }
  });
}
