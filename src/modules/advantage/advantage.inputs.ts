import { Extensions, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { connectionTypes } from '../../common/pagination.js';
import { PublicNotice } from '../application/public-notice.entity.js';
import { Designation } from '../designation/designation.entity.js';
import { IndicatorScoreInput } from '../application/application.inputs.js';
import { ItemCheckInput } from '../evaluation/evaluation.inputs.js';
import { AdvantageApplication, AdvantageApplicationStatus, AdvantageBatch, CultivationReport, MidTermCheck, StandardPath } from './advantage.entity.js';

export const { Connection: AdvantageApplicationConnection } = connectionTypes(AdvantageApplication, 'AdvantageApplication', '优势企业申报');

@InputType('SetAdvantageBatchInput', { description: '本辖区某年度优势企业培育批次的受理期（省局）。' })
export class SetAdvantageBatchInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Field(() => DateScalar, { description: '开始受理日（该年度内）。' })
  opensOn!: string;

  @Field(() => DateScalar, { description: '受理截止日（该年度内，含）。' })
  closesOn!: string;

  @Field(() => Int, { nullable: true, description: '修改已有批次时回传其版本号。' })
  version?: number | null;
}

@ObjectType('SetAdvantageBatchPayload', { description: 'setAdvantageBatch 的结果。' })
export class SetAdvantageBatchPayload {
  @Field(() => AdvantageBatch, { description: '批次。' })
  batch!: AdvantageBatch;
}

@ObjectType('SubmitAdvantageBatchPayload', { description: 'submitAdvantageBatch 的结果。' })
export class SubmitAdvantageBatchPayload {
  @Field(() => AdvantageBatch, { description: '批次（已报送）。' })
  batch!: AdvantageBatch;

  @Field(() => PublicNotice, { nullable: true, description: '省局认定且须公示时，本批次名单的公示；否则为 null。' })
  notice!: PublicNotice | null;

  @Field(() => [Designation], { description: '省局认定、规则设置已不再要求公示时，此前审核通过（待公示）的申报即日认定；其他情况为空。' })
  designations!: Designation[];
}

@InputType('SaveAdvantageApplicationInput', { description: '优势企业申报草稿（企业用户，本企业）；只修改给出的字段。' })
export class SaveAdvantageApplicationInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => Int, { description: '年度（批次）。' })
  year!: number;

  @Field(() => Int, { nullable: true, description: '修改已有草稿时回传其版本号。' })
  version?: number | null;

  @Extensions({ maxLength: 50_000 })
  @Field(() => String, { nullable: true, description: '申报书内容（最长 50000 字）。' })
  formContent?: string | null;

  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { nullable: true, description: '培育工作方案（最长 20000 字）。' })
  workPlan?: string | null;

  @Field(() => StandardPath, { nullable: true, description: '贯标情况。' })
  standardPath?: StandardPath | null;

  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { nullable: true, description: '贯标实施计划（正在贯标时必填，最长 20000 字）。' })
  implementationPlan?: string | null;

  @Field(() => Float, { nullable: true, description: '自评 A 表总分（0–100）。' })
  scoreA?: number | null;

  @Field(() => Float, { nullable: true, description: '自评 B 表总分（0–100）。' })
  scoreB?: number | null;

  @Field(() => [IndicatorScoreInput], { nullable: true, description: '按当年《评价指标体系》A、B 表逐项自评（最多 200 项），整体替换；已发布评价表的表，总分为逐项得分之和。' })
  indicators?: IndicatorScoreInput[] | null;

  @Field(() => [ID], { nullable: true, description: '附件（本企业通过 POST /files 上传的文件 ID，最多 30 个）；给出即替换。' })
  attachmentIds?: string[] | null;
}

@ObjectType('SaveAdvantageApplicationPayload', { description: 'saveAdvantageApplication 的结果。' })
export class SaveAdvantageApplicationPayload {
  @Field(() => AdvantageApplication, { description: '申报草稿。' })
  application!: AdvantageApplication;
}

@InputType('SubmitAdvantageApplicationInput', { description: '提交优势企业申报。' })
export class SubmitAdvantageApplicationInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@ObjectType('SubmitAdvantageApplicationPayload', { description: 'submitAdvantageApplication 的结果。' })
export class SubmitAdvantageApplicationPayload {
  @Field(() => AdvantageApplication, { description: '已提交的申报。' })
  application!: AdvantageApplication;
}

@ObjectType('ReviewAdvantageApplicationPayload', { description: 'reviewAdvantageApplication 的结果。' })
export class ReviewAdvantageApplicationPayload {
  @Field(() => AdvantageApplication, { description: '申报。' })
  application!: AdvantageApplication;

  @Field(() => Designation, { nullable: true, description: '由此产生的优势企业认定（规则设置为省局认定时）。' })
  designation?: Designation | null;
}

export enum AdvantageDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(AdvantageDecision, {
  name: 'AdvantageDecision',
  description: '省局审核结论。',
  valuesConfig: {
    APPROVE: { description: '通过：报国家局确认，或（规则设置为省局认定时）即认定' },
    REJECT: { description: '不通过（须说明理由）' },
  },
});

@InputType('ReviewAdvantageApplicationInput', { description: '省局审核优势企业申报。' })
export class ReviewAdvantageApplicationInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => AdvantageDecision, { description: '结论。' })
  decision!: AdvantageDecision;

  @Extensions({ maxLength: 2_000 })
  @Field(() => String, { nullable: true, description: '审核意见（不通过时必填，1–2000 字）。' })
  comments?: string | null;

  @Field(() => [ItemCheckInput], { nullable: true, description: '逐项核查（当年已发布评价表时，通过须逐项核定每一项自评；调整须附理由）。' })
  itemChecks?: ItemCheckInput[] | null;
}

@InputType('SubmitAdvantageBatchInput', { description: '省局将本年度批次报国家局确认。' })
export class SubmitAdvantageBatchInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Field(() => Int, { description: '批次的版本号。' })
  version!: number;

  @Field(() => DateScalar, { nullable: true, description: '公示开始日（仅“省局认定”且规则设置须公示时；不填为今日，不早于今日）。' })
  noticeStartsOn?: string | null;
}

@InputType('NotConfirmedInput', { description: '不予确认（或公示后不予认定）的一项申报及理由。' })
export class NotConfirmedInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  applicationId!: string;

  @Extensions({ maxLength: 2_000 })
  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@InputType('ConfirmAdvantageBatchInput', { description: '国家局确认省局报送的优势企业名单。' })
export class ConfirmAdvantageBatchInput {
  @Field(() => ID, { description: '批次的全局 ID。' })
  batchId!: string;

  @Field(() => Int, { description: '批次的版本号。' })
  version!: number;

  @Field(() => DateScalar, { nullable: true, description: '认定日（培育期起始日），不填为今日；不早于报送日，不晚于今日。规则设置须公示时不填：认定日为公示期满后发布名单之日。' })
  designatedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '公示开始日（仅规则设置须公示时；不填为今日，不早于今日）。' })
  noticeStartsOn?: string | null;

  @Field(() => [NotConfirmedInput], { nullable: true, description: '不予确认的申报（其余全部确认）。' })
  notConfirmed?: NotConfirmedInput[] | null;
}

@ObjectType('ConfirmAdvantageBatchPayload', { description: 'confirmAdvantageBatch 的结果。' })
export class ConfirmAdvantageBatchPayload {
  @Field(() => AdvantageBatch, { description: '批次。' })
  batch!: AdvantageBatch;

  @Field(() => [Designation], { description: '新的优势企业认定（培育期）；规则设置须公示时为空，名单进入公示。' })
  designations!: Designation[];

  @Field(() => PublicNotice, { nullable: true, description: '规则设置须公示时，确认名单的公示；否则为 null。' })
  notice!: PublicNotice | null;
}

@InputType('SubmitCultivationReportInput', { description: '培育期年度进展报告（企业，本企业）。' })
export class SubmitCultivationReportInput {
  @Field(() => ID, { description: '优势企业认定的全局 ID。' })
  designationId!: string;

  @Field(() => Int, { description: '培育期第几年（1 起）。' })
  cultivationYear!: number;

  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '本年度工作进展与成效（1–20000 字）。' })
  progress!: string;

  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '下一年度计划（1–20000 字）。' })
  nextSteps!: string;

  @Field(() => [ID], { nullable: true, description: '附件（本企业上传的文件 ID，最多 30 个）。' })
  attachmentIds?: string[] | null;

  @Field(() => Int, { nullable: true, description: '修改已提交的报告时回传其版本号（期限前可修改）。' })
  version?: number | null;
}

@ObjectType('SubmitCultivationReportPayload', { description: 'submitCultivationReport 的结果。' })
export class SubmitCultivationReportPayload {
  @Field(() => CultivationReport, { description: '报告。' })
  report!: CultivationReport;
}

@InputType('RecordMidTermCheckInput', { description: '省局对优势企业培育期的中期检查。' })
export class RecordMidTermCheckInput {
  @Field(() => ID, { description: '优势企业认定的全局 ID。' })
  designationId!: string;

  @Field(() => Boolean, { description: '是否通过；不通过即退出培育（称号终止）。' })
  passed!: boolean;

  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { description: '检查意见（1–5000 字）。' })
  notes!: string;
}

@ObjectType('RecordMidTermCheckPayload', { description: 'recordMidTermCheck 的结果。' })
export class RecordMidTermCheckPayload {
  @Field(() => MidTermCheck, { description: '检查记录。' })
  check!: MidTermCheck;

  @Field(() => Designation, { description: '优势企业认定（不通过时为 CANCELLED）。' })
  designation!: Designation;
}

@InputType('WithdrawFromCultivationInput', { description: '退出优势企业培育。' })
export class WithdrawFromCultivationInput {
  @Field(() => ID, { description: '优势企业认定的全局 ID。' })
  designationId!: string;

  @Extensions({ maxLength: 2_000 })
  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@ObjectType('WithdrawFromCultivationPayload', { description: 'withdrawFromCultivation 的结果。' })
export class WithdrawFromCultivationPayload {
  @Field(() => Designation, { description: '优势企业认定（WITHDRAWN）。' })
  designation!: Designation;
}

@ObjectType('CultivationYear', { description: '培育期的一个年度及其进展报告。' })
export class CultivationYear {
  @Field(() => Int, { description: '第几年。' })
  cultivationYear!: number;

  @Field(() => DateScalar, { description: '该年度起始日。' })
  startsOn!: string;

  @Field(() => DateScalar, { description: '该年度最后一日。' })
  endsOn!: string;

  @Field(() => DateScalar, { description: '进展报告的提交期限。' })
  reportDueOn!: string;

  @Field(() => CultivationReport, { nullable: true, description: '已提交的报告。' })
  report!: CultivationReport | null;

  @Field(() => Boolean, { description: '报告已逾期未交。' })
  overdue!: boolean;
}

@ObjectType('Cultivation', { description: '优势企业的培育期：年度报告、中期检查、期满或退出。' })
export class Cultivation {
  @Field(() => DateScalar, { description: '培育期起始日。' })
  startsOn!: string;

  @Field(() => DateScalar, { description: '培育期最后一日。' })
  endsOn!: string;

  @Field(() => [CultivationYear], { description: '各年度及其进展报告。' })
  years!: CultivationYear[];

  @Field(() => DateScalar, { description: '中期检查可以办理的首日。' })
  midTermOpensOn!: string;

  @Field(() => MidTermCheck, { nullable: true, description: '中期检查记录。' })
  midTermCheck!: MidTermCheck | null;

  @Field(() => Boolean, { description: '培育期已期满且未提前终止：满足示范企业申报条件 1（D 三(一)1，R2）。' })
  completed!: boolean;

  @Field(() => DateScalar, { nullable: true, description: '提前终止（中期检查不通过、主动退出、撤销）之日。' })
  endedOn!: string | null;
}

@InputType('AdvantageApplicationFilter', { description: '优势企业申报的筛选条件。' })
export class AdvantageApplicationFilter {
  @Field(() => RegionCodeScalar, { nullable: true, description: '省级辖区（省局只能查本辖区，可不填）。' })
  regionCode?: string | null;

  @Field(() => Int, { nullable: true, description: '年度。' })
  year?: number | null;

  @Field(() => [AdvantageApplicationStatus], { nullable: true, description: '状态。' })
  status?: AdvantageApplicationStatus[] | null;
}

@InputType('AdvantageCultivationFilter', { description: '优势企业培育期的筛选条件。' })
export class AdvantageCultivationFilter {
  @Field(() => RegionCodeScalar, { nullable: true, description: '省级辖区（省局只能查本辖区，可不填）。' })
  regionCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true：今日在培育期内的；false：已期满或已终止的。' })
  current?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true：今日可以、但尚未做中期检查的。' })
  midTermCheckDue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true：有逾期未交年度进展报告的。' })
  reportOverdue?: boolean | null;

  @Field(() => Int, { nullable: true, description: '批次年度。' })
  batchYear?: number | null;
}
