/**
 * The national bureau's yearly assessment of the provincial bureaus, commendations and published
 * experience cases [D 五(一)]: "国家局每年对示范企业培育工作进行考核，考核结果将与各项企业工作支持政策
 * 挂钩。对于表现突出的省局和示范企业予以表扬，并组织经验推广" (docs/provincial.md).
 */
import { Check, Entity, Enum, Index, Property, Unique } from '@mikro-orm/decorators/legacy';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';

@ObjectType('AssessmentCriterion', { description: '一年考核的一项指标及其权重（一年的权重合计 100）。' })
export class AssessmentCriterion {
  @Field(() => String, { description: '代码（如 C1）。' })
  code!: string;
  @Field(() => String, { description: '名称。' })
  name!: string;
  @Field(() => String, { nullable: true, description: '说明。' })
  description?: string | null;
  @Field(() => Int, { description: '权重（1–100）。' })
  weight!: number;
}

@ObjectType('AssessmentScore', { description: '一项指标的得分和评语。' })
export class AssessmentScore {
  @Field(() => String, { description: '指标代码。' })
  code!: string;
  @Field(() => Float, { description: '得分（0–100）。' })
  score!: number;
  @Field(() => String, { nullable: true, description: '评语。' })
  comment?: string | null;
}

/** One year's criteria (the national bureau's): data, with weights summing to 100. */
@Entity({ tableName: 'assessment_scheme' })
@Unique({ name: 'assessment_scheme_year_unique', properties: ['year'] })
export class AssessmentScheme extends BaseEntity<'version'> {
  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'json' })
  criteria!: AssessmentCriterion[];

  /** When the year's assessments were published (then the scheme and the scores are locked). */
  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'integer', version: true })
  version!: number;
}

@ObjectType('BureauAssessment', { implements: Node, description: '国家局对一个省局一年培育工作的考核（D 五(一)）：各项得分、评语、加权总分、排名和与支持政策挂钩的结果。国家局可见；发布后本局也可见。' })
@Entity({ tableName: 'bureau_assessment' })
@Unique({ name: 'bureau_assessment_year_bureau_unique', properties: ['year', 'bureauCode'] })
@Index({ name: 'bureau_assessment_year_idx', properties: ['year', 'total'] })
@Check({ name: 'bureau_assessment_total_check', expression: `"total" >= 0 and "total" <= 100` })
export class BureauAssessment extends BaseEntity<'version' | 'published'> {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Property({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '被考核的省局（所在辖区代码）。' })
  bureauCode!: string;

  @Property({ type: 'json' })
  @Field(() => [AssessmentScore], { description: '各项指标的得分。' })
  scores!: AssessmentScore[];

  /** Σ weight × score / 100, two decimals. */
  @Property({ type: 'decimal', precision: 6, scale: 2, runtimeType: 'number' })
  @Field(() => Float, { description: '加权总分（0–100）。' })
  total!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '总评。' })
  comment?: string | null;

  /** "考核结果将与各项企业工作支持政策挂钩": what the result means for the bureau's support. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '与支持政策挂钩的结果（如下一年度专项资金、名额的调整）。' })
  supportOutcome?: string | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '已发布（该年的考核一起发布，之后不能修改）。' })
  published: boolean = false;

  @Property({ type: 'string', length: 64 })
  scoredBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('BureauAssessment', this.id);
  }
}
registerNodeType(BureauAssessment, 'BureauAssessment');

export enum CommendationKind {
  BUREAU = 'BUREAU',
  ENTERPRISE = 'ENTERPRISE',
}
registerEnumType(CommendationKind, {
  name: 'CommendationKind',
  description: '表扬的对象。',
  valuesConfig: { BUREAU: { description: '表现突出的省局' }, ENTERPRISE: { description: '表现突出的示范企业' } },
});

@ObjectType('Commendation', { implements: Node, description: '国家局对表现突出的省局或示范企业的表扬（D 五(一)），附表扬词；公开。' })
@Entity({ tableName: 'commendation' })
@Index({ name: 'commendation_year_idx', properties: ['year', 'createdAt', 'id'] })
@Check({ name: 'commendation_target_check', expression: `("kind" = 'BUREAU' and "bureau_code" is not null and "enterprise_id" is null) or ("kind" = 'ENTERPRISE' and "enterprise_id" is not null)` })
export class Commendation extends BaseEntity {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Enum({ items: () => CommendationKind, type: 'string' })
  @Field(() => CommendationKind, { description: '对象。' })
  kind!: CommendationKind;

  @Property({ type: 'string', length: 6, nullable: true })
  @Field(() => RegionCodeScalar, { nullable: true, description: '受表扬的省局；企业受表扬时为其所在辖区。' })
  bureauCode?: string | null;

  @Property({ type: 'uuid', nullable: true })
  enterpriseId?: string | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '受表扬者的名称（表扬时的）。' })
  recipientName!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '表扬词。' })
  citation!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '表扬日期。' })
  announcedOn!: string;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Commendation', this.id);
  }
}
registerNodeType(Commendation, 'Commendation');

@ObjectType('ExperienceCase', { implements: Node, description: '国家局组织推广的经验案例（经验推广，D 五(一)）：公开。' })
@Entity({ tableName: 'experience_case' })
@Index({ name: 'experience_case_published_idx', properties: ['publishedAt', 'id'] })
export class ExperienceCase extends BaseEntity<'publishedAt'> {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'string', length: 1000 })
  @Field(() => String, { description: '摘要。' })
  summary!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '正文。' })
  body!: string;

  @Property({ type: 'string', length: 6, nullable: true })
  @Field(() => RegionCodeScalar, { nullable: true, description: '经验来自的辖区。' })
  regionCode?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '经验来自的单位（省局或企业名称）。' })
  source?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '发布时间。' })
  publishedAt: Date = new Date();

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ExperienceCase', this.id);
  }
}
registerNodeType(ExperienceCase, 'ExperienceCase');
