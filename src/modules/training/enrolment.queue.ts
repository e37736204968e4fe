/**
 * The queue for a session's seats [D 四(四)二]: booked while a seat is free, else waitlisted; for
 * sessions needing approval, approved people get the seats by priority once registration has
 * closed (demonstration, then advantage enterprises, then the others, each by time of request),
 * and a freed seat goes to the first waiting person in the same order. Every change is appended to
 * the enrolment's history. All of it runs under the session's advisory lock.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { query, sql, trusted } from '../../common/sql.js';
import { advisoryLock } from '../../common/transaction.js';
import { Enrolment, EnrolmentStatus, TrainingSession } from './training.entity.js';

/** The order of the queue: the employer's title when the person enrolled, then the time of request. */
const QUEUE_ORDER = trusted(`case priority when 'DEMONSTRATION' then 0 when 'ADVANTAGE' then 1 else 2 end, requested_at, id`);

/** Serialises seat changes of one session across requests and server instances. */
export async function lockSession(em: EntityManager, sessionId: string): Promise<void> {
  await advisoryLock(em, `training-session:${sessionId}`);
}

/** Moves an enrolment to `status`, appending the change to its history. */
export function log(e: Enrolment, status: EnrolmentStatus, by: string, at: Date, note?: string) {
  e.status = status;
  e.history = [...e.history, { at: at.toISOString(), status, by, ...(note ? { note } : {}) }];
}

/** Seats booked in a session now (inside the session lock). */
function bookedCount(em: EntityManager, sessionId: string): Promise<number> {
  return em.count(Enrolment, { session: sessionId, status: EnrolmentStatus.BOOKED });
}

/**
 * Puts an enrolment in the queue for a seat: booked while any seat is free, else waitlisted. For a
 * session needing approval it is APPROVED until the seats are allocated (then placed at once).
 * The caller holds the session lock.
 */
export async function place(em: EntityManager, session: TrainingSession, e: Enrolment, by: string, now: Date, approval: boolean, note?: string) {
  if (approval) log(e, EnrolmentStatus.APPROVED, by, now, note);
  if (approval && !session.seatsAllocatedAt) return;
  const booked = await bookedCount(em, session.id);
  log(e, booked < session.capacity ? EnrolmentStatus.BOOKED : EnrolmentStatus.WAITLISTED, by, now, approval ? undefined : note);
}

/** Gives a freed seat to the first waiting person, if any; returns that enrolment. The caller holds the session lock. */
export async function promoteNext(em: EntityManager, sessionId: string, now: Date): Promise<Enrolment | null> {
  const [next] = await query<{ id: string }>(em, sql`select id from enrolment where session_id = ${sessionId} and status = ${EnrolmentStatus.WAITLISTED} order by ${QUEUE_ORDER} limit 1`);
  if (!next) return null;
  const promoted = await em.findOneOrFail(Enrolment, next.id, { refresh: true });
  log(promoted, EnrolmentStatus.BOOKED, 'system', now, '候补递补');
  return promoted;
}

/**
 * Gives the approved enrolments of a session their seats once registration has closed, in the
 * queue's order; the rest wait. The caller holds the session lock.
 */
export async function allocate(em: EntityManager, session: TrainingSession, by: string, now: Date): Promise<{ booked: number; waitlisted: number }> {
  const approved = await query<{ id: string }>(em, sql`select id from enrolment where session_id = ${session.id} and status = ${EnrolmentStatus.APPROVED} order by ${QUEUE_ORDER}`);
  let free = session.capacity - (await bookedCount(em, session.id));
  const result = { booked: 0, waitlisted: 0 };
  const rows = approved.length ? await em.find(Enrolment, { id: { $in: approved.map((r) => r.id) } }, { refresh: true }) : [];
  for (const { id } of approved) {
    const e = rows.find((r) => r.id === id)!;
    if (free > 0) {
      log(e, EnrolmentStatus.BOOKED, by, now, '名额分配');
      free--;
      result.booked++;
    } else {
      log(e, EnrolmentStatus.WAITLISTED, by, now, '名额分配：候补');
      result.waitlisted++;
    }
  }
  session.seatsAllocatedAt = now;
  return result;
}

/**
 * Scheduled: allocates the seats of every session needing approval whose registration closed
 * before `today` and that has not been allocated yet. Run inside the scheduled-transitions
 * transaction; returns the sessions allocated.
 */
export async function allocateClosedSessions(em: EntityManager, today: string, now: Date): Promise<{ session: TrainingSession; booked: number; waitlisted: number }[]> {
  const due = await em.find(TrainingSession, { approvalRequired: true, seatsAllocatedAt: null, registrationClosesOn: { $lt: today } }, { orderBy: { startsOn: 'asc', id: 'asc' } });
  const out = [];
  for (const session of due) {
    await lockSession(em, session.id);
    await em.refresh(session);
    if (session.seatsAllocatedAt) continue;
    out.push({ session, ...(await allocate(em, session, 'system', now)) });
  }
  return out;
}
