import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { IndustryAnalysisReport } from './industry-report.entity.js';
import {
  DraftIndustryReportInput,
  DraftIndustryReportPayload,
  IndustryAnalysisReportConnection,
  IndustryReportFilter,
  PublishIndustryReportInput,
  PublishIndustryReportPayload,
  UpdateIndustryReportInput,
  UpdateIndustryReportPayload,
} from './industry-report.inputs.js';
import { industryReportService } from './industry-report.service.js';

@Resolver(() => IndustryAnalysisReport)
export class IndustryAnalysisReportResolver {
  @Query(() => IndustryAnalysisReportConnection, { description: '行业专利分析报告（D 四(三)三），新撰写的在前：公众只见已发布的（公开目录）；发布者、其所在辖区省局和国家局另见草稿和撤回的。' })
  async industryAnalysisReports(
    @Ctx() ctx: Context,
    @Arg('filter', () => IndustryReportFilter, { nullable: true, description: '筛选。' }) filter: IndustryReportFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
  ) {
    return IndustryAnalysisReportConnection.from(await industryReportService.list(ctx, filter, args));
  }

  @Mutation(() => DraftIndustryReportPayload, { description: '撰写一份行业专利分析报告（草稿）。' })
  async draftIndustryReport(@Ctx() ctx: Context, @Arg('input', () => DraftIndustryReportInput, { description: '报告。' }) input: DraftIndustryReportInput): Promise<DraftIndustryReportPayload> {
    return Object.assign(new DraftIndustryReportPayload(), { report: await industryReportService.draft(ctx, input) });
  }

  @Mutation(() => UpdateIndustryReportPayload, { description: '修改行业分析报告的草稿。' })
  async updateIndustryReport(@Ctx() ctx: Context, @Arg('input', () => UpdateIndustryReportInput, { description: '修改。' }) input: UpdateIndustryReportInput): Promise<UpdateIndustryReportPayload> {
    return Object.assign(new UpdateIndustryReportPayload(), { report: await industryReportService.update(ctx, input) });
  }

  @Mutation(() => PublishIndustryReportPayload, { description: '发布行业分析报告（进入公开目录），或撤回已发布的（附理由）。' })
  async publishIndustryReport(@Ctx() ctx: Context, @Arg('input', () => PublishIndustryReportInput, { description: '发布或撤回。' }) input: PublishIndustryReportInput): Promise<PublishIndustryReportPayload> {
    return Object.assign(new PublishIndustryReportPayload(), { report: await industryReportService.publish(ctx, input) });
  }

  @FieldResolver(() => String, { description: '发布者名称（企业或服务机构）。' })
  async publisherName(@Root() r: IndustryAnalysisReport, @Ctx() ctx: Context): Promise<string> {
    if (r.enterprise) return (await ctx.loaders.service.enterpriseFacts.load(r.enterprise.id))?.name ?? '';
    return (await ctx.loaders.organization.byId.load(r.organization!.id))?.name ?? '';
  }

  @FieldResolver(() => String, { description: '行业名称。' })
  industryName(@Root() r: IndustryAnalysisReport, @Ctx() ctx: Context): string {
    return ctx.reference.industry(r.industryCode)?.name ?? r.industryCode;
  }

  @FieldResolver(() => [StoredFile], { description: '附件（按文件的可见范围：已发布的登录即可读）。' })
  async attachments(@Root() r: IndustryAnalysisReport, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return (await ctx.loaders.file.visibleById.loadMany(r.attachmentIds)).filter((f): f is StoredFile => f instanceof StoredFile);
  }
}
