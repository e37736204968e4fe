import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { Report, ReportSnapshot } from './report.entity.js';
import {
  FreezeReportInput,
  FreezeReportPayload,
  ReportConnection,
  ReportSnapshotConnection,
  SaveReportInput,
  SaveReportPayload,
  UpdateReportInput,
  UpdateReportPayload,
} from './report.inputs.js';
import { checksumOf, reportService } from './report.service.js';
import { resultFrom } from './statistics.shape.js';
import { StatisticsResult } from './statistics.types.js';

@Resolver(() => Report)
export class ReportResolver {
  @Query(() => ReportConnection, { description: '保存的统计报表，最新的在前：国家局看全部，省局看本局的。' })
  async reports(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return ReportConnection.from(await reportService.list(ctx, args));
  }

  @Query(() => ReportSnapshotConnection, { description: '一个报表的各次定稿，新版本在前。' })
  async reportSnapshots(@Ctx() ctx: Context, @Arg('reportId', () => ID, { description: '报表的全局 ID。' }) reportId: string, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return ReportSnapshotConnection.from(await reportService.snapshots(ctx, reportId, args));
  }

  @Mutation(() => SaveReportPayload, { description: '保存统计报表（国家局、省局；属于本局）。' })
  async saveReport(@Ctx() ctx: Context, @Arg('input', () => SaveReportInput, { description: '报表。' }) input: SaveReportInput): Promise<SaveReportPayload> {
    return Object.assign(new SaveReportPayload(), { report: await reportService.save(ctx, input) });
  }

  @Mutation(() => UpdateReportPayload, { description: '修改本局的统计报表；已有的定稿不变。' })
  async updateReport(@Ctx() ctx: Context, @Arg('input', () => UpdateReportInput, { description: '修改。' }) input: UpdateReportInput): Promise<UpdateReportPayload> {
    return Object.assign(new UpdateReportPayload(), { report: await reportService.update(ctx, input) });
  }

  @Mutation(() => FreezeReportPayload, { description: '把本局的统计报表定稿：按现在的数据、本局的可见范围计算，保存为新版本（1、2、……），附数据日期、数据版本和校验和；定稿不能修改。' })
  async freezeReport(@Ctx() ctx: Context, @Arg('input', () => FreezeReportInput, { description: '报表。' }) input: FreezeReportInput): Promise<FreezeReportPayload> {
    return Object.assign(new FreezeReportPayload(), { snapshot: await reportService.freeze(ctx, input) });
  }

  @FieldResolver(() => ReportSnapshot, { nullable: true, description: '最新的定稿；未定稿时为 null。' })
  latestSnapshot(@Root() report: Report, @Ctx() ctx: Context): Promise<ReportSnapshot | null> {
    return ctx.loaders.reporting.latestSnapshot.load(report.id);
  }

  @FieldResolver(() => Int, { description: '定稿的次数。' })
  snapshotCount(@Root() report: Report, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.reporting.snapshotCount.load(report.id);
  }
}

@Resolver(() => ReportSnapshot)
export class ReportSnapshotResolver {
  @FieldResolver(() => Report, { description: '所属报表（现在的名称和查询；定稿时的见本定稿的 name、query）。' })
  async report(@Root() s: ReportSnapshot, @Ctx() ctx: Context): Promise<Report> {
    return (await ctx.loaders.reporting.reportById.load(s.report.id))!;
  }

  @FieldResolver(() => StatisticsResult, { description: '定稿时的统计结果（指标、维度的名称也是定稿时的）。' })
  result(@Root() s: ReportSnapshot): StatisticsResult {
    return resultFrom(s.result);
  }

  @FieldResolver(() => Boolean, { description: '校验和与内容相符（重新计算 SHA-256）。' })
  verified(@Root() s: ReportSnapshot): boolean {
    return checksumOf({ ...s, reportId: s.report.id }) === s.checksum;
  }
}
