import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { forbidden } from '../../common/errors.js';
import { requireUser } from '../../common/viewer.policy.js';
import { badInput, conflict, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { programmeService } from '../programme/programme.service.js';
import { addDays } from '../programme/working-days.js';
import { ApplicationBan, BanReason } from './ban.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';
import { lastDayOfYears } from './revocation.service.js';
import { transaction } from '../../common/transaction.js';

/** Re-examinations open this many days before a round ends. */
export const REEXAMINATION_OPENS_DAYS_BEFORE = 90;

/** `months` calendar months after `date` (the last day of a shorter month when needed). */
export function monthsAfter(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** The last day a passed re-examination may be filed: `filingMonths` after the round's last day [D 三(二)4]. */
export function filingDeadline(validUntil: string, filingMonths: number): string {
  return monthsAfter(validUntil, filingMonths);
}

export const reexaminationService = {
  /** Demonstration rounds of a jurisdiction due for re-examination on `today`: from 90 days before the end to the filing deadline. */
  async due(em: EntityManager, regionCode: string | null, today: string, filingMonths: number): Promise<Designation[]> {
    const rows = await em.execute<{ id: string }[]>(
      `select d.id from designation d join enterprise e on e.id = d.enterprise_id
        where d.level = 'DEMONSTRATION' and d.status = 'ACTIVE' and d.reexamined_on is null
          and d.valid_until - ?::int <= ?::date and (d.valid_until + make_interval(months => ?::int))::date >= ?::date
          ${regionCode ? 'and e.region_code = ?' : ''}
        order by d.valid_until, d.id`,
      [REEXAMINATION_OPENS_DAYS_BEFORE, today, filingMonths, today, ...(regionCode ? [regionCode] : [])],
    );
    return rows.length ? em.find(Designation, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { validUntil: 'asc', id: 'asc' } }) : [];
  },

  /**
   * The provincial admin of the jurisdiction records and files the re-examination [D 三(二)4]:
   * failed (R10) → the title is cancelled and a 2-year ban starts; passed → filed with the national
   * bureau, and a new 3-year round continues the title. Only within the window: from 90 days before
   * the end to `filingMonths` after it (R11).
   */
  async record(ctx: Context, input: { designationId: string; passed: boolean; notes: string }) {
    const v = requireUser(ctx);
    if (v.role !== 'PROVINCIAL_ADMIN') throw forbidden('复核由企业所在辖区的省局组织并报备');
    const id = expectGlobalId(input.designationId, 'Designation', 'designationId');
    const notes = input.notes.trim();
    if (notes.length < 1 || notes.length > 5000) throw badInput([{ field: 'notes', message: '应为 1–5000 字' }]);
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const d = await em.findOne(Designation, id, { lockMode: 4 });
      if (!d) throw notFound('认定', input.designationId);
      const enterprise = await em.findOneOrFail(Enterprise, d.enterprise.id);
      const region = enterprise.region.unwrap().code;
      if (region !== v.regionCode) throw notFound('认定', input.designationId);
      if (d.level !== DesignationLevel.DEMONSTRATION) throw ruleViolation('R10', '只有示范企业认定需要复核', { paragraph: '三(二)4' });
      if (d.status !== DesignationStatus.ACTIVE || d.reexaminedOn) throw conflict('该认定已复核或已终止', { status: d.status });
      const opens = addDays(d.validUntil, -REEXAMINATION_OPENS_DAYS_BEFORE);
      const deadline = filingDeadline(d.validUntil, settings.filingMonths);
      if (today < opens) throw ruleViolation('R10', `复核在有效期届满前 ${REEXAMINATION_OPENS_DAYS_BEFORE} 天（${opens}）起办理`, { paragraph: '三(二)4', opensOn: opens });
      if (today > deadline) throw ruleViolation('R11', `已超过备案期限（期满后 ${settings.filingMonths} 个月，${deadline}），视为退出`, { paragraph: '三(二)4', deadline });
      d.reexaminedOn = today;
      d.reexaminationPassed = input.passed;
      d.reexaminationNotes = notes;
      let successor: Designation | null = null;
      let ban: ApplicationBan | null = null;
      if (input.passed) {
        // The title continues: a new round from the day after this one ends.
        const from = addDays(d.validUntil, 1);
        successor = em.create(Designation, {
          enterprise: d.enterprise.id,
          level: DesignationLevel.DEMONSTRATION,
          status: DesignationStatus.ACTIVE,
          batchYear: d.batchYear,
          validFrom: from,
          validUntil: lastDayOfYears(from, settings.designationValidityYears),
        } as never) as Designation;
        d.status = DesignationStatus.EXPIRED;
        d.successorId = successor.id;
      } else {
        // R10: cancelled now (valid until yesterday), and no new application for 2 years.
        d.status = DesignationStatus.CANCELLED;
        d.endedOn = today;
        if (settings.banYears > 0) {
          ban = em.create(ApplicationBan, { enterprise: d.enterprise.id, designation: d.id, reason: BanReason.REEXAMINATION_FAILED, startsOn: today, endsOn: lastDayOfYears(today, settings.banYears) });
        }
      }
      recordAudit(em, ctx, {
        operation: 'recordReexamination',
        objectType: 'Designation',
        objectId: d.id,
        jurisdiction: region,
        changes: {
          status: { before: DesignationStatus.ACTIVE, after: d.status },
          reexaminationPassed: { before: null, after: input.passed },
          ...(successor ? { successor: { before: null, after: `${successor.validFrom}–${successor.validUntil}` } } : {}),
          ...(ban ? { ban: { before: null, after: `${ban.startsOn}–${ban.endsOn}` } } : {}),
        },
      });
      await em.flush();
      return { designation: d, successor, ban };
    });
  },

  /**
   * R11 [D 三(二)4]: a round whose filing deadline has passed without a re-examination is treated as
   * withdrawn: the title is cancelled automatically and a 2-year ban starts the day after the
   * deadline. Idempotent (only rounds still ACTIVE are touched); returns the designations changed.
   */
  async withdrawUnfiled(em: EntityManager, today: string, settings: { filingMonths: number; banYears: number }): Promise<Designation[]> {
    const candidates = await em.find(Designation, { level: DesignationLevel.DEMONSTRATION, status: DesignationStatus.ACTIVE, reexaminedOn: null, validUntil: { $lt: today } });
    const changed: Designation[] = [];
    for (const d of candidates) {
      const deadline = filingDeadline(d.validUntil, settings.filingMonths);
      if (deadline >= today) continue;
      const from = addDays(deadline, 1);
      d.status = DesignationStatus.WITHDRAWN;
      d.endedOn = from;
      if (settings.banYears > 0) em.create(ApplicationBan, { enterprise: d.enterprise.id, designation: d.id, reason: BanReason.NOT_FILED, startsOn: from, endsOn: lastDayOfYears(from, settings.banYears) });
      changed.push(d);
    }
    return changed;
  },
};

