/**
 * The provincial bureaus' duties of [D 三(三)1, 五(一)] (docs/provincial.md): each bureau's
 * cultivation plan for its region (one per period, every published revision kept), and its annual
 * summary of the year's cultivation work, due to the national bureau by 30 November (R15).
 */
import { Check, Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeResolver, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { RegionCodeScalar } from '../../common/scalars.js';

export enum CultivationPlanStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(CultivationPlanStatus, {
  name: 'CultivationPlanStatus',
  description: '培育工作总体方案的状态。',
  valuesConfig: {
    DRAFT: { description: '草稿（本局可改）' },
    PUBLISHED: { description: '现行（发布的最新修订）' },
    SUPERSEDED: { description: '已被新的修订取代（留作历史，不能修改）' },
  },
});

/** The six parts of a plan [D 三(三)1]: 培育目标、工作计划、组织管理、政策支持、资金保障、督导检查. */
export const PLAN_SECTIONS = ['goals', 'workPlan', 'organization', 'policySupport', 'funding', 'supervision'] as const;

@ObjectType('CultivationPlan', { implements: Node, description: '省局的本区域示范企业培育工作总体方案（D 三(三)1、五(一)）的一个修订：培育目标、工作计划、组织管理、政策支持、资金保障、督导检查。本局和国家局可见。' })
@Entity({ tableName: 'cultivation_plan' })
@Unique({ name: 'cultivation_plan_revision_unique', properties: ['bureauCode', 'periodStart', 'revision'] })
@Index({ name: 'cultivation_plan_one_draft', expression: `create unique index "cultivation_plan_one_draft" on "cultivation_plan" ("bureau_code", "period_start") where "status" = 'DRAFT'` })
@Index({ name: 'cultivation_plan_created_idx', properties: ['createdAt', 'id'] })
@Check({ name: 'cultivation_plan_period_check', expression: `"period_start" >= 2000 and "period_end" >= "period_start" and "period_end" <= "period_start" + 9` })
export class CultivationPlan extends BaseEntity<'status' | 'version' | 'publishedAt' | 'publishedBy'> {
  @Property({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '制定方案的省局（所在辖区代码）。' })
  bureauCode!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '方案期的第一年。' })
  periodStart!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '方案期的最后一年（含；至多 10 年）。' })
  periodEnd!: number;

  /** 1, 2, … within the bureau's period. */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '修订号（1、2、……）。' })
  revision!: number;

  @Enum({ items: () => CultivationPlanStatus, type: 'string' })
  @Field(() => CultivationPlanStatus, { description: '状态。' })
  status: CultivationPlanStatus = CultivationPlanStatus.DRAFT;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '培育目标。' })
  goals!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '工作计划。' })
  workPlan!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '组织管理。' })
  organization!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '政策支持。' })
  policySupport!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '资金保障。' })
  funding!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '督导检查。' })
  supervision!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '发布时间。' })
  publishedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '发布人。' })
  publishedBy?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('CultivationPlan', this.id);
  }
}
registerNodeType(CultivationPlan, 'CultivationPlan');

export enum AnnualSummaryStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(AnnualSummaryStatus, {
  name: 'AnnualSummaryStatus',
  description: '年度总结的状态。',
  valuesConfig: {
    DRAFT: { description: '草稿（省局编写中）' },
    SUBMITTED: { description: '已报送国家局（专利管理司）' },
    RETURNED: { description: '国家局退回修改（附理由）' },
    ACCEPTED: { description: '国家局已接收：锁定，不能再改' },
  },
});

/** The text parts of a summary. */
export const SUMMARY_SECTIONS = ['workDone', 'results', 'problems', 'nextYearPlan'] as const;

@ObjectType('AnnualSummary', { implements: Node, description: '省局的示范企业培育工作年度总结（R15，D 五(一)：每年 11 月底前报送）：本辖区当年的统计数字（自动预填，可刷新）和文字部分。本局和国家局可见。' })
@Entity({ tableName: 'annual_summary' })
@Unique({ name: 'annual_summary_bureau_year_unique', properties: ['bureauCode', 'year'] })
@Index({ name: 'annual_summary_year_idx', properties: ['year', 'bureauCode'] })
@Index({ name: 'annual_summary_created_idx', properties: ['createdAt', 'id'] })
@Check({ name: 'annual_summary_year_check', expression: `"year" >= 2000 and "year" <= 2100` })
export class AnnualSummary extends BaseEntity<'status' | 'version' | 'late' | 'workDone' | 'results' | 'problems' | 'nextYearPlan'> {
  @Property({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '报送的省局（所在辖区代码）。' })
  bureauCode!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '总结的年度。' })
  year!: number;

  @Enum({ items: () => AnnualSummaryStatus, type: 'string' })
  @Field(() => AnnualSummaryStatus, { description: '状态。' })
  status: AnnualSummaryStatus = AnnualSummaryStatus.DRAFT;

  /** The year's figures for the jurisdiction, as statistics gave them when last filled in. */
  @Property({ type: 'json' })
  @Field(() => GraphQLJSONObject, { description: '本辖区当年的统计数字：{ asOf, figures: [{ measure, label, unit, value }] }（预填自 statistics，草稿时可刷新）。' })
  figures!: Record<string, unknown>;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '工作开展情况。' })
  workDone?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '取得的成效。' })
  results?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '存在的问题。' })
  problems?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '下一年度工作计划。' })
  nextYearPlan?: string | null;

  /** When it was first submitted (a return and a resubmission do not move it). */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '首次报送时间。' })
  submittedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '报送人。' })
  submittedBy?: string | null;

  /** R15: first submitted after 30 November of its year (Asia/Shanghai, the programme's clock). */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '逾期：首次报送晚于当年 11 月 30 日（R15）。' })
  late: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '国家局退回的理由（最近一次）。' })
  returnReason?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '国家局接收的时间。' })
  acceptedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '接收人。' })
  acceptedBy?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('AnnualSummary', this.id);
  }
}
registerNodeType(AnnualSummary, 'AnnualSummary');
