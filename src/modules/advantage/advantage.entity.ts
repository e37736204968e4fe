/**
 * The advantage-enterprise programme the provincial bureaus run [A 一, 三, 四]: a province's yearly
 * batch (its application window, and for confirmation by the national bureau its submitted list),
 * the enterprises' applications, and during the cultivation period the yearly progress reports and
 * the mid-term check. The title itself is a Designation of level ADVANTAGE (the same lifecycle as a
 * demonstration title: validity, early end, bans, history), valid for the cultivation period.
 */
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Designation } from '../designation/designation.entity.js';
import { IndicatorScore } from '../application/application.entity.js';

export enum AdvantageApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  REJECTED_BY_PROVINCE = 'REJECTED_BY_PROVINCE',
  RECOMMENDED = 'RECOMMENDED',
  NOT_CONFIRMED = 'NOT_CONFIRMED',
  IN_NOTICE = 'IN_NOTICE',
  OBJECTION_UPHELD = 'OBJECTION_UPHELD',
  DESIGNATED = 'DESIGNATED',
}
registerEnumType(AdvantageApplicationStatus, {
  name: 'AdvantageApplicationStatus',
  description: '优势企业申报的状态。',
  valuesConfig: {
    DRAFT: { description: '草稿：企业编辑中' },
    SUBMITTED: { description: '已提交：等待省局审核' },
    REJECTED_BY_PROVINCE: { description: '省局审核未通过（附理由）' },
    RECOMMENDED: { description: '省局审核通过：随本年度批次报国家局确认（“国家局确认”时），或等待省局公示（“省局认定”且须公示时）' },
    NOT_CONFIRMED: { description: '未予确认或公示后未予认定（附理由）' },
    IN_NOTICE: { description: '公示中（规则设置 advantageNoticeWorkingDays 大于 0 时，认定前公示）' },
    OBJECTION_UPHELD: { description: '公示期间异议成立，不予认定' },
    DESIGNATED: { description: '已认定为优势企业，进入培育期' },
  },
});

export enum StandardPath {
  CERTIFIED = 'CERTIFIED',
  IMPLEMENTING = 'IMPLEMENTING',
}
registerEnumType(StandardPath, {
  name: 'StandardPath',
  description: '贯彻《企业知识产权管理规范》（GB/T 29490）的情况（A 四(二)）。',
  valuesConfig: {
    CERTIFIED: { description: '已通过贯标认证（企业资料中的认证日期）' },
    IMPLEMENTING: { description: '正在贯标：附贯标实施计划' },
  },
});

/** A province's yearly batch: its application window and, when the national bureau confirms, the list it submits. */
@ObjectType('AdvantageBatch', { implements: Node, description: '省局某年度的优势企业培育批次：受理期，以及报国家局确认的名单。' })
@Entity({ tableName: 'advantage_batch' })
@Unique({ name: 'advantage_batch_region_year_unique', properties: ['regionCode', 'year'] })
export class AdvantageBatch extends BaseEntity<'submittedAt' | 'confirmedAt' | 'updatedBy' | 'version'> {
  @Property({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '省级辖区。' })
  regionCode!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '开始受理日。' })
  opensOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '受理截止日（含）。' })
  closesOn!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '报国家局确认的时间（此后不再审核本批次的申报）。' })
  submittedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '国家局确认的时间。' })
  confirmedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  updatedBy?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('AdvantageBatch', this.id);
  }
}
registerNodeType(AdvantageBatch, 'AdvantageBatch');

/** An enterprise's application to its provincial bureau to be cultivated as an advantage enterprise. */
@ObjectType('AdvantageApplication', { implements: Node, description: '优势企业申报（向所在地省局）。' })
@Entity({ tableName: 'advantage_application' })
@Unique({ name: 'advantage_application_enterprise_year_unique', properties: ['enterprise', 'year'] })
@Index({ name: 'advantage_application_region_year_status_idx', properties: ['regionCode', 'year', 'status'] })
export class AdvantageApplication extends BaseEntity<
  'status' | 'indicators' | 'attachmentIds' | 'version' | 'implementationPlan' | 'scoreA' | 'scoreB' | 'standardPath'
> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** The enterprise's jurisdiction when it applied (the batch it belongs to). */
  @Property({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '受理的省级辖区。' })
  regionCode!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度（批次）。' })
  year!: number;

  @Enum({ items: () => AdvantageApplicationStatus, type: 'string' })
  @Field(() => AdvantageApplicationStatus, { description: '状态。' })
  status: AdvantageApplicationStatus = AdvantageApplicationStatus.DRAFT;

  @Property({ type: 'text' })
  @Field(() => String, { description: '申报书内容。' })
  formContent!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '培育工作方案（基础、目标、措施）。' })
  workPlan!: string;

  @Enum({ items: () => StandardPath, type: 'string', nullable: true })
  @Field(() => StandardPath, { nullable: true, description: '贯标情况：已认证，或正在贯标（须附实施计划）。' })
  standardPath?: StandardPath | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '贯标实施计划（正在贯标时必填）。' })
  implementationPlan?: string | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: '自评 A 表总分。' })
  scoreA?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: '自评 B 表总分。' })
  scoreB?: number | null;

  @Property({ type: 'json' })
  @Field(() => [IndicatorScore], { description: '指标自评明细（省局核查后含每项核定得分和理由）。' })
  indicators: IndicatorScore[] = [];

  /** The bureau's checked totals (the sums of the items it checked at its review), when the year has sheets. */
  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: '省局核定的 A 表总分（审核时逐项核查；未核查为 null）。' })
  checkedScoreA?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: '省局核定的 B 表总分。' })
  checkedScoreB?: number | null;

  @Property({ type: 'json' })
  attachmentIds: string[] = [];

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '提交时间。' })
  submittedAt?: Date | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '省局审核时间。' })
  provincialReviewedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '省局审核人。' })
  provincialReviewer?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '省局审核意见（不通过时为理由）。' })
  provincialComments?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '国家局未予确认的理由。' })
  nationalComments?: string | null;

  /** The designation it led to. */
  @Property({ type: 'uuid', nullable: true })
  designationId?: string | null;

  /** The public notice it is (or was) in, when the programme setting asks for one. */
  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'advantage_application_notice_idx' })
  noticeId?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改、提交、审核时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('AdvantageApplication', this.id);
  }
}
registerNodeType(AdvantageApplication, 'AdvantageApplication');

/** The enterprise's progress report for one year of its cultivation period. */
@ObjectType('CultivationReport', { implements: Node, description: '优势企业培育期的年度进展报告（企业填报）。' })
@Entity({ tableName: 'cultivation_report' })
@Unique({ name: 'cultivation_report_designation_year_unique', properties: ['designation', 'cultivationYear'] })
export class CultivationReport extends BaseEntity<'attachmentIds' | 'version'> {
  @ManyToOne(() => Designation, { ref: true, deleteRule: 'cascade' })
  designation!: Ref<Designation>;

  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  @Index({ name: 'cultivation_report_enterprise_idx' })
  enterprise!: Ref<Enterprise>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '培育期第几年（1 起）。' })
  cultivationYear!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: '本年度工作进展与成效。' })
  progress!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '下一年度计划。' })
  nextSteps!: string;

  @Property({ type: 'json' })
  attachmentIds: string[] = [];

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '提交时间。' })
  submittedAt!: Date;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '提交人。' })
  submittedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('CultivationReport', this.id);
  }
}
registerNodeType(CultivationReport, 'CultivationReport');

/** The provincial mid-term check of a cultivation period (one per period). */
@ObjectType('MidTermCheck', { description: '省局对培育期的中期检查。' })
@Entity({ tableName: 'mid_term_check' })
export class MidTermCheck extends BaseEntity {
  @ManyToOne(() => Designation, { ref: true, deleteRule: 'cascade', unique: 'mid_term_check_designation_unique' })
  designation!: Ref<Designation>;

  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  @Index({ name: 'mid_term_check_enterprise_idx' })
  enterprise!: Ref<Enterprise>;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '检查日期。' })
  checkedOn!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '是否通过；不通过即退出培育。' })
  passed!: boolean;

  @Property({ type: 'text' })
  @Field(() => String, { description: '检查意见。' })
  notes!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '检查人。' })
  checkedBy!: string;
}
