import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { APP_ERROR_CODES } from '../common/errors.js';

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

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/**
 * Everything that is not one of our coded errors (or a request error from Apollo/graphql-js)
 * is logged in full and reaches the client only as INTERNAL_SERVER_ERROR: no SQL, stack or host.
 */
export function createFormatError(log: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const original = unwrapResolverError(error);
    const ours = original && typeof original === 'object' && 'extensions' in original && APP_ERROR_CODES.has(String((original as { extensions: { code?: unknown } }).extensions.code));
    if ((typeof code === 'string' && (APP_ERROR_CODES.has(code) || REQUEST_ERROR_CODES.has(code)) && (ours || REQUEST_ERROR_CODES.has(code)))) {
      const { stacktrace: _stack, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      void _stack;
      return { ...formatted, extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      message: '服务器内部错误，请稍后重试；如持续出现，请联系管理员并提供请求编号。',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
