import { Arg, Ctx, Extensions, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { forbidden } from '../../common/errors.js';
import { requireUser } from '../../common/viewer.policy.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { programmeService } from '../programme/programme.service.js';
import { ApplicationBan } from './ban.entity.js';
import { Designation } from './designation.entity.js';
import { reexaminationService } from './reexamination.service.js';
import { runScheduledTransitions } from '../../jobs/scheduled-transitions.js';

@InputType('RecordReexaminationInput', { description: '复核结果（省局）：通过即报国家局备案、称号延续新一轮；不通过即取消称号。' })
export class RecordReexaminationInput {
  @Field(() => ID, { description: '认定的全局 ID（本轮示范企业认定）。' })
  designationId!: string;

  @Field(() => Boolean, { description: '是否通过复核。' })
  passed!: boolean;

  @Extensions({ maxLength: 5_000 })

  @Field(() => String, { description: '复核意见（1–5000 字）。' })
  notes!: string;
}

@ObjectType('RecordReexaminationPayload', { description: 'recordReexamination 的结果。' })
export class RecordReexaminationPayload {
  @Field(() => Designation, { description: '本轮认定（通过：EXPIRED 并由下一轮延续；不通过：CANCELLED）。' })
  designation!: Designation;

  @Field(() => Designation, { nullable: true, description: '通过后的新一轮认定（有效期 3 年）。' })
  successor!: Designation | null;

  @Field(() => ApplicationBan, { nullable: true, description: '不通过时开始的禁止申报期（2 年）。' })
  ban!: ApplicationBan | null;
}

@ObjectType('ScheduledTransitionRun', { description: '定时状态转换的一次运行。' })
export class ScheduledTransitionRun {
  @Field(() => Boolean, { description: '是否由本次运行执行（另一实例正在运行时为 false）。' })
  ran!: boolean;

  @Field(() => Int, { description: '因逾期未备案而视为退出的认定数。' })
  withdrawn!: number;

  @Field(() => Int, { description: '期满且无待处理异议、已自动发布认定的公示数。' })
  noticesConcluded!: number;

  @Field(() => Int, { description: '报名截止后自动分配了名额的须审核培训班次数。' })
  sessionsAllocated!: number;
}

@Resolver()
export class ReexaminationResolver {
  @Query(() => [Designation], {
    description: '待复核的示范企业认定：本轮届满前 90 天起至届满后备案期限止。省局看本辖区；国家局可指定辖区或看全部。',
  })
  async reexaminationsDue(
    @Ctx() ctx: Context,
    @Arg('regionCode', () => RegionCodeScalar, { nullable: true, description: '辖区（省局只能查本辖区）。' }) regionCode?: string | null,
  ): Promise<Designation[]> {
    const v = requireUser(ctx);
    if (v.role === 'PROVINCIAL_ADMIN') {
      if (regionCode && regionCode !== v.regionCode) throw forbidden('只能查看本辖区');
      regionCode = v.regionCode ?? null;
    } else if (v.role !== 'NATIONAL_ADMIN') throw forbidden('无权查看');
    const settings = await programmeService.settings(ctx.em);
    return reexaminationService.due(ctx.em, regionCode ?? null, ctx.clock.today(), settings.filingMonths);
  }

  @Mutation(() => RecordReexaminationPayload, { description: '记录并报备复核结果（省局，R10/R11）。' })
  async recordReexamination(@Ctx() ctx: Context, @Arg('input', () => RecordReexaminationInput, { description: '复核结果。' }) input: RecordReexaminationInput) {
    return Object.assign(new RecordReexaminationPayload(), await reexaminationService.record(ctx, input));
  }

  @Mutation(() => ScheduledTransitionRun, { description: '立即运行定时状态转换（仅国家局；平时由服务器定时运行，幂等）。' })
  async runScheduledTransitions(@Ctx() ctx: Context): Promise<ScheduledTransitionRun> {
    const v = requireUser(ctx);
    if (v.role !== 'NATIONAL_ADMIN') throw forbidden('只有国家局可以手动运行');
    return Object.assign(new ScheduledTransitionRun(), await runScheduledTransitions({ em: ctx.em }, ctx.clock, ctx.requestId));
  }
}
