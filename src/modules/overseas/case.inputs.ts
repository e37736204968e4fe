import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { CaseChannel, CaseOutcome, CaseStatus, CaseType, CaseUrgency, DeadlineState, ProtectionCase, ProtectionCaseEvent, RapidResponseMeasure } from './case.entity.js';
import { ParticipantKind, ProtectionCaseParticipant } from './case-parts.entity.js';

@InputType('ReportProtectionCaseInput', { description: '报告一件维权案件（R20）。' })
export class ReportProtectionCaseInput {
  @Field(() => ID, { nullable: true, description: '企业（企业用户可省略，为本企业；省局、国家局代为报告时必填）。' })
  enterpriseId?: string | null;
  @Field(() => CaseChannel, { description: '海外（驻外工作站）或国内（维权援助中心）。' })
  channel!: CaseChannel;
  @Field(() => CaseType, { description: '类型。' })
  type!: CaseType;
  @Field(() => CaseUrgency, { description: '紧急程度（决定时限）。' })
  urgency!: CaseUrgency;
  @Field(() => String, { nullable: true, description: '问题发生的国家（海外必填，ISO 3166-1 两位字母代码）：由覆盖该国的工作站受理。' })
  countryCode?: string | null;
  @Field(() => String, { description: '标题（1–200 字）。' })
  title!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '情况：发生了什么，涉及的权利和产品，已采取的措施，需要什么帮助（1–20000 字）。' })
  description!: string;
  @Field(() => String, { nullable: true, description: '对方（至多 200 字）。' })
  counterparty?: string | null;
  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件（已上传的文件）。' })
  attachmentIds?: string[] | null;
}

@InputType('AdvanceProtectionCaseInput', { description: '案件进入下一步：确认受理、反馈信息、协调应对或结案（受理单位、国家局）。' })
export class AdvanceProtectionCaseInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => CaseStatus, { description: '新状态：当前状态的下一步，或 CLOSED（任何未结状态都可结案）。' })
  to!: CaseStatus;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '内容：确认的说明、反馈的信息、应对方案或结案说明（1–20000 字）。' })
  body!: string;
  @Field(() => CaseOutcome, { nullable: true, description: '结案结果（结案时必填；企业撤回用 withdrawProtectionCase）。' })
  outcome?: CaseOutcome | null;
  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件。' })
  attachmentIds?: string[] | null;
}

@InputType('WithdrawProtectionCaseInput', { description: '企业撤回案件（企业本身或其主管局）。' })
export class WithdrawProtectionCaseInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => String, { description: '撤回理由（1–2000 字）。' })
  reason!: string;
}

@InputType('WaitOnEnterpriseInput', { description: '等待企业补充：时限暂停，直至企业补充或受理单位恢复。' })
export class WaitOnEnterpriseInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => String, { description: '需要企业补充什么（1–2000 字）。' })
  request!: string;
}

@InputType('ResumeProtectionCaseInput', { description: '恢复办理：结束等待，时限继续。' })
export class ResumeProtectionCaseInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => String, { nullable: true, description: '说明（至多 2000 字）。' })
  note?: string | null;
}

@InputType('AddCaseNoteInput', { description: '在案件时间线上补充说明或材料；企业在等待期间补充即结束等待。受理单位可记录快速维权措施（国内）。' })
export class AddCaseNoteInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '内容（1–20000 字）。' })
  body!: string;
  @Field(() => RapidResponseMeasure, { nullable: true, description: '快速维权措施（仅国内案件的受理单位）。' })
  measure?: RapidResponseMeasure | null;
  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件。' })
  attachmentIds?: string[] | null;
}

@InputType('AddCaseParticipantInput', { description: '邀请参与方：人才库中的专家、服务机构或企业所在联盟的联合防御基金（受理单位、国家局）。' })
export class AddCaseParticipantInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Field(() => ParticipantKind, { description: '类别。' })
  kind!: ParticipantKind;
  @Field(() => ID, { nullable: true, description: '专家（Person 或 ExpertDirectoryEntry 的 ID；须为人才库在任成员）。' })
  personId?: string | null;
  @Field(() => ID, { nullable: true, description: '服务机构。' })
  organizationId?: string | null;
  @Field(() => ID, { nullable: true, description: '产业知识产权联盟（企业须为其在册成员）。' })
  allianceId?: string | null;
  @Field(() => String, { description: '作用（1–200 字）。' })
  role!: string;
}

@InputType('EndCaseParticipantInput', { description: '参与方退出。' })
export class EndCaseParticipantInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Field(() => ID, { description: '参与方 ID（CaseParticipant.participantId）。' })
  participantId!: string;
}

@InputType('ReassignProtectionCaseInput', { description: '国家局改派受理单位（已用时间保留，余下的按新单位的日历计）。' })
export class ReassignProtectionCaseInput {
  @Field(() => ID, { description: '案件。' })
  caseId!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => ID, { description: '新的受理单位（海外：有工作站资料的驻外工作站；国内：维权援助中心）。' })
  handlerId!: string;
  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@InputType('SetCaseDeadlineTargetInput', { description: '设定一类案件的时限目标（工作小时，国家局）；三项均不填则恢复默认。' })
export class SetCaseDeadlineTargetInput {
  @Field(() => CaseChannel, { description: '渠道。' })
  channel!: CaseChannel;
  @Field(() => CaseType, { description: '类型。' })
  type!: CaseType;
  @Field(() => CaseUrgency, { description: '紧急程度。' })
  urgency!: CaseUrgency;
  @Field(() => Float, { nullable: true, description: '首次响应（工作小时，0.25–10000）。' })
  firstResponseHours?: number | null;
  @Field(() => Float, { nullable: true, description: '信息反馈（工作小时，不少于首次响应）。' })
  feedbackHours?: number | null;
  @Field(() => Float, { nullable: true, description: '结案（工作小时，不少于信息反馈，至多 10000）。' })
  resolutionHours?: number | null;
}

@ObjectType('CaseDeadlineTarget', { description: '一类案件的时限目标（工作小时，按受理单位的日历）：新报告的案件按此计；已报告的不变。' })
export class CaseDeadlineTargetRow {
  @Field(() => CaseChannel, { description: '渠道。' })
  channel!: CaseChannel;
  @Field(() => CaseType, { description: '类型。' })
  type!: CaseType;
  @Field(() => CaseUrgency, { description: '紧急程度。' })
  urgency!: CaseUrgency;
  @Field(() => Float, { description: '首次响应。' })
  firstResponseHours!: number;
  @Field(() => Float, { description: '信息反馈。' })
  feedbackHours!: number;
  @Field(() => Float, { description: '结案。' })
  resolutionHours!: number;
  @Field(() => Boolean, { description: '国家局未单独设定，为默认值。' })
  isDefault!: boolean;
}

@InputType('ProtectionCaseFilter', { description: '维权案件的筛选。' })
export class ProtectionCaseFilter {
  @Field(() => CaseChannel, { nullable: true, description: '渠道。' })
  channel?: CaseChannel | null;
  @Field(() => [CaseStatus], { nullable: true, description: '状态之一。' })
  statuses?: CaseStatus[] | null;
  @Field(() => [CaseType], { nullable: true, description: '类型之一。' })
  types?: CaseType[] | null;
  @Field(() => String, { nullable: true, description: '国家。' })
  countryCode?: string | null;
  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;
  @Field(() => ID, { nullable: true, description: '受理单位。' })
  handlerId?: string | null;
  @Field(() => [DeadlineState], { nullable: true, description: '有一项时限处于这些状态之一（如 BREACHED：超期未完成；AT_RISK：预警；MET_LATE：超期后完成）。' })
  deadlineStates?: DeadlineState[] | null;
  @Field(() => Boolean, { nullable: true, description: '是否在等待企业。' })
  waitingOnEnterprise?: boolean | null;
}

@ObjectType('ReportProtectionCasePayload', { description: 'reportProtectionCase 的结果。' })
export class ReportProtectionCasePayload {
  @Field(() => ProtectionCase, { description: '案件。' })
  protectionCase!: ProtectionCase;
}
/** The payload of a mutation on a case: its name and the case after it (each mutation its own type, as the schema's convention asks). */
function casePayload(name: string) {
  @ObjectType(`${name}Payload`, { description: `${name.charAt(0).toLowerCase()}${name.slice(1)} 的结果。` })
  class Payload {
    @Field(() => ProtectionCase, { description: '案件。' })
    protectionCase!: ProtectionCase;
  }
  return Payload;
}
export const AdvanceProtectionCasePayload = casePayload('AdvanceProtectionCase');
export const WithdrawProtectionCasePayload = casePayload('WithdrawProtectionCase');
export const WaitOnEnterprisePayload = casePayload('WaitOnEnterprise');
export const ResumeProtectionCasePayload = casePayload('ResumeProtectionCase');
export const ReassignProtectionCasePayload = casePayload('ReassignProtectionCase');
export type ProtectionCasePayload = InstanceType<typeof AdvanceProtectionCasePayload>;
@ObjectType('AddCaseNotePayload', { description: 'addCaseNote 的结果。' })
export class AddCaseNotePayload {
  @Field(() => ProtectionCaseEvent, { description: '时间线上的新一项。' })
  event!: ProtectionCaseEvent;
  @Field(() => ProtectionCase, { description: '案件。' })
  protectionCase!: ProtectionCase;
}
@ObjectType('AddCaseParticipantPayload', { description: 'addCaseParticipant 的结果。' })
export class AddCaseParticipantPayload {
  @Field(() => ProtectionCaseParticipant, { description: '参与方。' })
  participant!: ProtectionCaseParticipant;
}
@ObjectType('EndCaseParticipantPayload', { description: 'endCaseParticipant 的结果。' })
export class EndCaseParticipantPayload {
  @Field(() => ProtectionCaseParticipant, { description: '参与方。' })
  participant!: ProtectionCaseParticipant;
}
@ObjectType('SetCaseDeadlineTargetPayload', { description: 'setCaseDeadlineTarget 的结果。' })
export class SetCaseDeadlineTargetPayload {
  @Field(() => CaseDeadlineTargetRow, { description: '生效的目标。' })
  target!: CaseDeadlineTargetRow;
}

export const { Connection: ProtectionCaseConnection } = connectionTypes(ProtectionCase, 'ProtectionCase', '维权案件');
export const { Connection: CaseEventConnection } = connectionTypes(ProtectionCaseEvent, 'CaseEvent', '案件时间线');
