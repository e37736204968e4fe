/**
 * The programme's clock as the API shows it, and the rehearsal clock's one move: forward
 * (src/common/rehearsal-clock.ts; docs/operations.md, "Rehearsal clock").
 */
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { badInput, conflict, ruleViolation } from '../../common/errors.js';
import { requestClock } from '../../common/clock.js';
import { transaction } from '../../common/transaction.js';
import { recordAudit } from '../audit/audit.service.js';
import { runScheduledTransitions, type TransitionRun } from '../../jobs/scheduled-transitions.js';
import { designationActions } from '../designation/designation.policy.js';
import { programmeActions } from './programme.policy.js';

export const MAX_ADVANCE_DAYS = 400;

export interface ProgrammeClockView {
  today: string;
  rehearsal: boolean;
  offsetDays: number;
}

export const clockService = {
  /** The request's programme date (public). */
  view(ctx: Context): ProgrammeClockView {
    const rehearsal = ctx.clock.rehearsal;
    return { today: ctx.clock.today(), rehearsal: rehearsal !== undefined, offsetDays: rehearsal?.offsetDays ?? 0 };
  },

  /**
   * Moves the rehearsal clock forward by `days` (national admin, rehearsal servers only), stored so
   * that every instance and a restart keep it; audited. With `runTransitions`, the scheduled
   * transitions then run on the new date in a transaction of their own: should they fail, the clock
   * has moved all the same (run runScheduledTransitions again).
   */
  async advance(ctx: Context, input: { days: number; runTransitions?: boolean | null }): Promise<{ previousDate: string; clock: ProgrammeClockView; transitions: TransitionRun | null }> {
    assertMay(ctx, programmeActions.advanceClock);
    if (input.runTransitions) assertMay(ctx, designationActions.runScheduledTransitions);
    const rehearsal = ctx.clock.rehearsal;
    if (!rehearsal || ctx.config.nodeEnv === 'production') {
      throw ruleViolation('NOT_REHEARSAL', '本服务器运行的是真实日期，不能拨动时钟：只有以 CLOCK_TODAY 或 CLOCK_OFFSET_DAYS 启动的演练服务器（非生产环境）可以拨动');
    }
    if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_ADVANCE_DAYS) {
      throw badInput([{ field: 'days', message: `应在 1 到 ${MAX_ADVANCE_DAYS} 之间（演练时钟只能向前拨动）` }]);
    }
    const previousDate = ctx.clock.today();
    await transaction(ctx.em, async (em) => {
      const stored = await rehearsal.advanceStored(em, input.days);
      if (!stored) {
        throw conflict(`数据库中的演练时钟已不是本服务器的设置（${rehearsal.anchor}）：另一实例以不同设置或未设置演练时钟启动过，请以相同的 CLOCK_TODAY/CLOCK_OFFSET_DAYS 重启全部实例`);
      }
      const before = rehearsal.todayWith(stored.before.offsetDays);
      const after = rehearsal.todayWith(stored.after.offsetDays);
      recordAudit(em, ctx, {
        operation: 'advanceProgrammeClock',
        objectType: 'ProgrammeClock',
        objectId: rehearsal.anchor,
        jurisdiction: null,
        changes: { programmeDate: { before, after }, offsetDays: { before: stored.before.offsetDays, after: stored.after.offsetDays } },
      });
      await em.flush();
    });
    // Committed: this instance follows now (afterCommit); a fresh request clock reads the new date.
    const clock = requestClock(rehearsal);
    const transitions = input.runTransitions ? await runScheduledTransitions({ em: ctx.em }, clock, ctx.requestId) : null;
    return { previousDate, clock: { today: clock.today(), rehearsal: true, offsetDays: rehearsal.offsetDays }, transitions };
  },
};
