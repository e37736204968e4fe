/**
 * The protection cases' clocks beyond one case (R20, docs/overseas.md): the deadline targets the
 * national bureau sets per channel, type and urgency, and the checkpoint of every open case of an
 * office when its calendar changes (a workstation's, or China's official one for the centres).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { requireUser } from '../../common/viewer.policy.js';
import { conflict, flushOrConflict, InputProblems } from '../../common/errors.js';
import { transaction } from '../../common/transaction.js';
import { query, run, sql } from '../../common/sql.js';
import { recordAudit } from '../audit/audit.service.js';
import type { BusinessCalendar } from './sla.js';
import { CaseChannel, CaseEventKind, ProtectionCase, ProtectionCaseDeadline, CaseType, CaseUrgency } from './case.entity.js';
import { ProtectionCaseTarget } from './case-parts.entity.js';
import type { SetCaseDeadlineTargetInput } from './case.inputs.js';
import { CaseDeadlineTargetRow } from './case.inputs.js';
import { overseasActions } from './overseas.policy.js';
import { chinaCalendar, checkpoint, DEFAULT_TARGET_HOURS, schedule } from './case.rules.js';
import { onWorkingDayCalendarChange } from '../programme/programme.service.js';
import { event } from './case.common.js';

/** The targets of a kind of case: the national bureau's, else the defaults (in minutes). */
export async function targetsOf(em: EntityManager, channel: CaseChannel, type: CaseType, urgency: CaseUrgency): Promise<{ row: ProtectionCaseTarget | null; minutes: [number, number, number] }> {
  const row = await em.findOne(ProtectionCaseTarget, { channel, type, urgency });
  const minutes: [number, number, number] = row ? [row.firstResponseMinutes, row.feedbackMinutes, row.resolutionMinutes] : (DEFAULT_TARGET_HOURS[urgency].map((h) => h * 60) as [number, number, number]);
  return { row, minutes };
}

export const caseClockService = {
  /**
   * (Inside the transaction that changes it.) A handling office's calendar changed at `at`: every
   * open case it handles keeps the business time used on `old` and runs the rest on `next`.
   * `handler`: the office, or null for every centre (China's official calendar changed).
   */
  async calendarChanged(em: EntityManager, ctx: Pick<Context, 'clock' | 'viewer'>, handler: { id: string } | null, old: BusinessCalendar, next: BusinessCalendar): Promise<number> {
    const where = handler ? sql`pc.handler_id = ${handler.id}::uuid` : sql`pc.channel = ${CaseChannel.DOMESTIC}`;
    const rows = await query<{ id: string }>(em, sql`select pc.id from protection_case pc where ${where} and pc.status <> 'CLOSED' order by pc.id for update of pc`);
    if (!rows.length) return 0;
    const now = ctx.clock.now();
    // Read past the identity map: the checkpoint is written below without touching the cases'
    // versions (a calendar change is not an edit of the case; a reader's advance still applies).
    const cases = await em.find(ProtectionCase, { id: { $in: rows.map((r) => r.id) } }, { disableIdentityMap: true });
    const deadlines = await em.find(ProtectionCaseDeadline, { protectionCase: { $in: cases.map((c) => c.id) } }, { refresh: true });
    let moved = 0;
    for (const c of cases) {
      checkpoint(c, old, now);
      await run(em, sql`update protection_case set used_ms = ${c.usedMs}, clock_since = ${c.clockSince.toISOString()}::timestamptz where id = ${c.id}::uuid`);
      if (schedule(c, deadlines.filter((d) => d.protectionCase.id === c.id), next)) {
        moved++;
        event(em, ctx, c, CaseEventKind.DEADLINES_MOVED, { detached: true, side: 'SYSTEM', body: '受理单位的工作日历变更：已用的工作时间保留，余下的按新日历计' });
      }
    }
    await em.flush();
    return moved;
  },

  async setTarget(ctx: Context, input: SetCaseDeadlineTargetInput): Promise<CaseDeadlineTargetRow> {
    requireUser(ctx);
    assertMay(ctx, overseasActions.reassignCase);
    const hours = [input.firstResponseHours, input.feedbackHours, input.resolutionHours];
    const reset = hours.every((h) => h == null);
    const problems = new InputProblems();
    if (!reset) {
      (['firstResponseHours', 'feedbackHours', 'resolutionHours'] as const).forEach((f, i) => {
        const h = hours[i];
        if (h == null || !(h >= 0.25) || h > 10_000) problems.add(f, '应为 0.25–10000 工作小时');
      });
      if (problems.problems.length === 0 && !(hours[0]! <= hours[1]! && hours[1]! <= hours[2]!)) problems.add('feedbackHours', '应满足 首次响应 ≤ 信息反馈 ≤ 结案');
    }
    problems.throwIfAny();
    return transaction(ctx.em, async (em) => {
      const key = { channel: input.channel, type: input.type, urgency: input.urgency };
      const existing = await em.findOne(ProtectionCaseTarget, key);
      const before = existing ? [existing.firstResponseMinutes, existing.feedbackMinutes, existing.resolutionMinutes] : null;
      if (reset) {
        if (existing) em.remove(existing);
      } else {
        const [firstResponseMinutes, feedbackMinutes, resolutionMinutes] = hours.map((h) => Math.round(h! * 60)) as [number, number, number];
        if (existing) Object.assign(existing, { firstResponseMinutes, feedbackMinutes, resolutionMinutes });
        else em.create(ProtectionCaseTarget, { ...key, firstResponseMinutes, feedbackMinutes, resolutionMinutes });
      }
      recordAudit(em, ctx, { operation: 'setCaseDeadlineTarget', objectType: 'ProtectionCaseTarget', objectId: `${input.channel}:${input.type}:${input.urgency}`, jurisdiction: null, changes: { minutes: { before, after: reset ? null : hours.map((h) => Math.round(h! * 60)) } } });
      await flushOrConflict(em, { duplicate: () => conflict('时限目标已被同时修改，请重试') });
      return (await this.targets(ctx, em, input.channel)).find((t) => t.type === input.type && t.urgency === input.urgency)!;
    });
  },

  /** The effective targets of a channel's kinds of case. */
  async targets(ctx: Context, em: EntityManager, channel: CaseChannel | null | undefined): Promise<CaseDeadlineTargetRow[]> {
    const rows = await em.find(ProtectionCaseTarget, channel ? { channel } : {});
    const out: CaseDeadlineTargetRow[] = [];
    for (const ch of channel ? [channel] : Object.values(CaseChannel)) {
      for (const type of Object.values(CaseType)) {
        for (const urgency of Object.values(CaseUrgency)) {
          const row = rows.find((r) => r.channel === ch && r.type === type && r.urgency === urgency);
          const minutes = row ? [row.firstResponseMinutes, row.feedbackMinutes, row.resolutionMinutes] : DEFAULT_TARGET_HOURS[urgency].map((h) => h * 60);
          out.push(Object.assign(new CaseDeadlineTargetRow(), { channel: ch, type, urgency, firstResponseHours: minutes[0]! / 60, feedbackHours: minutes[1]! / 60, resolutionHours: minutes[2]! / 60, isDefault: !row }));
        }
      }
    }
    return out;
  },

};

// The assistance centres work on China's official calendar: a change to it moves their open deadlines.
onWorkingDayCalendarChange(async (em, ctx) => {
  const old = await chinaCalendar(em);
  return async () => {
    await caseClockService.calendarChanged(em, ctx, null, old, await chinaCalendar(em));
  };
});
