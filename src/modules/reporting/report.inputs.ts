import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { Report, ReportSnapshot } from './report.entity.js';
import { StatisticsQuery } from './statistics.types.js';

@InputType('SaveReportInput', { description: '保存统计报表（本局）。' })
export class SaveReportInput {
  @Field(() => String, { description: '名称（1–100 字）。' })
  name!: string;
  @Field(() => String, { nullable: true, description: '说明（至多 2000 字）。' })
  description?: string | null;
  @Field(() => StatisticsQuery, { description: '统计查询；保存时检查，定稿时按本局的可见范围计算。' })
  query!: StatisticsQuery;
}

@InputType('UpdateReportInput', { description: '修改统计报表：已有的定稿不变。' })
export class UpdateReportInput {
  @Field(() => ID, { description: '报表的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => String, { nullable: true, description: '新名称。' })
  name?: string | null;
  @Field(() => String, { nullable: true, description: '新说明（空字符串即清除）。' })
  description?: string | null;
  @Field(() => StatisticsQuery, { nullable: true, description: '新查询。' })
  query?: StatisticsQuery | null;
}

@InputType('FreezeReportInput', { description: '把报表定稿：按现在的数据计算并保存为新版本。' })
export class FreezeReportInput {
  @Field(() => ID, { description: '报表的全局 ID。' })
  id!: string;
}

@ObjectType('SaveReportPayload', { description: 'saveReport 的结果。' })
export class SaveReportPayload {
  @Field(() => Report, { description: '保存的报表。' })
  report!: Report;
}

@ObjectType('UpdateReportPayload', { description: 'updateReport 的结果。' })
export class UpdateReportPayload {
  @Field(() => Report, { description: '修改后的报表。' })
  report!: Report;
}

@ObjectType('FreezeReportPayload', { description: 'freezeReport 的结果。' })
export class FreezeReportPayload {
  @Field(() => ReportSnapshot, { description: '新的定稿。' })
  snapshot!: ReportSnapshot;
}

export const { Connection: ReportConnection } = connectionTypes(Report, 'Report', '统计报表');
export const { Connection: ReportSnapshotConnection } = connectionTypes(ReportSnapshot, 'ReportSnapshot', '报表定稿');
