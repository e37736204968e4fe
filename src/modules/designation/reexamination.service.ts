import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { badInput, conflict, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId } from '../../common/node.js';
import { ConnectionArgs, filteredQuery, keysetPage } from '../../common/pagination.js';
import { sql, type Sql } from '../../common/sql.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { programmeService } from '../programme/programme.service.js';
import { addDays } from '../programme/working-days.js';
import { ApplicationBan, BanReason } from './ban.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';
import { designationActions, designationVisibility, reexaminationRegionFor } from './designation.policy.js';
import { filingDeadline, lastDayOfYears, REEXAMINATION_OPENS_DAYS_BEFORE, reexaminationDueOn } from './designation.rules.js';
import { transaction } from '../../common/transaction.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const reexaminationService = {
  /**
   * Demonstration rounds due for re-examination today (from 90 days before their end to the filing
   * deadline), soonest end first, as a keyset-paginated connection: a provincial bureau's own
   * jurisdiction, or for the national bureau the one asked for or all.
   */
  async due(ctx: Context, regionCode: string | null | undefined, args: ConnectionArgs) {
    const region = reexaminationRegionFor(ctx, regionCode);
    const today = ctx.clock.today();
    const { filingMonths } = await programmeService.settings(ctx.em);
    const conditions = [
      reexaminationDueOn('d', today, filingMonths),
      region && sql`exists (select 1 from enterprise re where re.id = d.enterprise_id and re.region_code = ${region})`,
      designationVisibility(ctx.viewer, today, 'd'),
    ].filter((c): c is Sql => !!c);
    return keysetPage<Designation>({
      query: filteredQuery(ctx.em, Designation, 'd', conditions),
      args,
      limits: ctx.config,
      orderKey: 'VALID_UNTIL:ASC',
      ascending: true,
      column: 'd.valid_until',
      idColumn: 'd.id',
      cast: 'date',
      property: 'validUntil',
      value: (d) => d.validUntil,
      valueOk: (v) => typeof v === 'string' && DATE.test(v),
    });
  },

  /**
   * The provincial admin of the jurisdiction records and files the re-examination [D 三(二)4]:
   * failed (R10) → the title is cancelled and a 2-year ban starts; passed → filed with the national
   * bureau, and a new 3-year round continues the title. Only within the window: from 90 days before
   * the end to `filingMonths` after it (R11).
   */
  async record(ctx: Context, input: { designationId: string; passed: boolean; notes: string }) {
    assertMay(ctx, designationActions.recordReexamination);
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
      // Another jurisdiction's bureau does not see the round.
      if (!may(ctx.viewer, designationActions.recordReexamination, { regionCode: region })) throw notFound('认定', input.designationId);
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

