/** Enrolment's inputs, payloads and connection: enrol, review, cancel, seat allocation, rosters. */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { Enrolment, EnrolmentStatus, TrainingSession } from './training.entity.js';

@InputType('EnrolInput', { description: '报名（企业为本企业人员，省局为本辖区人员）。' })
export class EnrolInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
  @Field(() => ID, { description: '人员。' })
  personId!: string;
}

@InputType('ReviewEnrolmentInput', { description: '审核报名（举办方）：通过（APPROVED，报名截止后按优先顺序分配名额）或不予通过（DECLINED，须说明理由）。' })
export class ReviewEnrolmentInput {
  @Field(() => ID, { description: '报名。' })
  id!: string;
  @Field(() => Boolean, { description: '是否通过。' })
  approve!: boolean;
  @Field(() => String, { nullable: true, description: '说明（不予通过时必填）。' })
  note?: string | null;
}

@InputType('CancelEnrolmentInput', { description: '取消报名；空出的名额由第一位候补递补。' })
export class CancelEnrolmentInput {
  @Field(() => ID, { description: '报名。' })
  id!: string;
  @Field(() => String, { nullable: true, description: '说明。' })
  note?: string | null;
}

@InputType('AllocateSessionSeatsInput', { description: '为须审核的班次分配名额（举办方，报名截止后）。' })
export class AllocateSessionSeatsInput {
  @Field(() => ID, { description: '班次。' })
  sessionId!: string;
}

@ObjectType('EnrolPayload', { description: '报名结果：BOOKED、WAITLISTED，须审核的班次为 REQUESTED（举办方自己办理的为 APPROVED）。' })
export class EnrolPayload {
  @Field(() => Enrolment, { description: '报名。' })
  enrolment!: Enrolment;
}

@ObjectType('ReviewEnrolmentPayload', { description: '审核结果。' })
export class ReviewEnrolmentPayload {
  @Field(() => Enrolment, { description: '审核后的报名：APPROVED（名额已分配的班次即时为 BOOKED 或 WAITLISTED）或 DECLINED。' })
  enrolment!: Enrolment;
}

@ObjectType('CancelEnrolmentPayload', { description: '取消结果。' })
export class CancelEnrolmentPayload {
  @Field(() => Enrolment, { description: '已取消的报名。' })
  enrolment!: Enrolment;
  @Field(() => Enrolment, { nullable: true, description: '递补占得名额的候补（如有，且调用者可见该报名）。' })
  promoted!: Enrolment | null;
}

@ObjectType('AllocateSessionSeatsPayload', { description: '名额分配结果。' })
export class AllocateSessionSeatsPayload {
  @Field(() => TrainingSession, { description: '班次（seatsAllocatedAt 为分配时间）。' })
  session!: TrainingSession;
  @Field(() => Int, { description: '本次占得名额（BOOKED）的人数。' })
  booked!: number;
  @Field(() => Int, { description: '本次转为候补（WAITLISTED）的人数。' })
  waitlisted!: number;
}

@ObjectType('EnrolmentChange', { description: '报名状态的一次变化（保留全部历史）。' })
export class EnrolmentChange {
  @Field(() => String, { description: '时间（ISO 8601）。' })
  at!: string;
  @Field(() => EnrolmentStatus, { description: '新状态。' })
  status!: EnrolmentStatus;
  @Field(() => String, { description: '操作者（system 为自动递补或定时分配）。' })
  by!: string;
  @Field(() => String, { nullable: true, description: '说明。' })
  note!: string | null;
}

export const { Connection: EnrolmentConnection } = connectionTypes(Enrolment, 'Enrolment', '报名');
