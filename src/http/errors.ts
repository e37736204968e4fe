/**
 * What reaches the client when something goes wrong, and what reaches the log.
 *
 * - Our coded errors (AppError) and the request errors of Apollo/graphql-js keep their code and
 *   message; messages that would echo a client's variable values lose the values, and in
 *   production "Did you mean …?" suggestions are removed (they reveal the schema).
 * - A database that cannot be reached, a pool with no free connection in time, a lock or statement
 *   timeout: SERVICE_UNAVAILABLE, HTTP 503 with Retry-After (the request may simply be retried).
 * - Anything else: INTERNAL_SERVER_ERROR with a generic message and the request id; the full error
 *   goes to the log with the same request id. Never SQL, a stack, a host or a port.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import { APP_ERROR_CODES, AppError } from '../common/errors.js';

/** Codes that Apollo and graphql-js give to problems with the request itself; their messages are safe. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  // An anonymous viewer ran an operation outside the trusted documents (src/http/hardening.ts).
  'PERSISTED_QUERY_NOT_ALLOWED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export const INTERNAL_MESSAGE = '服务器内部错误，请稍后重试；如持续出现，请联系管理员并提供请求编号。';
export const UNAVAILABLE_MESSAGE = '服务暂时不可用（数据库繁忙或无法连接），请稍后重试。';
/** Seconds a client is asked to wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 5;

export interface ErrorLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Network errors of the driver: the database is not there (or went away). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * PostgreSQL conditions that mean "not now", not "this request is wrong" (SQLSTATE): connection
 * exceptions (class 08), too many connections, the server shutting down or starting, a lock or
 * statement timeout, an idle transaction cut off, a deadlock or serialization failure.
 */
const TRANSIENT_SQLSTATES = new Set(['53300', '57P01', '57P02', '57P03', '55P03', '57014', '25P03', '40001', '40P01']);
const TRANSIENT_MESSAGES = [
  'timeout exceeded when trying to connect', // pg-pool: no free connection within DB_ACQUIRE_TIMEOUT_MS
  'Connection terminated',
  'connection terminated',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'terminating connection',
];

/** Whether `error` (or what caused it) says the database is unreachable or too busy right now. */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, sqlState, message } = e as { code?: unknown; sqlState?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATES.has(code) || code.startsWith('08'))) return true;
    if (typeof sqlState === 'string' && (TRANSIENT_SQLSTATES.has(sqlState) || sqlState.startsWith('08'))) return true;
    if (typeof message === 'string' && TRANSIENT_MESSAGES.some((m) => message.includes(m))) return true;
  }
  return false;
}

type Kind = 'ours' | 'request' | 'unavailable' | 'internal';

function classify(formatted: GraphQLFormattedError, error: unknown): Kind {
  const code = formatted.extensions?.code;
  const original = unwrapResolverError(error);
  // Our own errors are AppErrors; Apollo gives its request errors (e.g. variable coercion) codes of the same names.
  const ours = original instanceof AppError;
  if (typeof code === 'string' && APP_ERROR_CODES.has(code) && ours) return 'ours';
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && (ours || !isTransientDatabaseError(original))) return 'request';
  if (isTransientDatabaseError(original)) return 'unavailable';
  return 'internal';
}

// --- messages that would echo input ----------------------------------------------------------

const VARIABLE_PREFIX = /^Variable "\$([A-Za-z_][A-Za-z0-9_]*)" got invalid value /;
const REASONS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/; Field "([A-Za-z0-9_]+)" of required type "([^"]{1,200})" was not provided\.$/, (m) => `缺少必填字段 ${m[1]}（${m[2]}）`],
  [/; Field "([A-Za-z0-9_]+)" is not defined by type "([A-Za-z0-9_]+)"\.( Did you mean [^?]*\?)?$/, (m) => `${m[2]} 没有字段 ${m[1]}${m[3] ?? ''}`],
  [/; Expected non-nullable type "([^"]{1,200})" not to be null\.$/, (m) => `不能为空（${m[1]}）`],
  [/; Expected type "([A-Za-z0-9_]+)" to be an object\.$/, (m) => `应为对象（${m[1]}）`],
  [/; Value "[^"]*" does not exist in "([A-Za-z0-9_]+)" enum\.( Did you mean [^?]*\?)?$/, (m) => `不是 ${m[1]} 的取值${m[2] ?? ''}`],
  [/; Enum "([A-Za-z0-9_]+)" cannot represent non-string value: [\s\S]*$/, (m) => `应为 ${m[1]} 的取值`],
  [/; (String|Int|Float|Boolean|ID) cannot represent [\s\S]*$/, (m) => `应为 ${m[1]} 类型`],
  // Our scalars (src/common/scalars.ts) explain themselves without repeating the value.
  [/; Expected type "([A-Za-z0-9_]+)"\. ([^;]*)$/, (m) => `${m[1]}：${m[2]}`],
  [/; Expected type "([A-Za-z0-9_]+)"\.$/, (m) => `应为 ${m[1]}`],
];
const PATH = / at "([A-Za-z0-9_.[\]]{1,300})"; /;

/**
 * graphql-js puts the offending variable value into the message ("Variable "$input" got invalid
 * value { password: … }"); the value is the client's own, but it must not travel back through
 * proxies and logs (passwords, tokens). The message is rebuilt from the variable name, the path
 * and the reason, keeping only identifiers.
 */
function withoutVariableValues(message: string): string {
  const variable = VARIABLE_PREFIX.exec(message);
  if (!variable) return message.replace(/( cannot represent [^:]{0,60}): [\s\S]*$/, '$1.');
  const tail = message.slice(variable[0].length);
  let at = '';
  const path = [...tail.matchAll(new RegExp(PATH, 'g'))].pop();
  if (path) at = `（位置 ${path[1]}）`;
  for (const [pattern, text] of REASONS) {
    const m = tail.match(pattern);
    if (m) return `变量 $${variable[1]} 的取值无效${at}：${text(m)}`;
  }
  // Our scalars (src/common/scalars.ts) throw their own explanation, which never repeats the value;
  // it is the message's last part (the value comes before it).
  const reason = tail.slice(tail.lastIndexOf('; ') + 2);
  return `变量 $${variable[1]} 的取值无效${at}${tail.includes('; ') && reason ? `：${reason}` : ''}`;
}

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** Formats every error for the client (see the top of this file). Logging is the plugin's job. */
export function createFormatError(options: { production: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const kind = classify(formatted, error);
    if (kind === 'ours' || kind === 'request') {
      const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      void _stack;
      let message = kind === 'request' ? withoutVariableValues(formatted.message) : formatted.message;
      if (options.production) message = message.replace(SUGGESTION, '');
      return { ...formatted, message, extensions };
    }
    if (kind === 'unavailable') {
      return {
        message: UNAVAILABLE_MESSAGE,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS },
      };
    }
    return { message: INTERNAL_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

interface RequestContextValue {
  requestId?: string;
}

/**
 * Logs every unexpected error with the request id (the formatted answer carries the same id), and
 * answers 503 with Retry-After when the database was unavailable.
 */
export function errorReportingPlugin(log: ErrorLogger): ApolloServerPlugin<RequestContextValue> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = error.extensions?.code;
            const ours = typeof code === 'string' && (APP_ERROR_CODES.has(code) || REQUEST_ERROR_CODES.has(code)) && !isTransientDatabaseError(original);
            if (ours) continue;
            const entry = { reqId: contextValue?.requestId, err: original, path: error.path };
            if (isTransientDatabaseError(original)) log.warn(entry, 'database unavailable during a GraphQL operation');
            else log.error(entry, 'unexpected error in GraphQL operation');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length) return;
          let unavailable = false;
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === 'SERVICE_UNAVAILABLE') unavailable = true;
            if ((code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') && contextValue?.requestId) {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
          if (unavailable) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}

/** A GraphQL-shaped error body for answers given outside Apollo. */
export function errorBody(code: string, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { ...extensions, code } }] };
}

/**
 * Errors outside Apollo (hooks, the file routes, Fastify itself): client errors (4xx) keep their
 * message; a database outage is a 503 with Retry-After; anything else is a masked 500 with the
 * request id, logged in full.
 */
export function registerErrorHandler(fastify: FastifyInstance): void {
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    // Fastify's own client errors (body too large, bad JSON, unsupported type) and the rate
    // limiter's answer: as Fastify sends them.
    if (status >= 400 && status < 500) return reply.code(status).send(error);
    if (isTransientDatabaseError(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send(errorBody('SERVICE_UNAVAILABLE', UNAVAILABLE_MESSAGE, { retryAfterSeconds: RETRY_AFTER_SECONDS, requestId: request.id }));
    }
    if (status === 503) {
      // The request ran out of time (src/http/request-timeout.ts).
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send(errorBody('SERVICE_UNAVAILABLE', '请求处理超时，请稍后重试。', { retryAfterSeconds: RETRY_AFTER_SECONDS, requestId: request.id }));
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(errorBody('INTERNAL_SERVER_ERROR', INTERNAL_MESSAGE, { requestId: request.id }));
  });
}
