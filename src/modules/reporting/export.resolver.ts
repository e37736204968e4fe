import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { ConnectionArgs } from '../../common/pagination.js';
import { ExportJob } from './export.entity.js';
import { CreateExportInput, CreateExportPayload, ExportJobConnection } from './export.inputs.js';
import { exportService } from './export.service.js';

@Resolver(() => ExportJob)
export class ExportResolver {
  @Mutation(() => CreateExportPayload, {
    description: '导出本人可见的统计结果、报表定稿或列表为 CSV 或 XLSX；文件只有本人能在 downloadUrl 下载，24 小时后删除。CSV 至多 10 万行，XLSX 至多 5 万行（超过则截断并注明）。',
  })
  async createExport(@Ctx() ctx: Context, @Arg('input', () => CreateExportInput, { description: '导出什么、什么格式。' }) input: CreateExportInput): Promise<CreateExportPayload> {
    return Object.assign(new CreateExportPayload(), { export: await exportService.create(ctx, input) });
  }

  @Query(() => ExportJobConnection, { description: '本人的导出，最新的在前。' })
  async exports(@Ctx() ctx: Context, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return ExportJobConnection.from(await exportService.list(ctx, args));
  }
}
