/**
 * Work information reports [D 五(一)]: a demonstration enterprise reports its IP work each quarter
 * (信息上报机制, R16), by category, with attachments; a draft until submitted.
 */
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum WorkReportPeriod {
  Q1 = 'Q1',
  Q2 = 'Q2',
  Q3 = 'Q3',
  Q4 = 'Q4',
}
registerEnumType(WorkReportPeriod, {
  name: 'WorkReportPeriod',
  description: '工作信息报送的周期（按季度）。',
  valuesConfig: {
    Q1: { description: '第一季度（1–3 月）' },
    Q2: { description: '第二季度（4–6 月）' },
    Q3: { description: '第三季度（7–9 月）' },
    Q4: { description: '第四季度（10–12 月）' },
  },
});

/** The first and last day of a period of a year. */
export function periodDates(year: number, period: WorkReportPeriod): { startsOn: string; endsOn: string } {
  const q = Number(period.slice(1));
  const first = String(q * 3 - 2).padStart(2, '0');
  const last = String(q * 3).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
  return { startsOn: `${year}-${first}-01`, endsOn: `${year}-${last}-${String(lastDay).padStart(2, '0')}` };
}

export enum WorkReportCategory {
  STRATEGY = 'STRATEGY',
  CREATION = 'CREATION',
  OPERATION = 'OPERATION',
  PROTECTION = 'PROTECTION',
  OVERSEAS = 'OVERSEAS',
  TALENT = 'TALENT',
}
registerEnumType(WorkReportCategory, {
  name: 'WorkReportCategory',
  description: '工作信息的类别（五(一)）。',
  valuesConfig: {
    STRATEGY: { description: '知识产权战略与管理' },
    CREATION: { description: '知识产权创造（专利布局、高价值专利培育）' },
    OPERATION: { description: '知识产权运用（许可、交易、质押融资、标准）' },
    PROTECTION: { description: '知识产权保护（维权、纠纷应对）' },
    OVERSEAS: { description: '海外布局与海外纠纷应对' },
    TALENT: { description: '人才队伍与培训' },
  },
});

export enum WorkReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(WorkReportStatus, {
  name: 'WorkReportStatus',
  description: '工作信息报送的状态。',
  valuesConfig: { DRAFT: { description: '草稿：企业编辑中，知识产权局看不到' }, SUBMITTED: { description: '已报送' } },
});

/** One category of a report and what the enterprise says under it. */
@ObjectType('WorkReportSection', { description: '工作信息报送中一个类别的内容。' })
export class WorkReportSection {
  @Field(() => WorkReportCategory, { description: '类别。' })
  category!: WorkReportCategory;

  @Field(() => String, { description: '内容。' })
  content!: string;
}

/** An enterprise's report of its IP work for one quarter. */
@ObjectType('WorkReport', { implements: Node, description: '示范企业的工作信息报送（五(一)，R16）：某年某季度，按类别填写，可附文件；草稿仅本企业可见。' })
@Entity({ tableName: 'work_report' })
@Unique({ name: 'work_report_enterprise_period_unique', properties: ['enterprise', 'year', 'period'] })
@Index({ name: 'work_report_year_period_status_idx', properties: ['year', 'period', 'status'] })
@Index({ name: 'work_report_created_at_id_idx', properties: ['createdAt', 'id'] })
export class WorkReport extends BaseEntity<'status' | 'sections' | 'attachmentIds' | 'version' | 'submittedAt' | 'submittedBy'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Enum({ items: () => WorkReportPeriod, type: 'string' })
  @Field(() => WorkReportPeriod, { description: '季度。' })
  period!: WorkReportPeriod;

  @Enum({ items: () => WorkReportStatus, type: 'string' })
  @Field(() => WorkReportStatus, { description: '状态。' })
  status: WorkReportStatus = WorkReportStatus.DRAFT;

  @Property({ type: 'json' })
  @Field(() => [WorkReportSection], { description: '各类别的内容（每类至多一项，按类别顺序）。' })
  sections: WorkReportSection[] = [];

  @Property({ type: 'json' })
  attachmentIds: string[] = [];

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '最后修改人。' })
  updatedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '报送时间。' })
  submittedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '报送人。' })
  submittedBy?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改、报送时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('WorkReport', this.id);
  }
}
registerNodeType(WorkReport, 'WorkReport');
