import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Region } from '../region/region.entity.js';
import { LiaisonAssignment } from './assignment.entity.js';
import { LiaisonConflictDeclaration, LiaisonOfficer } from './officer.entity.js';
import { AssignmentPlan } from './plan.entity.js';

@ObjectType('RegisterLiaisonOfficerPayload', { description: 'registerLiaisonOfficer 的结果。' })
export class RegisterLiaisonOfficerPayload {
  @Field(() => LiaisonOfficer, { description: '联络员。' })
  officer!: LiaisonOfficer;
}

@ObjectType('UpdateLiaisonOfficerPayload', { description: 'updateLiaisonOfficer 的结果。' })
export class UpdateLiaisonOfficerPayload {
  @Field(() => LiaisonOfficer, { description: '联络员。' })
  officer!: LiaisonOfficer;
}

@ObjectType('SetLiaisonOfficerStatusPayload', { description: 'setLiaisonOfficerStatus 的结果。' })
export class SetLiaisonOfficerStatusPayload {
  @Field(() => LiaisonOfficer, { description: '联络员。' })
  officer!: LiaisonOfficer;

  @Field(() => Int, { description: '因此结束的现任指派数（企业退回待指派）。' })
  ended!: number;
}

@ObjectType('DeclareLiaisonConflictPayload', { description: 'declareLiaisonConflict 的结果。' })
export class DeclareLiaisonConflictPayload {
  @Field(() => LiaisonConflictDeclaration, { description: '申报。' })
  declaration!: LiaisonConflictDeclaration;

  @Field(() => Int, { description: '因冲突而结束的现任指派数。' })
  ended!: number;
}

@ObjectType('WithdrawLiaisonConflictPayload', { description: 'withdrawLiaisonConflict 的结果。' })
export class WithdrawLiaisonConflictPayload {
  @Field(() => LiaisonConflictDeclaration, { description: '申报。' })
  declaration!: LiaisonConflictDeclaration;
}

@ObjectType('AssignLiaisonOfficerPayload', { description: 'assignLiaisonOfficer 的结果。' })
export class AssignLiaisonOfficerPayload {
  @Field(() => LiaisonAssignment, { description: '新指派。' })
  assignment!: LiaisonAssignment;

  @Field(() => LiaisonAssignment, { nullable: true, description: '被改派、自今日结束的原指派；原来没有则为 null。' })
  previous?: LiaisonAssignment | null;
}

@ObjectType('EndLiaisonAssignmentPayload', { description: 'endLiaisonAssignment 的结果。' })
export class EndLiaisonAssignmentPayload {
  @Field(() => LiaisonAssignment, { description: '已结束的指派。' })
  assignment!: LiaisonAssignment;
}

@ObjectType('ComputeAssignmentPlanPayload', { description: 'computeAssignmentPlan 的结果。' })
export class ComputeAssignmentPlanPayload {
  @Field(() => AssignmentPlan, { description: '方案（草稿）。' })
  plan!: AssignmentPlan;
}

@ObjectType('EditAssignmentPlanRowPayload', { description: 'editAssignmentPlanRow 的结果。' })
export class EditAssignmentPlanRowPayload {
  @Field(() => AssignmentPlan, { description: '方案。' })
  plan!: AssignmentPlan;
}

@ObjectType('CommitAssignmentPlanPayload', { description: 'commitAssignmentPlan 的结果。' })
export class CommitAssignmentPlanPayload {
  @Field(() => AssignmentPlan, { description: '方案（已提交）。' })
  plan!: AssignmentPlan;

  @Field(() => Int, { description: '新开始的指派数。' })
  started!: number;

  @Field(() => Int, { description: '结束的指派数（改派或暂不指派）。' })
  ended!: number;

  @Field(() => Int, { description: '保留不变的指派数。' })
  kept!: number;
}

@ObjectType('DiscardAssignmentPlanPayload', { description: 'discardAssignmentPlan 的结果。' })
export class DiscardAssignmentPlanPayload {
  @Field(() => AssignmentPlan, { description: '方案（已放弃）。' })
  plan!: AssignmentPlan;
}

@ObjectType('AssignmentPlanSummary', { description: '方案的汇总。' })
export class AssignmentPlanSummary {
  @Field(() => Int, { description: '方案中的企业。' })
  enterprises!: number;

  @Field(() => Int, { description: '新指派（原来没有联络员）。' })
  added!: number;

  @Field(() => Int, { description: '改派。' })
  moved!: number;

  @Field(() => Int, { description: '保留。' })
  kept!: number;

  @Field(() => Int, { description: '未能指派。' })
  unassigned!: number;

  @Field(() => Int, { description: '经人工修改的行。' })
  edited!: number;
}

@ObjectType('OfficerLoad', { description: '一名联络员的负荷。' })
export class OfficerLoad {
  @Field(() => LiaisonOfficer, { description: '联络员。' })
  officer!: LiaisonOfficer;

  @Field(() => Int, { description: '现任指派的企业数。' })
  enterprises!: number;

  @Field(() => Int, { description: '已用名额。' })
  seats!: number;

  @Field(() => Int, { description: '容量。' })
  capacity!: number;

  @Field(() => Int, { description: '现任指派期间的联系记录数（本局记录的）。' })
  contacts!: number;
}

@ObjectType('UnassignedByRegion', { description: '一个地区尚无本局联络员的示范企业数。' })
export class UnassignedByRegion {
  @Field(() => Region, { description: '地区。' })
  region!: Region;

  @Field(() => Int, { description: '示范企业数。' })
  enterprises!: number;

  @Field(() => Int, { description: '其中尚无联络员的。' })
  unassigned!: number;
}

@ObjectType('LiaisonAssignmentReport', { description: '联络工作统计（一个局）。' })
export class LiaisonAssignmentReport {
  @Field(() => String, { description: '知识产权局。' })
  bureauCode!: string;

  @Field(() => [OfficerLoad], { description: '各联络员的负荷（按已用名额从高到低）。' })
  officers!: OfficerLoad[];

  @Field(() => [UnassignedByRegion], { description: '各地区的示范企业及尚无联络员的（只列有示范企业的地区）。' })
  regions!: UnassignedByRegion[];

  @Field(() => Float, { nullable: true, description: '平均指派天数：企业成为示范企业（或本局开始联络工作后）到首次指派的天数的平均值（近三年开始的指派）。' })
  averageDaysToAssignment?: number | null;

  @Field(() => Float, { nullable: true, description: '每次指派平均的联系记录数（本局在指派期间记录的；近三年开始的指派）。' })
  contactsPerAssignment?: number | null;
}
