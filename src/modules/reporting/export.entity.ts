/**
 * An export (docs/reporting.md, "Exports"): a statistics result, a report snapshot or a list, as
 * CSV or XLSX, made by a job and fetched by its owner at GET /exports/:id until it expires.
 */
import { Check, Entity, Enum, Index, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: '导出格式。',
  valuesConfig: {
    CSV: { description: 'CSV（UTF-8 带 BOM，Excel 中文版可直接打开；以 = + - @ 开头的文字前加单引号，防止被当作公式）' },
    XLSX: { description: 'Excel 工作簿（.xlsx）' },
  },
});

export enum ExportKind {
  STATISTICS = 'STATISTICS',
  SNAPSHOT = 'SNAPSHOT',
  LIST = 'LIST',
}
registerEnumType(ExportKind, {
  name: 'ExportKind',
  description: '导出的内容。',
  valuesConfig: { STATISTICS: { description: '统计结果' }, SNAPSHOT: { description: '报表定稿' }, LIST: { description: '列表' } },
});

export enum ExportStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  READY = 'READY',
  FAILED = 'FAILED',
}
registerEnumType(ExportStatus, {
  name: 'ExportStatus',
  description: '导出的进度。',
  valuesConfig: {
    PENDING: { description: '排队中' },
    RUNNING: { description: '生成中' },
    READY: { description: '已生成，可下载（至 expiresAt）' },
    FAILED: { description: '失败（见 error）' },
  },
});

@ObjectType('ExportJob', { implements: Node, description: '导出：生成后由本人在 downloadUrl 下载（GET，须带同一账号的令牌），到期后删除。' })
@Entity({ tableName: 'export_job' })
@Index({ name: 'export_job_owner_idx', properties: ['ownerId', 'createdAt', 'id'] })
@Index({ name: 'export_job_pending_idx', expression: `create index "export_job_pending_idx" on "export_job" ("created_at") where "status" in ('PENDING', 'RUNNING')` })
@Check({ name: 'export_job_rows_check', expression: `"row_count" >= 0` })
export class ExportJob extends BaseEntity<'status' | 'rowCount' | 'truncated' | 'downloadUrl'> {
  /** The account that asked (app_user.id): the only one who may fetch it. */
  @Property({ type: 'uuid' })
  ownerId!: string;

  @Enum({ items: () => ExportKind, type: 'string' })
  @Field(() => ExportKind, { description: '内容。' })
  kind!: ExportKind;

  @Enum({ items: () => ExportFormat, type: 'string' })
  @Field(() => ExportFormat, { description: '格式。' })
  format!: ExportFormat;

  /** What to export: the statistics query, the snapshot id, or the list (field, arguments, columns). */
  @Property({ type: 'json' })
  spec!: Record<string, unknown>;

  @Enum({ items: () => ExportStatus, type: 'string' })
  @Field(() => ExportStatus, { description: '进度。' })
  status: ExportStatus = ExportStatus.PENDING;

  @Property({ type: 'string', length: 120 })
  @Field(() => String, { description: '文件名。' })
  fileName!: string;

  @Property({ type: 'integer', default: 0 })
  @Field(() => Int, { description: '数据行数（不含表头）。' })
  rowCount: number = 0;

  /** Stopped at the row cap of its format. */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '超过该格式的行数上限而截断（CSV 10 万行，XLSX 5 万行）。' })
  truncated: boolean = false;

  @Property({ type: 'string', length: 200, nullable: true })
  storageKey?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '文件大小（字节）。' })
  bytes?: number | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '文件的 SHA-256。' })
  sha256?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '失败原因。' })
  error?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  startedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '生成完成的时间。' })
  finishedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '到期时间：之后文件删除，下载返回 410。' })
  expiresAt!: Date;

  @Field(() => String, { description: '下载地址（GET；生成中返回 202）。' })
  get downloadUrl(): string {
    return `/exports/${this.nodeId}`;
  }

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ExportJob', this.id);
  }
}
registerNodeType(ExportJob, 'ExportJob');
