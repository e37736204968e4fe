import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { DateScalar } from '../../common/scalars.js';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum ApplicationRoute {
  PROVINCIAL = 'PROVINCIAL',
  DIRECT = 'DIRECT',
}

registerEnumType(ApplicationRoute, {
  name: 'ApplicationRoute',
  description: '申报途径。',
  valuesConfig: {
    PROVINCIAL: { description: '向所在地省局申报，由省局择优推荐（三(二)1–2）' },
    DIRECT: { description: '行业领军企业直接向专利管理司申报：不受申报条件 1 限制、不占推荐名额（三(二)3，R3）' },
  },
});

export enum ApplicationStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  REJECTED_BY_PROVINCE = 'REJECTED_BY_PROVINCE',
  RECOMMENDED = 'RECOMMENDED',
  PASSED_REVIEW = 'PASSED_REVIEW',
  FAILED_REVIEW = 'FAILED_REVIEW',
  IN_NOTICE = 'IN_NOTICE',
  OBJECTION_UPHELD = 'OBJECTION_UPHELD',
  DESIGNATED = 'DESIGNATED',
}

registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: '申报的状态（省局推荐、国家局评审、公示等后续步骤的状态随这些步骤加入）。',
  valuesConfig: {
    DRAFT: { description: '草稿：企业编辑中' },
    SUBMITTED: { description: '已提交：等待省局审核推荐（直报的等待国家局评审）' },
    REJECTED_BY_PROVINCE: { description: '省局审核未通过（附理由）' },
    RECOMMENDED: { description: '省局已推荐至国家局（占本辖区推荐名额，按名次排列）' },
    PASSED_REVIEW: { description: '国家局评审合格，待公示' },
    FAILED_REVIEW: { description: '国家局评审不合格' },
    IN_NOTICE: { description: '公示中（10 个工作日）' },
    OBJECTION_UPHELD: { description: '公示期间异议成立，不予认定' },
    DESIGNATED: { description: '公示期满无异议，已认定为示范企业' },
  },
});

/** One indicator of the evaluation index system with the enterprise's score. */
@ObjectType('IndicatorScore', { description: '《评价指标体系》的一项指标得分。' })
export class IndicatorScore {
  @Field(() => String, { description: 'A 表或 B 表。' })
  table!: 'A' | 'B';

  @Field(() => String, { description: '指标编号，例如 A1.2。' })
  code!: string;

  @Field(() => String, { description: '指标名称。' })
  name!: string;

  @Field(() => Float, { description: '得分。' })
  score!: number;

  @Field(() => Float, { description: '满分（本年度已发布评价表时取自评价表）。' })
  maxScore!: number;

  /** Evidence for this item: StoredFile ids the enterprise uploaded (POST /files); GraphQL `evidence`. */
  evidenceFileIds?: string[];

  @Field(() => Float, { nullable: true, description: '省局核定得分（逐项核查后；未核查为 null）。' })
  checkedScore?: number | null;

  @Field(() => String, { nullable: true, description: '省局调整得分的理由（核定得分与自评得分不同时必填）。' })
  checkReason?: string | null;
}

/** The provincial bureau's attestation of condition 1 [D 三(一)1]: a domestic backbone enterprise with strong industry influence. */
@ObjectType('BackboneAttestation', { description: '省局对申报条件“国内骨干企业，行业影响力较强”（三(一)1）的认定。' })
export class BackboneAttestation {
  @Field(() => String, { description: '省局的认定意见及依据。' })
  statement!: string;

  @Field(() => String, { description: '认定人。' })
  attestedBy!: string;

  @Field(() => DateScalar, { description: '认定日期。' })
  attestedOn!: string;
}

/**
 * An enterprise's application to be designated a demonstration enterprise for a year [D 三(二)1,
 * 三(三)2]: the application form's content, the work plan (foundation, goals and tasks, measures)
 * and its scores on tables A and B of the evaluation index system with the breakdown.
 */
@ObjectType('DemonstrationApplication', { implements: Node, description: '示范企业申报。' })
@Entity({ tableName: 'demonstration_application' })
@Unique({ name: 'demonstration_application_enterprise_year_unique', properties: ['enterprise', 'year'] })
@Index({ name: 'demonstration_application_year_status_idx', properties: ['year', 'status'] })
export class DemonstrationApplication extends BaseEntity<'version' | 'status' | 'submittedAt' | 'indicators' | 'attachmentIds' | 'backboneAttestation'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '申报年度。' })
  year!: number;

  @Enum({ items: () => ApplicationRoute, type: 'string' })
  @Field(() => ApplicationRoute, { description: '申报途径。' })
  route!: ApplicationRoute;

  @Enum({ items: () => ApplicationStatus, type: 'string' })
  @Field(() => ApplicationStatus, { description: '状态。' })
  status: ApplicationStatus = ApplicationStatus.DRAFT;

  @Property({ type: 'text' })
  @Field(() => String, { description: '《国家知识产权示范企业申报书》的内容。' })
  formContent!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '工作方案：工作基础。' })
  workFoundation!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '工作方案：工作目标和任务。' })
  goalsAndTasks!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '工作方案：工作措施。' })
  measures!: string;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'A 表总分（0–100）。' })
  scoreA?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'B 表总分（0–100）。' })
  scoreB?: number | null;

  @Property({ type: 'json' })
  @Field(() => [IndicatorScore], { description: '指标得分明细。' })
  indicators: IndicatorScore[] = [];

  /** Attached files (StoredFile ids, uploaded through POST /files by the enterprise). */
  @Property({ type: 'json' })
  attachmentIds: string[] = [];

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '提交时间。' })
  submittedAt?: Date | null;

  /** The provincial review: when, by whom, the reason of a rejection, the rank of a recommendation. */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '省局审核时间。' })
  provincialReviewedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '省局审核人。' })
  provincialReviewer?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '省局不予推荐的理由。' })
  provincialRejectionReason?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '省局推荐名次（1 为最优）。' })
  recommendationRank?: number | null;

  /** The national review. */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '国家局评审时间。' })
  nationalReviewedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '国家局评审意见。' })
  nationalComments?: string | null;

  /**
   * The provincial check of the self-assessment [D 三(二)2]: the totals of the checked item scores
   * (each item's checked score and reason are in `indicators`), when and by whom. R1 uses these
   * totals once they exist.
   */
  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: '省局核定的 A 表总分（逐项核定得分之和；未核查为 null）。' })
  checkedScoreA?: number | null;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: '省局核定的 B 表总分（逐项核定得分之和；未核查为 null）。' })
  checkedScoreB?: number | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '省局逐项核查时间（推荐前可重新核查）。' })
  checkedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '核查人。' })
  checkedBy?: string | null;

  /** The bureau's attestation of condition 1 [D 三(一)1] (GraphQL `backboneAttestation`). */
  @Property({ type: 'text', nullable: true })
  backboneStatement?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  backboneAttestedBy?: string | null;

  @Property({ type: 'date', nullable: true })
  backboneAttestedOn?: string | null;

  @Field(() => BackboneAttestation, { nullable: true, description: '省局对“国内骨干企业，行业影响力较强”（三(一)1）的认定；未认定为 null。' })
  get backboneAttestation(): BackboneAttestation | null {
    if (!this.backboneStatement || !this.backboneAttestedBy || !this.backboneAttestedOn) return null;
    return Object.assign(new BackboneAttestation(), { statement: this.backboneStatement, attestedBy: this.backboneAttestedBy, attestedOn: this.backboneAttestedOn });
  }

  /** The public notice the application is (or was) in. */
  @Property({ type: 'uuid', nullable: true })
  noticeId?: string | null;

  /** The designation it led to. */
  @Property({ type: 'uuid', nullable: true })
  designationId?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改、提交时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('DemonstrationApplication', this.id);
  }
}
registerNodeType(DemonstrationApplication, 'DemonstrationApplication');
