import { Arg, Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { AnnualSummary, CultivationPlan } from './provincial.entity.js';
import {
  AcceptAnnualSummaryInput,
  AcceptAnnualSummaryPayload,
  AnnualSummaryConnection,
  AnnualSummaryFilter,
  AnnualSummaryOverview,
  AnnualSummaryOverviewRow,
  CultivationPlanConnection,
  CultivationPlanFilter,
  DraftCultivationPlanInput,
  DraftCultivationPlanPayload,
  PublishCultivationPlanInput,
  PublishCultivationPlanPayload,
  ReturnAnnualSummaryInput,
  ReturnAnnualSummaryPayload,
  StartAnnualSummaryInput,
  StartAnnualSummaryPayload,
  SubmitAnnualSummaryInput,
  SubmitAnnualSummaryPayload,
  UpdateAnnualSummaryInput,
  UpdateAnnualSummaryPayload,
  UpdateCultivationPlanInput,
  UpdateCultivationPlanPayload,
} from './provincial.inputs.js';
import { planService } from './plan.service.js';
import { summaryService } from './summary.service.js';

@Resolver(() => CultivationPlan)
export class CultivationPlanResolver {
  @Query(() => CultivationPlanConnection, { description: '省局的培育工作总体方案（各修订），最新的在前：国家局看全部，省局看本局的。' })
  async cultivationPlans(
    @Ctx() ctx: Context,
    @Arg('filter', () => CultivationPlanFilter, { nullable: true, description: '筛选。' }) filter: CultivationPlanFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return CultivationPlanConnection.from(await planService.list(ctx, filter, args));
  }

  @Mutation(() => DraftCultivationPlanPayload, { description: '省局起草本区域某一方案期的培育工作总体方案（或其新修订）（D 三(三)1、五(一)）。' })
  async draftCultivationPlan(@Ctx() ctx: Context, @Arg('input', () => DraftCultivationPlanInput, { description: '方案期和内容。' }) input: DraftCultivationPlanInput): Promise<DraftCultivationPlanPayload> {
    return Object.assign(new DraftCultivationPlanPayload(), { plan: await planService.draft(ctx, input) });
  }

  @Mutation(() => UpdateCultivationPlanPayload, { description: '修改方案草稿。' })
  async updateCultivationPlan(@Ctx() ctx: Context, @Arg('input', () => UpdateCultivationPlanInput, { description: '修改。' }) input: UpdateCultivationPlanInput): Promise<UpdateCultivationPlanPayload> {
    return Object.assign(new UpdateCultivationPlanPayload(), { plan: await planService.update(ctx, input) });
  }

  @Mutation(() => PublishCultivationPlanPayload, { description: '发布方案草稿：成为该方案期的现行方案，原现行修订留作历史。' })
  async publishCultivationPlan(@Ctx() ctx: Context, @Arg('input', () => PublishCultivationPlanInput, { description: '草稿。' }) input: PublishCultivationPlanInput): Promise<PublishCultivationPlanPayload> {
    return Object.assign(new PublishCultivationPlanPayload(), { plan: await planService.publish(ctx, input) });
  }
}

@Resolver(() => AnnualSummary)
export class AnnualSummaryResolver {
  @Query(() => AnnualSummaryConnection, { description: '省局的示范企业培育工作年度总结（R15），最新的在前：国家局看全部，省局看本局的。' })
  async annualSummaries(
    @Ctx() ctx: Context,
    @Arg('filter', () => AnnualSummaryFilter, { nullable: true, description: '筛选。' }) filter: AnnualSummaryFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return AnnualSummaryConnection.from(await summaryService.list(ctx, filter, args));
  }

  @Query(() => AnnualSummaryOverview, { description: '某年各省局年度总结的进度（R15：11 月 30 日前报送）：国家局看 37 个省局，省局看本局；过了截止日仍未报送的标为逾期。' })
  async annualSummaryOverview(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<AnnualSummaryOverview> {
    const o = await summaryService.overview(ctx, year);
    return Object.assign(new AnnualSummaryOverview(), { ...o, bureaus: o.bureaus.map((b) => Object.assign(new AnnualSummaryOverviewRow(), b)) });
  }

  @Mutation(() => StartAnnualSummaryPayload, { description: '省局开始编写本局某年的年度总结：本辖区当年的统计数字自动预填（R15）。' })
  async startAnnualSummary(@Ctx() ctx: Context, @Arg('input', () => StartAnnualSummaryInput, { description: '年度。' }) input: StartAnnualSummaryInput): Promise<StartAnnualSummaryPayload> {
    return Object.assign(new StartAnnualSummaryPayload(), { summary: await summaryService.start(ctx, input) });
  }

  @Mutation(() => UpdateAnnualSummaryPayload, { description: '修改年度总结（草稿或被退回的）；可按现在的数据刷新统计数字。已接收的不能改（R15）。' })
  async updateAnnualSummary(@Ctx() ctx: Context, @Arg('input', () => UpdateAnnualSummaryInput, { description: '修改。' }) input: UpdateAnnualSummaryInput): Promise<UpdateAnnualSummaryPayload> {
    return Object.assign(new UpdateAnnualSummaryPayload(), { summary: await summaryService.update(ctx, input) });
  }

  @Mutation(() => SubmitAnnualSummaryPayload, { description: '把年度总结报送国家局（R15：当年 11 月 30 日前；首次报送晚于此日标为逾期）。' })
  async submitAnnualSummary(@Ctx() ctx: Context, @Arg('input', () => SubmitAnnualSummaryInput, { description: '年度总结。' }) input: SubmitAnnualSummaryInput): Promise<SubmitAnnualSummaryPayload> {
    return Object.assign(new SubmitAnnualSummaryPayload(), { summary: await summaryService.submit(ctx, input) });
  }

  @Mutation(() => AcceptAnnualSummaryPayload, { description: '国家局接收年度总结：之后锁定，不能再改。' })
  async acceptAnnualSummary(@Ctx() ctx: Context, @Arg('input', () => AcceptAnnualSummaryInput, { description: '年度总结。' }) input: AcceptAnnualSummaryInput): Promise<AcceptAnnualSummaryPayload> {
    return Object.assign(new AcceptAnnualSummaryPayload(), { summary: await summaryService.accept(ctx, input) });
  }

  @Mutation(() => ReturnAnnualSummaryPayload, { description: '国家局退回年度总结，附理由；省局修改后重新报送。' })
  async returnAnnualSummary(@Ctx() ctx: Context, @Arg('input', () => ReturnAnnualSummaryInput, { description: '年度总结和理由。' }) input: ReturnAnnualSummaryInput): Promise<ReturnAnnualSummaryPayload> {
    return Object.assign(new ReturnAnnualSummaryPayload(), { summary: await summaryService.returnToBureau(ctx, input) });
  }
}
