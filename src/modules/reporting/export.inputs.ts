import { Extensions, Field, ID, InputType, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { connectionTypes } from '../../common/pagination.js';
import { ExportFormat, ExportJob } from './export.entity.js';
import { StatisticsQuery } from './statistics.types.js';

@InputType('ExportListInput', { description: '要导出的列表：API 中任一返回连接的查询字段，按本人的可见范围逐页读出。' })
export class ExportListInput {
  @Field(() => String, { description: '查询字段名，如 enterprises、trainingSessions。' })
  field!: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: '该字段的参数（分页参数除外），如 { "filter": { "regionCodes": ["440000"] } }。' })
  arguments?: Record<string, unknown> | null;
  @Extensions({ maxItems: 40 })
  @Field(() => [String], { description: '列：节点上单个值的路径，如 name、creditCode、region.name（至多 4 级）。' })
  columns!: string[];
}

@InputType('CreateExportInput', { description: '导出（statistics、snapshotId、list 三者给出其一）。' })
export class CreateExportInput {
  @Field(() => ExportFormat, { description: '格式。' })
  format!: ExportFormat;
  @Field(() => StatisticsQuery, { nullable: true, description: '导出统计结果（按本人的可见范围计算）。' })
  statistics?: StatisticsQuery | null;
  @Field(() => ID, { nullable: true, description: '导出报表定稿（定稿时的数字）。' })
  snapshotId?: string | null;
  @Field(() => ExportListInput, { nullable: true, description: '导出列表。' })
  list?: ExportListInput | null;
  @Field(() => String, { nullable: true, description: '文件名（不含扩展名），默认按内容命名。' })
  fileName?: string | null;
}

@ObjectType('CreateExportPayload', { description: 'createExport 的结果。' })
export class CreateExportPayload {
  @Field(() => ExportJob, { description: '导出：较小的（统计、定稿、1000 行以内的列表）已生成（READY），较大的在后台生成，下载地址生成中返回 202。' })
  export!: ExportJob;
}

export const { Connection: ExportJobConnection } = connectionTypes(ExportJob, 'ExportJob', '导出');
