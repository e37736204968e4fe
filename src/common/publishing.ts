/**
 * The draft → published → withdrawn lifecycle of a catalogue document (industry analysis reports,
 * overseas publications): publishing a draft stamps it; withdrawing a published one needs a reason.
 */
import { conflict, InputProblems } from './errors.js';
import { optionalText } from '../modules/liaison/liaison.common.js';

export interface Publishable {
  status: string;
  publishedAt?: Date | null;
  withdrawReason?: string | null;
}

/** The withdrawal reason of a publish-or-withdraw input (BAD_USER_INPUT when withdrawing without one). */
export function publishingReason(input: { published: boolean; reason?: string | null }): string | null {
  const problems = new InputProblems();
  const reason = optionalText(problems, 'reason', input.reason, 2000);
  if (!input.published && !reason) problems.add('reason', '撤回须说明理由');
  problems.throwIfAny();
  return reason;
}

/** Publishes a draft or withdraws a published document (CONFLICT from any other status); returns the status before. */
export function applyPublishing(doc: Publishable, published: boolean, reason: string | null, now: Date): string {
  const before = doc.status;
  if (published) {
    if (doc.status !== 'DRAFT') throw conflict('只能发布草稿', { status: doc.status });
    Object.assign(doc, { status: 'PUBLISHED', publishedAt: now });
  } else {
    if (doc.status !== 'PUBLISHED') throw conflict('只能撤回已发布的', { status: doc.status });
    Object.assign(doc, { status: 'WITHDRAWN', withdrawReason: reason });
  }
  return before;
}
