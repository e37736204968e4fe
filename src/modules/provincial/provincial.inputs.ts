import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { AnnualSummary, AnnualSummaryStatus, CultivationPlan } from './provincial.entity.js';

@InputType('CultivationPlanSections', { description: '方案的六个部分（D 三(三)1），每部分 1–20000 字。' })
export class CultivationPlanSections {
  @Field(() => String, { description: '标题（1–200 字）。' })
  title!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '培育目标。' })
  goals!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '工作计划。' })
  workPlan!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '组织管理。' })
  organization!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '政策支持。' })
  policySupport!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '资金保障。' })
  funding!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '督导检查。' })
  supervision!: string;
}

@InputType('DraftCultivationPlanInput', { description: '起草本局某一方案期的培育工作总体方案（或该期的新修订）；已有草稿时用 updateCultivationPlan。' })
export class DraftCultivationPlanInput {
  @Field(() => Int, { description: '方案期第一年。' })
  periodStart!: number;
  @Field(() => Int, { description: '方案期最后一年（含；至多 10 年）。' })
  periodEnd!: number;
  @Field(() => CultivationPlanSections, { description: '内容。' })
  sections!: CultivationPlanSections;
}

@InputType('UpdateCultivationPlanInput', { description: '修改草稿。' })
export class UpdateCultivationPlanInput {
  @Field(() => ID, { description: '草稿的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => CultivationPlanSections, { description: '内容（整体替换）。' })
  sections!: CultivationPlanSections;
}

@InputType('PublishCultivationPlanInput', { description: '发布草稿：成为该方案期的现行方案，原现行修订留作历史。' })
export class PublishCultivationPlanInput {
  @Field(() => ID, { description: '草稿的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('CultivationPlanFilter', { description: '方案的筛选。' })
export class CultivationPlanFilter {
  @Field(() => RegionCodeScalar, { nullable: true, description: '省局（国家局用；省局只看本局的）。' })
  bureauCode?: string | null;
  @Field(() => Int, { nullable: true, description: '覆盖这一年的方案。' })
  year?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'true：只要现行的（发布的最新修订）。' })
  currentOnly?: boolean | null;
}

@InputType('StartAnnualSummaryInput', { description: '开始编写本局某年的年度总结：统计数字自动预填。' })
export class StartAnnualSummaryInput {
  @Field(() => Int, { description: '年度（不晚于今年）。' })
  year!: number;
}

@InputType('AnnualSummarySections', { description: '年度总结的文字部分（每部分至多 20000 字）；未给出的部分不变。' })
export class AnnualSummarySections {
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { nullable: true, description: '工作开展情况。' })
  workDone?: string | null;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { nullable: true, description: '取得的成效。' })
  results?: string | null;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { nullable: true, description: '存在的问题。' })
  problems?: string | null;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { nullable: true, description: '下一年度工作计划。' })
  nextYearPlan?: string | null;
}

@InputType('UpdateAnnualSummaryInput', { description: '修改年度总结（草稿或被退回的）。' })
export class UpdateAnnualSummaryInput {
  @Field(() => ID, { description: '年度总结的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => AnnualSummarySections, { nullable: true, description: '文字部分。' })
  sections?: AnnualSummarySections | null;
  @Field(() => Boolean, { nullable: true, description: 'true：按现在的数据重新预填统计数字。' })
  refreshFigures?: boolean | null;
}

@InputType('SubmitAnnualSummaryInput', { description: '把年度总结报送国家局（省局）。' })
export class SubmitAnnualSummaryInput {
  @Field(() => ID, { description: '年度总结的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('AcceptAnnualSummaryInput', { description: '接收年度总结（国家局）：之后锁定。' })
export class AcceptAnnualSummaryInput {
  @Field(() => ID, { description: '年度总结的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('ReturnAnnualSummaryInput', { description: '退回年度总结（国家局），附理由。' })
export class ReturnAnnualSummaryInput {
  @Field(() => ID, { description: '年度总结的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@InputType('AnnualSummaryFilter', { description: '年度总结的筛选。' })
export class AnnualSummaryFilter {
  @Field(() => Int, { nullable: true, description: '年度。' })
  year?: number | null;
  @Field(() => [AnnualSummaryStatus], { nullable: true, description: '状态之一。' })
  status?: AnnualSummaryStatus[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true：只要逾期报送的。' })
  late?: boolean | null;
}

@ObjectType('AnnualSummaryOverviewRow', { description: '一个省局某年年度总结的进度（R15）。' })
export class AnnualSummaryOverviewRow {
  @Field(() => RegionCodeScalar, { description: '省局所在辖区。' })
  bureauCode!: string;
  @Field(() => String, { description: '辖区名称。' })
  regionName!: string;
  @Field(() => AnnualSummary, { nullable: true, description: '年度总结；尚未开始时为 null。' })
  summary!: AnnualSummary | null;
  @Field(() => Boolean, { description: '已过截止日（当年 11 月 30 日）仍未报送。' })
  overdue!: boolean;
}

@ObjectType('AnnualSummaryOverview', { description: '某年各省局年度总结的进度（国家局）。' })
export class AnnualSummaryOverview {
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => String, { description: '截止日（R15：当年 11 月 30 日，北京时间）。' })
  dueOn!: string;
  @Field(() => [AnnualSummaryOverviewRow], { description: '37 个省局，按辖区顺序。' })
  bureaus!: AnnualSummaryOverviewRow[];
}

@ObjectType('DraftCultivationPlanPayload', { description: 'draftCultivationPlan 的结果。' })
export class DraftCultivationPlanPayload {
  @Field(() => CultivationPlan, { description: '方案。' })
  plan!: CultivationPlan;
}

@ObjectType('UpdateCultivationPlanPayload', { description: 'updateCultivationPlan 的结果。' })
export class UpdateCultivationPlanPayload {
  @Field(() => CultivationPlan, { description: '方案。' })
  plan!: CultivationPlan;
}

@ObjectType('PublishCultivationPlanPayload', { description: 'publishCultivationPlan 的结果。' })
export class PublishCultivationPlanPayload {
  @Field(() => CultivationPlan, { description: '方案。' })
  plan!: CultivationPlan;
}

@ObjectType('StartAnnualSummaryPayload', { description: 'startAnnualSummary 的结果。' })
export class StartAnnualSummaryPayload {
  @Field(() => AnnualSummary, { description: '年度总结。' })
  summary!: AnnualSummary;
}

@ObjectType('UpdateAnnualSummaryPayload', { description: 'updateAnnualSummary 的结果。' })
export class UpdateAnnualSummaryPayload {
  @Field(() => AnnualSummary, { description: '年度总结。' })
  summary!: AnnualSummary;
}

@ObjectType('SubmitAnnualSummaryPayload', { description: 'submitAnnualSummary 的结果。' })
export class SubmitAnnualSummaryPayload {
  @Field(() => AnnualSummary, { description: '年度总结。' })
  summary!: AnnualSummary;
}

@ObjectType('AcceptAnnualSummaryPayload', { description: 'acceptAnnualSummary 的结果。' })
export class AcceptAnnualSummaryPayload {
  @Field(() => AnnualSummary, { description: '年度总结。' })
  summary!: AnnualSummary;
}

@ObjectType('ReturnAnnualSummaryPayload', { description: 'returnAnnualSummary 的结果。' })
export class ReturnAnnualSummaryPayload {
  @Field(() => AnnualSummary, { description: '年度总结。' })
  summary!: AnnualSummary;
}

export const { Connection: CultivationPlanConnection } = connectionTypes(CultivationPlan, 'CultivationPlan', '培育工作总体方案');
export const { Connection: AnnualSummaryConnection } = connectionTypes(AnnualSummary, 'AnnualSummary', '年度总结');
