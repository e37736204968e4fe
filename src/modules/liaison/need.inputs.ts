import { createUnionType, Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { connectionTypes } from '../../common/pagination.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { CommissionerDispatch } from '../service/dispatch.entity.js';
import { ConsultingSession } from '../consulting/session.entity.js';
import { RecordFilterBase } from './liaison.inputs.js';
import { EnterpriseNeed, NeedCategory, NeedLevel, NeedStatus, NeedUrgency } from './need.entity.js';

export const { Connection: EnterpriseNeedConnection } = connectionTypes(EnterpriseNeed, 'EnterpriseNeed', '企业需求');

/** Whom a need is assigned to: a service organisation, the enterprise's commissioner, or a consulting session. */
export const NeedAssignee = createUnionType({
  name: 'NeedAssignee',
  description: '需求的交办对象：服务机构、派驻该企业的知识产权特派员，或问诊咨询场次。',
  types: () => [ServiceOrganization, CommissionerDispatch, ConsultingSession] as const,
  resolveType: (value) =>
    value instanceof ServiceOrganization ? 'ServiceOrganization' : value instanceof CommissionerDispatch ? 'CommissionerDispatch' : value instanceof ConsultingSession ? 'ConsultingSession' : undefined,
});

@InputType('EnterpriseNeedFilter', { description: '企业需求列表的筛选条件。' })
export class EnterpriseNeedFilter extends RecordFilterBase {
  @Field(() => ID, { nullable: true, description: '交办给这一服务机构的（服务机构的全局 ID）。' })
  organizationId?: string | null;

  @Field(() => [NeedStatus], { nullable: true, description: '状态之一。' })
  statuses?: NeedStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只看未终结的（非不予受理、非已确认办结）；false：只看已终结的。' })
  open?: boolean | null;

  @Field(() => [NeedCategory], { nullable: true, description: '类别之一。' })
  categories?: NeedCategory[] | null;

  @Field(() => [NeedUrgency], { nullable: true, description: '紧急程度之一。' })
  urgencies?: NeedUrgency[] | null;

  @Field(() => NeedLevel, { nullable: true, description: '办理层级：省局办理的，或已转国家局的。' })
  level?: NeedLevel | null;

  @Field(() => DateScalar, { nullable: true, description: '提出日期不早于此日。' })
  submittedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '提出日期不晚于此日。' })
  submittedTo?: string | null;
}

@InputType('SubmitNeedInput', { description: '示范企业提出需求。' })
export class SubmitNeedInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => NeedCategory, { description: '类别。' })
  category!: NeedCategory;

  @Extensions({ maxLength: 200 })
  @Field(() => String, { description: '标题（1–200 字）。' })
  title!: string;

  @Extensions({ maxLength: 5000 })
  @Field(() => String, { description: '需求描述（1–5000 字）。' })
  description!: string;

  @Field(() => NeedUrgency, { description: '紧急程度。' })
  urgency!: NeedUrgency;
}

@ObjectType('SubmitNeedPayload', { description: 'submitNeed 的结果。' })
export class SubmitNeedPayload {
  @Field(() => EnterpriseNeed, { description: '需求。' })
  need!: EnterpriseNeed;
}

/** The fields every step of a need takes: which need, at which version, and what is said. */
@InputType('NeedStepBase', { description: '（基类，不出现在 schema 中）需求办理的共同字段。' })
export class NeedStepBase {
  @Field(() => ID, { description: '需求的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('AcceptNeedInput', { description: '省局受理本辖区的需求。' })
export class AcceptNeedInput extends NeedStepBase {
  @Extensions({ maxLength: 1000 })
  @Field(() => String, { nullable: true, description: '意见（可选，最长 1000 字）。' })
  note?: string | null;
}

@InputType('RejectNeedInput', { description: '不予受理（省局对新提出的需求；国家局对转来的需求）。' })
export class RejectNeedInput extends NeedStepBase {
  @Extensions({ maxLength: 1000 })
  @Field(() => String, { description: '理由（1–1000 字）。' })
  reason!: string;
}

@InputType('AssignNeedInput', { description: '交办：服务机构（省局交办本辖区或无辖区的，国家局任何的，L1）、派驻该企业的特派员，或问诊咨询场次（L5）；三者填一项。' })
export class AssignNeedInput extends NeedStepBase {
  @Field(() => ID, { nullable: true, description: '交办服务机构：其全局 ID（三者填一项）。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '交办派驻该企业、今日在任的知识产权特派员：特派任务（CommissionerDispatch）的全局 ID。' })
  dispatchId?: string | null;

  @Field(() => ID, { nullable: true, description: '交办尚未开始的问诊咨询场次：场次的全局 ID（企业随后可预约该场次）。' })
  consultingSessionId?: string | null;

  @Extensions({ maxLength: 1000 })
  @Field(() => String, { nullable: true, description: '交办意见（可选，最长 1000 字）。' })
  note?: string | null;
}

@InputType('ForwardNeedInput', { description: '省局将需求转国家局办理。' })
export class ForwardNeedInput extends NeedStepBase {
  @Extensions({ maxLength: 1000 })
  @Field(() => String, { description: '转办理由（1–1000 字）。' })
  note!: string;
}

@InputType('ResolveNeedInput', { description: '服务机构办结交办给本机构的需求。' })
export class ResolveNeedInput extends NeedStepBase {
  @Extensions({ maxLength: 5000 })
  @Field(() => String, { description: '办理情况（1–5000 字）。' })
  resolution!: string;
}

@InputType('CloseNeedInput', { description: '企业确认需求已办结。' })
export class CloseNeedInput extends NeedStepBase {
  @Extensions({ maxLength: 1000 })
  @Field(() => String, { nullable: true, description: '评价或说明（可选，最长 1000 字）。' })
  note?: string | null;
}

@InputType('ReopenNeedInput', { description: '企业认为需求未解决，重新打开（至多 3 次，L3）。' })
export class ReopenNeedInput extends NeedStepBase {
  @Extensions({ maxLength: 1000 })
  @Field(() => String, { description: '理由（1–1000 字）。' })
  reason!: string;
}

/** The payload of every step of a need. */
function needPayload(name: string) {
  @ObjectType(`${name}Payload`, { description: `${name[0]!.toLowerCase()}${name.slice(1)} 的结果。` })
  class Payload {
    @Field(() => EnterpriseNeed, { description: '需求。' })
    need!: EnterpriseNeed;
  }
  return Payload;
}

export const AcceptNeedPayload = needPayload('AcceptNeed');
export const RejectNeedPayload = needPayload('RejectNeed');
export const AssignNeedPayload = needPayload('AssignNeed');
export const ForwardNeedPayload = needPayload('ForwardNeed');
export const ResolveNeedPayload = needPayload('ResolveNeed');
export const CloseNeedPayload = needPayload('CloseNeed');
export const ReopenNeedPayload = needPayload('ReopenNeed');
