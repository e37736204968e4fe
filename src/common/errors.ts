import { GraphQLError } from 'graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';

/** Stable error codes (ARCHITECTURE.md, Errors). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RULE_VIOLATION'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR';

export const APP_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RULE_VIOLATION',
  'RATE_LIMITED',
]);

/** One offending input field: its path in the input and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A coded error whose message (Chinese, human-readable) may reach the client as it is. */
export class AppError extends GraphQLError {
  constructor(code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export function badInput(problems: FieldProblem[] | string, message?: string): AppError {
  const list = typeof problems === 'string' ? [{ field: problems, message: message ?? '取值无效' }] : problems;
  const text = message ?? list.map((p) => `${p.field}：${p.message}`).join('；');
  return new AppError('BAD_USER_INPUT', `输入有误：${text}`, { fields: list });
}

export function notFound(type: string, id?: string): AppError {
  return new AppError('NOT_FOUND', id ? `未找到${type}（${id}）` : `未找到${type}`, { type, ...(id ? { id } : {}) });
}

export function forbidden(message = '无权执行此操作'): AppError {
  return new AppError('FORBIDDEN', message);
}

export function conflict(message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError('CONFLICT', message, extensions);
}

export function ruleViolation(rule: string, message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError('RULE_VIOLATION', message, { ...extensions, rule });
}

/** Collects field problems and throws them together. */
export class InputProblems {
  readonly problems: FieldProblem[] = [];
  add(field: string, message: string): this {
    this.problems.push({ field, message });
    return this;
  }
  throwIfAny(): void {
    if (this.problems.length > 0) throw badInput(this.problems);
  }
}

/**
 * Flushes, turning what a concurrent request can cause into coded errors: a duplicate that slipped
 * past the checks (a unique constraint) into `duplicate()`, a concurrent update (an optimistic lock)
 * into `stale()`. Anything else is rethrown.
 */
export async function flushOrConflict(em: { flush(): Promise<void> }, on: { duplicate?: () => AppError; stale?: () => AppError }): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (on.duplicate && error instanceof UniqueConstraintViolationException) throw on.duplicate();
    if (on.stale && error instanceof OptimisticLockError) throw on.stale();
    throw error;
  }
}
