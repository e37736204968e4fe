import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay, may } from '../../common/policy.js';
import { conflict, InputProblems, notFound, ruleViolation } from '../../common/errors.js';
import { expectGlobalId, toGlobalId } from '../../common/node.js';
import { ConnectionArgs, filteredQuery, keysetPage } from '../../common/pagination.js';
import { sql, type Sql } from '../../common/sql.js';
import { recordAudit } from '../audit/audit.service.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { programmeService } from '../programme/programme.service.js';
import { addDays } from '../programme/working-days.js';
import { ApplicationBan, BanReason } from './ban.entity.js';
import { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';
import { designationActions, designationVisibility, reexaminationRegionFor } from './designation.policy.js';
import { filingDeadline, lastDayOfYears, REEXAMINATION_OPENS_DAYS_BEFORE, reexaminationDueOn, incidentsWithin, bansInForce } from './designation.rules.js';
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
  async record(ctx: Context, input: { designationId: string; passed: boolean; notes: string; scoreA: number; scoreB: number }) {
    assertMay(ctx, designationActions.recordReexamination);
    const id = expectGlobalId(input.designationId, 'Designation', 'designationId');
    const notes = input.notes.trim();
    const problems = new InputProblems();
    if (notes.length < 1 || notes.length > 5000) problems.add('notes', '应为 1–5000 字');
    for (const field of ['scoreA', 'scoreB'] as const) if (!Number.isFinite(input[field]) || input[field] < 0 || input[field] > 100) problems.add(field, '应在 0 到 100 之间');
    problems.throwIfAny();
    const today = ctx.clock.today();
    const settings = await programmeService.settings(ctx.em);
    return transaction(ctx.em, async (em) => {
      const d = await em.findOne(Designation, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
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
      // The re-examination checks that the enterprise still meets the conditions [D 三(二)4]: the
      // scores (R1) and no incident within the look-back (R12); a pass is refused otherwise.
      const incidents = await incidentsWithin(em, [d.enterprise.id], today, settings.revocationLookbackYears);
      if (input.passed) {
        if (input.scoreA < settings.scoreThresholdA || input.scoreB < settings.scoreThresholdB) {
          throw ruleViolation('R1', `复核得分未达标：A 表 ${input.scoreA}（要求 ≥ ${settings.scoreThresholdA}），B 表 ${input.scoreB}（要求 ≥ ${settings.scoreThresholdB}），只能记为不通过`, {
            paragraph: '三(一)2、三(二)4',
            scoreThresholdA: settings.scoreThresholdA,
            scoreThresholdB: settings.scoreThresholdB,
          });
        }
        const bans = await bansInForce(em, [d.enterprise.id], today);
        if (bans.length) {
          throw ruleViolation('R13', `处于禁止申报期（至 ${bans[0]!.endsOn}），复核只能记为不通过`, { paragraph: '三(二)4、三(四)', endsOn: bans[0]!.endsOn });
        }
        if (incidents.length) {
          throw ruleViolation('R12', `近 ${settings.revocationLookbackYears} 年内有 ${incidents.length} 项违规情形（最近一项 ${incidents[0]!.occurredOn}），复核只能记为不通过`, {
            paragraph: '三(四)、三(二)4',
            incidentIds: incidents.map((i) => toGlobalId('RevocationIncident', i.id)),
          });
        }
      }
      d.reexaminedOn = today;
      d.reexaminationPassed = input.passed;
      d.reexaminationNotes = notes;
      d.reexaminationScoreA = input.scoreA;
      d.reexaminationScoreB = input.scoreB;
      d.reexaminationIncidentIds = incidents.map((i) => i.id);
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
          reexaminationScores: { before: null, after: { a: input.scoreA, b: input.scoreB } },
          reexaminationIncidents: { before: null, after: incidents.map((i) => i.id) },
          ...(successor ? { successor: { before: null, after: `${successor.validFrom}–${successor.validUntil}` } } : {}),
          ...(ban ? { ban: { before: null, after: `${ban.startsOn}–${ban.endsOn}` } } : {}),
        },
      });
      // The new round's own history starts with the re-examination that created it.
      if (successor) {
        recordAudit(em, ctx, {
          operation: 'recordReexamination',
          objectType: 'Designation',
          objectId: successor.id,
          jurisdiction: region,
          changes: { status: { before: null, after: DesignationStatus.ACTIVE }, validity: { before: null, after: `${successor.validFrom}–${successor.validUntil}` }, predecessor: { before: null, after: d.id } },
        });
      }
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

