import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { LiaisonAssignment, AssignmentFactors } from './assignment.entity.js';
import { LiaisonConflictDeclaration, LiaisonConflictKind, LiaisonOfficer, LiaisonOfficerAbsence, LiaisonOfficerStatus } from './officer.entity.js';
import { AssignmentPlan, AssignmentPlanMode, AssignmentPlanRow } from './plan.entity.js';

export const { Connection: LiaisonOfficerConnection } = connectionTypes(LiaisonOfficer, 'LiaisonOfficer', '联络员');
export const { Connection: LiaisonAssignmentConnection } = connectionTypes(LiaisonAssignment, 'LiaisonAssignment', '联络员指派');
export const { Connection: LiaisonConflictDeclarationConnection } = connectionTypes(LiaisonConflictDeclaration, 'LiaisonConflictDeclaration', '利益冲突申报');
export const { Connection: AssignmentPlanConnection } = connectionTypes(AssignmentPlan, 'AssignmentPlan', '指派方案');
export const { Connection: AssignmentPlanRowConnection } = connectionTypes(AssignmentPlanRow, 'AssignmentPlanRow', '方案行');

/** What an officer knows and can take; every field of register, the changed ones of update. */
@InputType('LiaisonOfficerProfileInput', { description: '（基类）联络员的容量、熟悉领域和不在岗期间。' })
export class OfficerProfileInput {
  @Field(() => Int, { nullable: true, description: '容量：名额（1–500）。' })
  capacity?: number | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '熟悉的地区（省级或计划单列市的行政区划代码，至多 40 个）。' })
  regions?: string[] | null;

  @Field(() => [String], { nullable: true, description: '熟悉的行业门类（A–T，至多 20 个）。' })
  industrySections?: string[] | null;

  @Field(() => [String], { nullable: true, description: '工作语言（ISO 639-1 两个小写字母，至多 10 个）。' })
  languages?: string[] | null;

  @Field(() => [LiaisonOfficerAbsence], { nullable: true, description: '不在岗期间（至多 20 段，整体替换）。' })
  absences?: LiaisonOfficerAbsence[] | null;

  @Field(() => ID, { nullable: true, description: '本人的人员记录（全局 ID）：用于推导利益冲突。' })
  personId?: string | null;
}

@InputType('RegisterLiaisonOfficerInput', { description: '把本局的一个管理员账号登记为联络员。' })
export class RegisterLiaisonOfficerInput extends OfficerProfileInput {
  @Field(() => ID, { description: '本局工作人员的用户账号（全局 ID）。' })
  userId!: string;

  @Field(() => String, { nullable: true, description: '姓名（默认取账号的显示名称）。' })
  name?: string | null;
}

@InputType('UpdateLiaisonOfficerInput', { description: '修改联络员（只改给出的字段）。' })
export class UpdateLiaisonOfficerInput extends OfficerProfileInput {
  @Field(() => ID, { description: '联络员的全局 ID。' })
  officerId!: string;

  @Field(() => Int, { description: '读取时的版本号。' })
  version!: number;
}

@InputType('SetLiaisonOfficerStatusInput', { description: '暂停（OPTED_OUT）、恢复（ACTIVE）或登记离岗（LEFT）：暂停和离岗时其现任指派自今日结束，企业退回待指派。' })
export class SetLiaisonOfficerStatusInput {
  @Field(() => ID, { description: '联络员的全局 ID。' })
  officerId!: string;

  @Field(() => LiaisonOfficerStatus, { description: '新状态。离岗后不能恢复。' })
  status!: LiaisonOfficerStatus;

  @Field(() => String, { nullable: true, description: '说明（暂停和离岗必填，至多 500 字）。' })
  note?: string | null;

  @Field(() => Int, { description: '读取时的版本号。' })
  version!: number;
}

@InputType('DeclareLiaisonConflictInput', { description: '申报利益冲突：与一家企业（FORMER_EMPLOYER、RELATIVE、SHAREHOLDING、OTHER）或一个服务机构（SERVICE_ORGANIZATION）。与现任指派冲突的，该指派自今日结束。' })
export class DeclareLiaisonConflictInput {
  @Field(() => ID, { description: '联络员的全局 ID。' })
  officerId!: string;

  @Field(() => LiaisonConflictKind, { description: '类型（只能是申报类）。' })
  kind!: LiaisonConflictKind;

  @Field(() => ID, { nullable: true, description: '企业的全局 ID（除 SERVICE_ORGANIZATION 外必填）。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '服务机构的全局 ID（SERVICE_ORGANIZATION 必填）。' })
  organizationId?: string | null;

  @Field(() => String, { description: '说明（1–500 字）。' })
  detail!: string;
}

@InputType('WithdrawLiaisonConflictInput', { description: '撤回一项申报（例如股份已转让）。' })
export class WithdrawLiaisonConflictInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  declarationId!: string;
}

@InputType('AssignLiaisonOfficerInput', { description: '手工指派或改派（R17）：原指派自今日结束（REASSIGNED），新指派自今日开始。' })
export class AssignLiaisonOfficerInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => ID, { description: '联络员的全局 ID（本局的）。' })
  officerId!: string;

  @Field(() => String, { description: '理由（1–500 字）。' })
  reason!: string;
}

@InputType('EndLiaisonAssignmentInput', { description: '手工结束一项现任指派（企业退回待指派）。' })
export class EndLiaisonAssignmentInput {
  @Field(() => ID, { description: '指派的全局 ID。' })
  assignmentId!: string;

  @Field(() => String, { description: '理由（1–500 字）。' })
  reason!: string;
}

@InputType('LiaisonOfficerFilter', { description: '联络员列表的筛选条件。' })
export class LiaisonOfficerFilter {
  @Field(() => String, { nullable: true, description: '所属局（100000 国家局，或省局的行政区划代码）；不填为本局（国家局为全部）。' })
  bureauCode?: string | null;

  @Field(() => [LiaisonOfficerStatus], { nullable: true, description: '状态之一。' })
  statuses?: LiaisonOfficerStatus[] | null;
}

@InputType('LiaisonAssignmentFilter', { description: '指派列表的筛选条件。' })
export class LiaisonAssignmentFilter {
  @Field(() => ID, { nullable: true, description: '企业的全局 ID。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '联络员的全局 ID。' })
  officerId?: string | null;

  @Field(() => String, { nullable: true, description: '指派的局（100000 国家局，或省局的行政区划代码）。' })
  bureauCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true 只看现任，false 只看已结束，不填全部（含历史）。' })
  current?: boolean | null;
}

/** Why an officer cannot take an enterprise (now). */
@ObjectType('CandidateExclusion', { description: '联络员不能指派给该企业的原因。' })
export class CandidateExclusion {
  @Field(() => String, { description: '代码：CONFLICT_OF_INTEREST、OPTED_OUT、LEFT、ABSENT、FULL。' })
  code!: string;

  @Field(() => String, { description: '说明（利益冲突的具体原因只对国家局显示）。' })
  message!: string;
}

@ObjectType('LiaisonCandidate', { description: '一家企业的一名候选联络员：匹配分及其构成，或不能指派的原因。' })
export class LiaisonCandidate {
  @Field(() => LiaisonOfficer, { description: '联络员。' })
  officer!: LiaisonOfficer;

  @Field(() => Boolean, { description: '是否可以指派（无排除原因）。' })
  eligible!: boolean;

  @Field(() => Boolean, { description: '是否为现任联络员。' })
  current!: boolean;

  @Field(() => AssignmentFactors, { description: '匹配分构成。' })
  factors!: AssignmentFactors;

  @Field(() => Int, { description: '当前已用名额。' })
  load!: number;

  @Field(() => Int, { description: '该企业将占用的名额。' })
  seats!: number;

  @Field(() => [CandidateExclusion], { description: '不能指派的原因（可指派时为空）。' })
  exclusions!: CandidateExclusion[];
}

@ObjectType('LiaisonCandidates', { description: '一家企业的候选联络员（R17：本局的联络员），可指派的按匹配分从高到低在前。' })
export class LiaisonCandidates {
  @Field(() => Enterprise, { description: '企业。' })
  enterprise!: Enterprise;

  @Field(() => String, { description: '指派的局。' })
  bureauCode!: string;

  @Field(() => [LiaisonCandidate], { description: '候选联络员（本局全部联络员，至多 500 名）。' })
  candidates!: LiaisonCandidate[];
}

@ObjectType('DerivedLiaisonConflict', { description: '联络员的一项利益冲突（申报或推导），只有国家局和本人可见。' })
export class DerivedLiaisonConflict {
  @Field(() => Enterprise, { description: '企业。' })
  enterprise!: Enterprise;

  @Field(() => LiaisonConflictKind, { description: '类型。' })
  kind!: LiaisonConflictKind;

  @Field(() => String, { description: '原因。' })
  detail!: string;
}

@InputType('ComputeAssignmentPlanInput', { description: '计算指派方案（本局）。' })
export class ComputeAssignmentPlanInput {
  @Field(() => AssignmentPlanMode, { defaultValue: AssignmentPlanMode.UNASSIGNED, description: '范围：只为未指派的企业，或全部重新规划。' })
  mode!: AssignmentPlanMode;

  @Field(() => Int, { nullable: true, description: '稳定权重（0–100；默认取规则设置 liaisonStabilityWeight）。' })
  stabilityWeight?: number | null;

  @Field(() => Float, { nullable: true, description: '均衡权重（0–50，默认 5）：超过目标负荷后每个名额的扣分，超过目标 1.25 倍后加倍为 3 倍。' })
  balanceWeight?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: '重新规划时保留手工指派（默认 true：手工指派附有理由，不由优化改动）；false 时手工指派也参与规划。' })
  keepManualAssignments?: boolean | null;
}

@InputType('EditAssignmentPlanRowInput', { description: '修改方案中的一行：改为另一名联络员，或 officerId 为 null 表示暂不指派。' })
export class EditAssignmentPlanRowInput {
  @Field(() => ID, { description: '方案的全局 ID。' })
  planId!: string;

  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => ID, { nullable: true, description: '联络员的全局 ID；null：该企业暂不指派（现任指派结束）。' })
  officerId?: string | null;

  @Field(() => String, { nullable: true, description: '修改说明（至多 500 字）。' })
  note?: string | null;

  @Field(() => Int, { description: '方案读取时的版本号。' })
  version!: number;
}

@InputType('CommitAssignmentPlanInput', { description: '提交方案：在一个事务中生效；预览后数据有变化（联络员、冲突、现任指派、示范企业）则拒绝（CONFLICT），须重新计算。' })
export class CommitAssignmentPlanInput {
  @Field(() => ID, { description: '方案的全局 ID。' })
  planId!: string;

  @Field(() => Int, { description: '方案读取时的版本号。' })
  version!: number;
}

@InputType('DiscardAssignmentPlanInput', { description: '放弃方案。' })
export class DiscardAssignmentPlanInput {
  @Field(() => ID, { description: '方案的全局 ID。' })
  planId!: string;
}

@InputType('AssignmentPlanRowFilter', { description: '方案行的筛选。' })
export class AssignmentPlanRowFilter {
  @Field(() => Boolean, { nullable: true, description: 'true：只看有变化的行（新指派、改派、结束）。' })
  changedOnly?: boolean | null;

  @Field(() => ID, { nullable: true, description: '只看拟指派给（或原属）这名联络员的行。' })
  officerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只看未能指派的行。' })
  unassignedOnly?: boolean | null;
}

/** Per officer in a plan: what it gains, keeps and loses. */
@ObjectType('AssignmentPlanOfficer', { description: '方案对一名联络员的影响：新增、保留、移出的企业数和方案后的负荷。' })
export class AssignmentPlanOfficer {
  @Field(() => LiaisonOfficer, { description: '联络员。' })
  officer!: LiaisonOfficer;

  @Field(() => Int, { description: '新增的企业。' })
  added!: number;

  @Field(() => Int, { description: '保留的企业。' })
  kept!: number;

  @Field(() => Int, { description: '移出的企业。' })
  removed!: number;

  @Field(() => Int, { description: '方案后已用名额（含方案外的现任指派）。' })
  loadAfter!: number;

  @Field(() => Int, { description: '容量。' })
  capacity!: number;
}
