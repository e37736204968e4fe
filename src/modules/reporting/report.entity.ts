/**
 * Saved reports and their frozen snapshots (docs/reporting.md, "Frozen reports"): a bureau saves
 * a statistics query under a name; freezing it stores the numbers as of that moment with the
 * query, the data date, the data version and a checksum, as version 1, 2, …; the database refuses
 * any change to a stored snapshot.
 */
import { Check, Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';

@ObjectType('Report', { implements: Node, description: '保存的统计报表：一个统计查询和它的各次定稿。属于保存它的局（国家局或省局），本局和国家局可见。' })
@Entity({ tableName: 'report' })
@Index({ name: 'report_bureau_idx', properties: ['bureauCode', 'createdAt', 'id'] })
@Index({ name: 'report_created_idx', properties: ['createdAt', 'id'] })
export class Report extends BaseEntity<'version' | 'description'> {
  /** The bureau that owns it: 100000 for the national bureau, else the provincial bureau's jurisdiction. */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '所属的局（100000 为国家局，其余为省局所在辖区代码）。' })
  bureauCode!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '名称。' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明。' })
  description?: string | null;

  /** The statistics query, as the StatisticsQuery input (measures, dimensions, totals, filters, from, to, asOf, having, fillEmpty). */
  @Property({ type: 'json' })
  @Field(() => GraphQLJSONObject, { description: '统计查询（StatisticsQuery 的各项）。' })
  query!: Record<string, unknown>;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '保存人（用户名）。' })
  createdBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Report', this.id);
  }
}
registerNodeType(Report, 'Report');

@ObjectType('ReportSnapshot', { implements: Node, description: '报表定稿：定稿时的数字、查询、数据日期和校验和；定稿后任何人都不能修改（数据库拒绝）。再次定稿是新的版本。' })
@Entity({ tableName: 'report_snapshot' })
@Unique({ name: 'report_snapshot_version_unique', properties: ['report', 'version'] })
@Index({ name: 'report_snapshot_created_idx', properties: ['createdAt', 'id'] })
@Check({ name: 'report_snapshot_version_check', expression: `"version" >= 1` })
export class ReportSnapshot extends BaseEntity<'frozenAt'> {
  @ManyToOne(() => Report, { ref: true, deleteRule: 'restrict' })
  report!: Ref<Report>;

  /** 1, 2, … per report. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '定稿版本（1、2、……）。' })
  version!: number;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '定稿时的报表名称。' })
  name!: string;

  @Property({ type: 'json' })
  @Field(() => GraphQLJSONObject, { description: '定稿时的统计查询。' })
  query!: Record<string, unknown>;

  /** The programme's today when it was frozen: the date the figures are as of. */
  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '数据日期（定稿当日，北京时间）。' })
  dataDate!: string;

  /** The data version the figures were read at (one statement, one snapshot). */
  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: '定稿时的数据版本。' })
  dataVersion?: string | null;

  /** Whose figures: the bureau whose visibility they were counted under. */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '按哪个局的可见范围计算（100000 为国家局）。' })
  bureauCode!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '定稿人（用户名）。' })
  frozenBy!: string;

  /** The answer as it was (measures, dimensions with their labels then, rows). */
  @Property({ type: 'json' })
  result!: Record<string, unknown>;

  /** sha256 (hex) of the canonical JSON of what was frozen (statistics.snapshot.ts). */
  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: 'SHA-256 校验和（十六进制）：报表、版本、名称、查询、数据日期、数据版本、范围和结果的规范 JSON。' })
  checksum!: string;

  @Field(() => DateTimeResolver, { description: '定稿时间。' })
  get frozenAt(): Date {
    return this.createdAt;
  }

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ReportSnapshot', this.id);
  }
}
registerNodeType(ReportSnapshot, 'ReportSnapshot');
