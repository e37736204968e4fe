import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { StoredFile } from '../file/stored-file.entity.js';
import { WorkReport, WorkReportPeriod } from './work-report.entity.js';
import {
  MissingWorkReportConnection,
  MissingWorkReportFilter,
  SaveWorkReportInput,
  SaveWorkReportPayload,
  SubmitWorkReportInput,
  SubmitWorkReportPayload,
  WorkReportConnection,
  WorkReportFilter,
} from './report.inputs.js';
import { reportService } from './report.service.js';
import { enterpriseOfRecord } from './liaison.resolver.js';

@Resolver(() => WorkReport)
export class WorkReportResolver {
  @Query(() => WorkReportConnection, { description: '工作信息报送（新的在前）：企业看本企业的（含草稿），省局看本辖区已报送的，国家局看全部已报送的。' })
  async workReports(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => WorkReportFilter, { nullable: true, description: '筛选条件。' }) filter?: WorkReportFilter | null,
  ) {
    return WorkReportConnection.from(await reportService.list(ctx, filter, args));
  }

  @Query(() => MissingWorkReportConnection, { description: '某季度尚未报送工作信息的示范企业（R16），按名称排序：省局本辖区，国家局全部（可按辖区筛选）。' })
  async missingWorkReports(
    @Ctx() ctx: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('year', () => Int, { description: '年度。' }) year: number,
    @Arg('period', () => WorkReportPeriod, { description: '季度（已开始的）。' }) period: WorkReportPeriod,
    @Arg('filter', () => MissingWorkReportFilter, { nullable: true, description: '筛选条件。' }) filter?: MissingWorkReportFilter | null,
  ) {
    return MissingWorkReportConnection.from(await reportService.missing(ctx, year, period, filter, args));
  }

  @Mutation(() => SaveWorkReportPayload, { description: '保存本企业某季度的工作信息草稿（示范企业，R16）；只修改给出的字段。' })
  async saveWorkReport(@Ctx() ctx: Context, @Arg('input', () => SaveWorkReportInput, { description: '工作信息。' }) input: SaveWorkReportInput): Promise<SaveWorkReportPayload> {
    return Object.assign(new SaveWorkReportPayload(), { report: await reportService.save(ctx, input) });
  }

  @Mutation(() => SubmitWorkReportPayload, { description: '报送工作信息草稿：此后所在辖区省局和国家局可见，不能再修改。' })
  async submitWorkReport(@Ctx() ctx: Context, @Arg('input', () => SubmitWorkReportInput, { description: '报送。' }) input: SubmitWorkReportInput): Promise<SubmitWorkReportPayload> {
    return Object.assign(new SubmitWorkReportPayload(), { report: await reportService.submit(ctx, input) });
  }

  @FieldResolver(() => Enterprise, { description: '报送的企业。' })
  enterprise(@Root() r: WorkReport, @Ctx() ctx: Context): Promise<Enterprise> {
    return enterpriseOfRecord(ctx, r);
  }

  @FieldResolver(() => [StoredFile], { description: '附件（至多 30 个）。' })
  async attachments(@Root() r: WorkReport, @Ctx() ctx: Context): Promise<StoredFile[]> {
    return (await ctx.loaders.file.visibleById.loadMany([...r.attachmentIds])).filter((f): f is StoredFile => f instanceof StoredFile);
  }
}
