import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { RunScheduledTransitionsPayload } from '../designation/reexamination.inputs.js';
import { AdvanceProgrammeClockInput, AdvanceProgrammeClockPayload, ProgrammeClock } from './clock.types.js';
import { clockService } from './clock.service.js';

@Resolver()
export class ProgrammeClockResolver {
  @Query(() => ProgrammeClock, { description: '培育工作的当前日期，以及是否为演练时钟（公开；演练服务器的前端据此显示横幅）。' })
  programmeClock(@Ctx() ctx: Context): ProgrammeClock {
    return Object.assign(new ProgrammeClock(), clockService.view(ctx));
  }

  @Mutation(() => AdvanceProgrammeClockPayload, {
    description:
      '将演练时钟向前拨动若干天（仅国家局；只在以 CLOCK_TODAY/CLOCK_OFFSET_DAYS 启动的非生产服务器上可用，否则为 RULE_VIOLATION NOT_REHEARSAL）。只能向前，拨动后所有实例在 10 秒内跟随；可选择随即运行定时状态转换。',
  })
  async advanceProgrammeClock(
    @Ctx() ctx: Context,
    @Arg('input', () => AdvanceProgrammeClockInput, { description: '拨动的天数。' }) input: AdvanceProgrammeClockInput,
  ): Promise<AdvanceProgrammeClockPayload> {
    const result = await clockService.advance(ctx, input);
    return Object.assign(new AdvanceProgrammeClockPayload(), {
      previousDate: result.previousDate,
      clock: Object.assign(new ProgrammeClock(), result.clock),
      transitions: result.transitions ? Object.assign(new RunScheduledTransitionsPayload(), result.transitions) : null,
    });
  }
}
