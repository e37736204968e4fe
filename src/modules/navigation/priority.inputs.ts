import { DateTimeResolver } from 'graphql-scalars';
import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, PatentApplicationNumberScalar, RegionCodeScalar } from '../../common/scalars.js';
import { PriorityExaminationOutcome, PriorityExaminationRequest, PriorityRequestStatus } from './priority.entity.js';

@InputType('RequestPriorityExaminationInput', { description: '请求省局推荐本企业的一件专利申请进行优先审查（R21）。' })
export class RequestPriorityExaminationInput {
  @Field(() => ID, { description: '企业（本企业）。' })
  enterpriseId!: string;
  @Field(() => PatentApplicationNumberScalar, { description: '专利申请号（校验位不对的在解析时即被拒绝）。' })
  applicationNumber!: string;
  @Field(() => String, { description: '发明创造名称（1–200 字）。' })
  title!: string;
  @Extensions({ maxItems: 20 })
  @Field(() => [String], { description: '关键技术领域的国际专利分类号（1–20 个，如 H04L 9/08）。' })
  ipcClasses!: string[];
  @Field(() => String, { description: '请求推荐的理由（1–2000 字）。' })
  reason!: string;
}

@InputType('WithdrawPriorityExaminationInput', { description: '撤回待审核的请求（企业）。' })
export class WithdrawPriorityExaminationInput {
  @Field(() => ID, { description: '请求的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('DecidePriorityExaminationInput', { description: '省局审核请求：推荐（占用本局当年的一个名额）或不予推荐。' })
export class DecidePriorityExaminationInput {
  @Field(() => ID, { description: '请求的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => Boolean, { description: 'true 推荐，false 不予推荐。' })
  recommend!: boolean;
  @Field(() => String, { nullable: true, description: '意见（不予推荐时必填，至多 2000 字）。' })
  note?: string | null;
}

@InputType('RecordPriorityExaminationOutcomeInput', { description: '登记已推荐申请的审查结果；同意的可稍后再补授权日。' })
export class RecordPriorityExaminationOutcomeInput {
  @Field(() => ID, { description: '请求的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => PriorityExaminationOutcome, { description: '同意或不同意优先审查。' })
  outcome!: PriorityExaminationOutcome;
  @Field(() => DateScalar, { description: '作出决定的日期（不早于推荐日，不晚于今天）。' })
  outcomeOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '授权公告日（同意的才有）。' })
  grantedOn?: string | null;
}

@InputType('SetPriorityExaminationQuotaInput', { description: '下达某省局某年的优先审查推荐名额（国家局）。' })
export class SetPriorityExaminationQuotaInput {
  @Field(() => RegionCodeScalar, { description: '省局所在辖区。' })
  bureauCode!: string;
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => Int, { description: '名额（0–10000，不少于该局当年已推荐的数目）。' })
  quota!: number;
}

@InputType('PriorityExaminationFilter', { description: '优先审查推荐请求的筛选。' })
export class PriorityExaminationFilter {
  @Extensions({ maxItems: 40 })
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一。' })
  regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;
  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;
  @Field(() => [PriorityRequestStatus], { nullable: true, description: '状态之一。' })
  status?: PriorityRequestStatus[] | null;
  @Field(() => [PriorityExaminationOutcome], { nullable: true, description: '审查结果之一。' })
  outcome?: PriorityExaminationOutcome[] | null;
  @Field(() => Int, { nullable: true, description: '占用该年度名额的（已推荐的）。' })
  quotaYear?: number | null;
}

@ObjectType('PriorityExaminationQuotaRow', { description: '某省局某年的优先审查推荐名额及使用情况（R21）。' })
export class PriorityExaminationQuotaRow {
  @Field(() => RegionCodeScalar, { description: '省局所在辖区。' })
  bureauCode!: string;
  @Field(() => String, { description: '辖区名称。' })
  regionName!: string;
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => Int, { description: '名额。' })
  quota!: number;
  @Field(() => Boolean, { description: '国家局未单独下达，按全国默认数（programmeSettings.priorityExaminationQuota）。' })
  isDefault!: boolean;
  @Field(() => Int, { description: '已推荐。' })
  used!: number;
  @Field(() => Int, { description: '尚余。' })
  remaining!: number;
}

@ObjectType('PriorityExaminationHistoryEntry', { description: '优先审查推荐请求的一次变化。' })
export class PriorityExaminationHistoryEntry {
  @Field(() => DateTimeResolver, { description: '时间。' })
  at!: Date;
  @Field(() => String, { description: '操作人（用户名）。' })
  by!: string;
  @Field(() => PriorityRequestStatus, { description: '变化后的状态。' })
  status!: PriorityRequestStatus;
  @Field(() => PriorityExaminationOutcome, { nullable: true, description: '登记的审查结果（登记结果时）。' })
  outcome!: PriorityExaminationOutcome | null;
  @Field(() => String, { nullable: true, description: '意见。' })
  note!: string | null;
}

@ObjectType('RequestPriorityExaminationPayload', { description: 'requestPriorityExamination 的结果。' })
export class RequestPriorityExaminationPayload {
  @Field(() => PriorityExaminationRequest, { description: '请求。' })
  request!: PriorityExaminationRequest;
}

@ObjectType('WithdrawPriorityExaminationPayload', { description: 'withdrawPriorityExamination 的结果。' })
export class WithdrawPriorityExaminationPayload {
  @Field(() => PriorityExaminationRequest, { description: '请求。' })
  request!: PriorityExaminationRequest;
}

@ObjectType('DecidePriorityExaminationPayload', { description: 'decidePriorityExamination 的结果。' })
export class DecidePriorityExaminationPayload {
  @Field(() => PriorityExaminationRequest, { description: '请求。' })
  request!: PriorityExaminationRequest;
}

@ObjectType('RecordPriorityExaminationOutcomePayload', { description: 'recordPriorityExaminationOutcome 的结果。' })
export class RecordPriorityExaminationOutcomePayload {
  @Field(() => PriorityExaminationRequest, { description: '请求。' })
  request!: PriorityExaminationRequest;
}

@ObjectType('SetPriorityExaminationQuotaPayload', { description: 'setPriorityExaminationQuota 的结果。' })
export class SetPriorityExaminationQuotaPayload {
  @Field(() => PriorityExaminationQuotaRow, { description: '该局该年的名额及使用情况。' })
  quota!: PriorityExaminationQuotaRow;
}

export const { Connection: PriorityExaminationConnection } = connectionTypes(PriorityExaminationRequest, 'PriorityExaminationRequest', '优先审查推荐请求');
