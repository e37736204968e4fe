import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../common/clock.js';
import { AuditEntry } from '../modules/audit/audit-entry.entity.js';
import { reexaminationService } from '../modules/designation/reexamination.service.js';
import { programmeService } from '../modules/programme/programme.service.js';
import { Enterprise } from '../modules/enterprise/enterprise.entity.js';

export interface TransitionRun {
  /** False when another instance held the lock (nothing done here). */
  ran: boolean;
  withdrawn: number;
}

/**
 * The time-driven transitions of the programme, run by every server instance on a timer, by hand
 * (`npm run jobs`) or by the national admin (runScheduledTransitions). One instance at a time: a
 * PostgreSQL advisory lock taken for the transaction; the others skip. Idempotent: each
 * transition only touches records still in the state it leaves.
 *
 * - R11 [D 三(二)4]: a demonstration round not re-examined and filed within 6 months of its end is
 *   withdrawn (title cancelled automatically, 2-year ban).
 */
export async function runScheduledTransitions(orm: { em: EntityManager }, clock: Clock, requestId = 'scheduled-transitions'): Promise<TransitionRun> {
  return orm.em.fork().transactional(async (em) => {
    const [row] = await em
      .getConnection()
      .execute<{ locked: boolean }[]>('select pg_try_advisory_xact_lock(hashtext(?)) as locked', ['ip-api:scheduled-transitions'], 'all', em.getTransactionContext());
    if (!row?.locked) return { ran: false, withdrawn: 0 };
    const settings = await programmeService.settings(em);
    const withdrawn = await reexaminationService.withdrawUnfiled(em, clock.today(), settings);
    for (const d of withdrawn) {
      const enterprise = await em.findOneOrFail(Enterprise, d.enterprise.id);
      const entry = new AuditEntry();
      entry.role = 'SYSTEM';
      entry.scope = {};
      entry.operation = 'withdrawUnfiledDesignation';
      entry.objectType = 'Designation';
      entry.objectId = d.id;
      entry.jurisdiction = enterprise.region.unwrap().code;
      entry.changes = { status: { before: 'ACTIVE', after: 'WITHDRAWN' }, endedOn: { before: null, after: d.endedOn } };
      entry.requestId = requestId;
      em.persist(entry);
    }
    await em.flush();
    return { ran: true, withdrawn: withdrawn.length };
  });
}
