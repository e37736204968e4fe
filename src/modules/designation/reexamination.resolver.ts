import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { DesignationConnection, RecordReexaminationInput, RecordReexaminationPayload, RunScheduledTransitionsPayload } from './reexamination.inputs.js';
import { reexaminationService } from './reexamination.service.js';
import { transitionsService } from './transitions.service.js';

@Resolver()
export class ReexaminationResolver {
  @Query(() => DesignationConnection, {
    description:
      '待复核的示范企业认定，本轮届满日早的在前（Relay 连接）：本轮届满前 90 天起至届满后备案期限止。省局看本辖区；国家局可指定辖区或看全部。',
  })
  async reexaminationsDue(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('regionCode', () => RegionCodeScalar, { nullable: true, description: '辖区（省局只能查本辖区；不填：省局为本辖区，国家局为全部）。' }) regionCode?: string | null,
  ) {
    return DesignationConnection.from(await reexaminationService.due(ctx, regionCode, args));
  }

  @Mutation(() => RecordReexaminationPayload, { description: '记录并报备复核结果（省局，R10/R11）。' })
  async recordReexamination(@Ctx() ctx: Context, @Arg('input', () => RecordReexaminationInput, { description: '复核结果。' }) input: RecordReexaminationInput): Promise<RecordReexaminationPayload> {
    return Object.assign(new RecordReexaminationPayload(), await reexaminationService.record(ctx, input));
  }

  @Mutation(() => RunScheduledTransitionsPayload, { description: '立即运行定时状态转换（仅国家局；平时由服务器定时运行，幂等）。' })
  async runScheduledTransitions(@Ctx() ctx: Context): Promise<RunScheduledTransitionsPayload> {
    return Object.assign(new RunScheduledTransitionsPayload(), await transitionsService.runNow(ctx));
  }
}
