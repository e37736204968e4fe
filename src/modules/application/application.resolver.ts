import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { Transition } from '../audit/history.js';
import { ApplicationWindow } from './application-window.entity.js';
import { ApplicationRoute, DemonstrationApplication } from './application.entity.js';
import {
  DemonstrationEligibility,
  SaveDemonstrationApplicationInput,
  SaveDemonstrationApplicationPayload,
  SetApplicationWindowInput,
  SetApplicationWindowPayload,
  SubmitDemonstrationApplicationInput,
  SubmitDemonstrationApplicationPayload,
} from './application.inputs.js';
import { applicationService } from './application.service.js';

@Resolver(() => DemonstrationApplication)
export class ApplicationResolver {
  @Query(() => ApplicationWindow, { nullable: true, description: '某年度的申报受理期（公开）；尚未发布为 null。' })
  applicationWindow(@Ctx() ctx: Context, @Arg('year', () => Int, { description: '年度。' }) year: number): Promise<ApplicationWindow | null> {
    return applicationService.window(ctx, year);
  }

  @Mutation(() => SetApplicationWindowPayload, { description: '设置某年度的申报受理期（仅国家局；截止日默认 7 月 31 日）。' })
  async setApplicationWindow(@Ctx() ctx: Context, @Arg('input', () => SetApplicationWindowInput, { description: '受理期。' }) input: SetApplicationWindowInput): Promise<SetApplicationWindowPayload> {
    return Object.assign(new SetApplicationWindowPayload(), { window: await applicationService.setWindow(ctx, input) });
  }

  @Query(() => DemonstrationEligibility, {
    description: '某企业在某日（默认今日）是否满足示范企业申报条件，列出每一项未满足的条件及其规则代码和条款。国家局、本辖区省局和本企业可查。',
  })
  async demonstrationEligibility(
    @Ctx() ctx: Context,
    @Arg('enterpriseId', () => ID, { description: '企业的全局 ID。' }) enterpriseId: string,
    @Arg('asOf', () => DateScalar, { nullable: true, description: '日期；不填为今日。' }) asOf?: string | null,
    @Arg('route', () => ApplicationRoute, { nullable: true, description: '按哪种途径检查；不填取该年度申报的途径，无申报则为省局推荐。' }) route?: ApplicationRoute | null,
  ): Promise<DemonstrationEligibility> {
    return Object.assign(new DemonstrationEligibility(), await applicationService.eligibility(ctx, enterpriseId, asOf, route));
  }

  @Mutation(() => SaveDemonstrationApplicationPayload, { description: '保存示范企业申报草稿（企业用户，本企业）。' })
  async saveDemonstrationApplication(
    @Ctx() ctx: Context,
    @Arg('input', () => SaveDemonstrationApplicationInput, { description: '申报内容。' }) input: SaveDemonstrationApplicationInput,
  ): Promise<SaveDemonstrationApplicationPayload> {
    return Object.assign(new SaveDemonstrationApplicationPayload(), { application: await applicationService.save(ctx, input) });
  }

  @Mutation(() => SubmitDemonstrationApplicationPayload, {
    description: '提交申报：受理期外为 RULE_VIOLATION R4；不满足条件时为 RULE_VIOLATION，extensions.unmet 列出全部未满足的条件（与 demonstrationEligibility 相同）。',
  })
  async submitDemonstrationApplication(
    @Ctx() ctx: Context,
    @Arg('input', () => SubmitDemonstrationApplicationInput, { description: '申报与版本号。' }) input: SubmitDemonstrationApplicationInput,
  ): Promise<SubmitDemonstrationApplicationPayload> {
    return Object.assign(new SubmitDemonstrationApplicationPayload(), { application: await applicationService.submit(ctx, input.id, input.version) });
  }

  @FieldResolver(() => [StoredFile], { description: '附件（按添加顺序，最多 30 个）。' })
  attachments(@Root() a: DemonstrationApplication, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return applicationService.attachmentsOf(ctx, a);
  }

  @FieldResolver(() => [Transition], { description: '全部状态变化：保存、提交、省局审核、国家局评审、公示、异议、认定……（操作者、时间、理由）。' })
  history(@Root() a: DemonstrationApplication, @Ctx() ctx: Context): Promise<Transition[]> {
    return ctx.loaders.audit.historyByObject.load(`DemonstrationApplication:${a.id}`);
  }

  @FieldResolver(() => Enterprise, { description: '申报企业。' })
  async enterprise(@Root() a: DemonstrationApplication, @Ctx() ctx: Context): Promise<Enterprise> {
    return (await ctx.loaders.enterprise.visibleById.load(a.enterprise.id))!;
  }
}

@Resolver(() => Enterprise)
export class EnterpriseApplicationsResolver {
  @FieldResolver(() => [DemonstrationApplication], {
    nullable: true,
    description: '示范企业申报，最新年度在前（每年至多一份）：国家局、本辖区省局和本企业可见，其他人为 null。',
  })
  demonstrationApplications(@Root() e: Enterprise, @Ctx() ctx: Context): Promise<DemonstrationApplication[] | null> {
    return applicationService.applicationsOf(ctx, e);
  }
}
