import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { runScheduledTransitions, type TransitionRun } from '../../jobs/scheduled-transitions.js';
import { designationActions } from './designation.policy.js';

export const transitionsService = {
  /** The scheduled transitions, run now by the national bureau (they also run on a timer; idempotent). */
  async runNow(ctx: Context): Promise<TransitionRun> {
    assertMay(ctx, designationActions.runScheduledTransitions);
    return runScheduledTransitions({ em: ctx.em }, ctx.clock, ctx.requestId);
  },
};
