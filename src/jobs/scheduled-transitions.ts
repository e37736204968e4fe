import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { reexaminationService } from '../modules/designation/reexamination.service.js';
import { programmeService } from '../modules/programme/programme.service.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';
import { concludeEndedNotices } from '../modules/application/notice.service.js';
import { allocateClosedSessions } from '../modules/training/enrolment.queue.js';
import { transaction, tryAdvisoryLock } from '../common/transaction.js';
import { assignmentService } from '../modules/assignment/assignment.service.js';
import { workstationService } from '../modules/overseas/workstation.service.js';

export interface TransitionRun {
  /** False when another instance held the lock (nothing done here). */
  ran: boolean;
  withdrawn: number;
  /** Public notices concluded (their applications designated). */
  noticesConcluded: number;
  /** Ended notices held back: an application in them is no longer in good standing (R12/R13) and waits for the national bureau. */
  noticesHeld: number;
  /** Training sessions needing approval whose seats were allocated after registration closed. */
  sessionsAllocated: number;
  /** Liaison officer assignments ended because the enterprise no longer holds a demonstration title (R17). */
  assignmentsEnded: number;
  /** Years of public holidays loaded for overseas workstations that had none (issue 17). */
  holidaysLoaded: number;
}

/**
 * The time-driven transitions of the programme, run by every server instance on a timer, by hand
 * (`npm run jobs`) or by the national admin (runScheduledTransitions). One instance at a time: a
 * PostgreSQL advisory lock taken for the transaction; the others skip. Idempotent: each
 * transition only touches records still in the state it leaves.
 *
 * - R7, R8 [D 三(二)3]: a public notice whose last day has passed with no objection pending is
 *   concluded: its applications become designations valid 3 years from the next day. (The national
 *   admin may publish the list earlier, on a date of its choice, with publishDesignationList.)
 * - R11 [D 三(二)4]: a demonstration round not re-examined and filed within 6 months of its end is
 *   withdrawn (title cancelled automatically, 2-year ban).
 * - The end of an advantage cultivation period needs no transition: it is derived from the dates.
 * - Training sessions needing approval get their seats allocated, by priority, the day after
 *   registration closes (unless the host already did it).
 * - R17: a liaison officer's assignment to an enterprise that no longer holds a demonstration title
 *   (expired, cancelled, withdrawn) ends (TITLE_ENDED); a revocation does it at once.
 * - Overseas workstations (issue 17): a workstation with no holidays for this year (and, from
 *   1 December, the next) gets its country's public holidays from date-holidays; its open cases'
 *   deadlines move, keeping the time used.
 */
export async function runScheduledTransitions(orm: { em: EntityManager }, clock: Clock, requestId = 'scheduled-transitions'): Promise<TransitionRun> {
  return transaction(orm.em.fork(), async (em) => {
    if (!(await tryAdvisoryLock(em, 'ip-api:scheduled-transitions'))) return { ran: false, withdrawn: 0, noticesConcluded: 0, noticesHeld: 0, sessionsAllocated: 0, assignmentsEnded: 0, holidaysLoaded: 0 };
    const settings = await programmeService.settings(em);
    const system = (operation: string, objectType: string, objectId: string, jurisdiction: string | null, changes: Record<string, { before: unknown; after: unknown }>) => {
      const entry = new AuditEntry();
      entry.role = 'SYSTEM';
      entry.scope = {};
      entry.operation = operation;
      entry.objectType = objectType;
      entry.objectId = objectId;
      entry.jurisdiction = jurisdiction;
      entry.changes = changes;
      entry.requestId = requestId;
      em.persist(entry);
    };
    const notices = await concludeEndedNotices(em, clock.today(), settings, clock.now(), (object, changes, jurisdiction) =>
      system('concludePublicNotice', object.type, object.id, jurisdiction, changes),
    );
    const withdrawn = await reexaminationService.withdrawUnfiled(em, clock.today(), settings);
    const owners = withdrawn.length ? await em.find(Enterprise, { id: { $in: [...new Set(withdrawn.map((d) => d.enterprise.id))] } }) : [];
    const regionOf = new Map(owners.map((e) => [e.id, e.region.unwrap().code]));
    for (const d of withdrawn) {
      system('withdrawUnfiledDesignation', 'Designation', d.id, regionOf.get(d.enterprise.id) ?? null, { status: { before: 'ACTIVE', after: 'WITHDRAWN' }, endedOn: { before: null, after: d.endedOn } });
    }
    const allocated = await allocateClosedSessions(em, clock.today(), clock.now());
    for (const a of allocated) {
      system('allocateSessionSeats', 'TrainingSession', a.session.id, a.session.regionCode ?? null, { booked: { before: null, after: a.booked }, waitlisted: { before: null, after: a.waitlisted } });
    }
    await em.flush();
    const assignmentsEnded = await assignmentService.endWithoutTitle(em, clock.today(), system);
    const year = Number(clock.today().slice(0, 4));
    const holidaysLoaded = await workstationService.loadMissingHolidays(em, clock, clock.today() >= `${year}-12-01` ? [year, year + 1] : [year], system);
    await em.flush();
    return { ran: true, withdrawn: withdrawn.length, noticesConcluded: notices.concluded, noticesHeld: notices.held, sessionsAllocated: allocated.length, assignmentsEnded, holidaysLoaded };
  });
}
