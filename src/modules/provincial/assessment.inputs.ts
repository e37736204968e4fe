import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { AssessmentCriterion, BureauAssessment, Commendation, CommendationKind, ExperienceCase } from './assessment.entity.js';

@InputType('AssessmentCriterionInput', { description: '一项考核指标。' })
export class AssessmentCriterionInput {
  @Field(() => String, { description: '代码（1–20 个字母、数字、-、_）。' })
  code!: string;
  @Field(() => String, { description: '名称（1–100 字）。' })
  name!: string;
  @Field(() => String, { nullable: true, description: '说明（至多 2000 字）。' })
  description?: string | null;
  @Field(() => Int, { description: '权重（1–100；一年的合计须为 100）。' })
  weight!: number;
}

@InputType('SetAssessmentCriteriaInput', { description: '设定某年的考核指标和权重（国家局；发布前可改，已评的分按新指标须重评）。' })
export class SetAssessmentCriteriaInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Extensions({ maxItems: 30 })
  @Field(() => [AssessmentCriterionInput], { description: '指标（1–30 项，代码不重复，权重合计 100）。' })
  criteria!: AssessmentCriterionInput[];
}

@InputType('AssessmentScoreInput', { description: '一项指标的得分。' })
export class AssessmentScoreInput {
  @Field(() => String, { description: '指标代码。' })
  code!: string;
  @Field(() => Float, { description: '得分（0–100）。' })
  score!: number;
  @Field(() => String, { nullable: true, description: '评语（至多 2000 字）。' })
  comment?: string | null;
}

@InputType('ScoreBureauInput', { description: '为一个省局评分（国家局）：每项指标都要有分。' })
export class ScoreBureauInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => RegionCodeScalar, { description: '省局所在辖区。' })
  bureauCode!: string;
  @Extensions({ maxItems: 30 })
  @Field(() => [AssessmentScoreInput], { description: '各项得分。' })
  scores!: AssessmentScoreInput[];
  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { nullable: true, description: '总评（至多 5000 字）。' })
  comment?: string | null;
  @Field(() => String, { nullable: true, description: '与支持政策挂钩的结果（至多 2000 字）。' })
  supportOutcome?: string | null;
  @Field(() => Int, { nullable: true, description: '修改已有评分时的版本号。' })
  version?: number | null;
}

@InputType('PublishAssessmentsInput', { description: '发布某年的考核（国家局）：之后指标和评分锁定，各省局可见本局考核和排名。' })
export class PublishAssessmentsInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;
}

@InputType('CommendInput', { description: '表扬（国家局）：省局给 bureauCode，企业给 enterpriseId。' })
export class CommendInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => CommendationKind, { description: '对象。' })
  kind!: CommendationKind;
  @Field(() => RegionCodeScalar, { nullable: true, description: '省局（kind = BUREAU）。' })
  bureauCode?: string | null;
  @Field(() => ID, { nullable: true, description: '示范企业的全局 ID（kind = ENTERPRISE）。' })
  enterpriseId?: string | null;
  @Field(() => String, { description: '表扬词（1–2000 字）。' })
  citation!: string;
}

@InputType('PublishExperienceCaseInput', { description: '发布经验推广案例（国家局）。' })
export class PublishExperienceCaseInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => String, { description: '标题（1–200 字）。' })
  title!: string;
  @Field(() => String, { description: '摘要（1–1000 字）。' })
  summary!: string;
  @Extensions({ maxLength: 50_000 })
  @Field(() => String, { description: '正文（1–50000 字）。' })
  body!: string;
  @Field(() => RegionCodeScalar, { nullable: true, description: '经验来自的辖区。' })
  regionCode?: string | null;
  @Field(() => String, { nullable: true, description: '经验来自的单位（至多 200 字）。' })
  source?: string | null;
}

@ObjectType('AssessmentRankingRow', { description: '考核排名的一行。' })
export class AssessmentRankingRow {
  @Field(() => Int, { description: '名次（同分同名次，下一名次跳过：1、2、2、4）。' })
  rank!: number;
  @Field(() => RegionCodeScalar, { description: '省局所在辖区。' })
  bureauCode!: string;
  @Field(() => String, { description: '辖区名称。' })
  regionName!: string;
  @Field(() => Float, { description: '加权总分。' })
  total!: number;
  @Field(() => BureauAssessment, { nullable: true, description: '考核（查看者能看到时）。' })
  assessment!: BureauAssessment | null;
}

@ObjectType('AssessmentYear', { description: '某年的考核：指标、是否已发布、排名。' })
export class AssessmentYear {
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => [AssessmentCriterion], { description: '指标和权重。' })
  criteria!: AssessmentCriterion[];
  @Field(() => Boolean, { description: '已发布。' })
  published!: boolean;
  @Field(() => [AssessmentRankingRow], { description: '已评分的省局按总分排名。' })
  ranking!: AssessmentRankingRow[];
}

@ObjectType('SetAssessmentCriteriaPayload', { description: 'setAssessmentCriteria 的结果。' })
export class SetAssessmentCriteriaPayload {
  @Field(() => AssessmentYear, { description: '该年的考核。' })
  assessment!: AssessmentYear;
}

@ObjectType('ScoreBureauPayload', { description: 'scoreBureau 的结果。' })
export class ScoreBureauPayload {
  @Field(() => BureauAssessment, { description: '评分。' })
  assessment!: BureauAssessment;
}

@ObjectType('PublishAssessmentsPayload', { description: 'publishAssessments 的结果。' })
export class PublishAssessmentsPayload {
  @Field(() => AssessmentYear, { description: '该年的考核。' })
  assessment!: AssessmentYear;
}

@ObjectType('CommendPayload', { description: 'commend 的结果。' })
export class CommendPayload {
  @Field(() => Commendation, { description: '表扬。' })
  commendation!: Commendation;
}

@ObjectType('PublishExperienceCasePayload', { description: 'publishExperienceCase 的结果。' })
export class PublishExperienceCasePayload {
  @Field(() => ExperienceCase, { description: '案例。' })
  experienceCase!: ExperienceCase;
}

export const { Connection: CommendationConnection } = connectionTypes(Commendation, 'Commendation', '表扬');
export const { Connection: ExperienceCaseConnection } = connectionTypes(ExperienceCase, 'ExperienceCase', '经验推广案例');
