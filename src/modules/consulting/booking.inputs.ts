/** Consulting bookings' inputs, payloads, filter and connection: book, cancel, record the outcome, rate, list. */
import { Extensions, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { ServiceRecord } from '../service/service-record.entity.js';
import { ConsultingBooking, ConsultingBookingStatus } from './booking.entity.js';

export enum ConsultingAttendance {
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(ConsultingAttendance, {
  name: 'ConsultingAttendance',
  description: '问诊的出勤。',
  valuesConfig: {
    ATTENDED: { description: '参加了（须登记诊断与建议，形成问诊咨询服务记录）' },
    NO_SHOW: { description: '未到（不形成服务记录）' },
  },
});

@InputType('BookConsultingSessionInput', { description: '为本企业人员预约一场问诊咨询（企业用户）。' })
export class BookConsultingSessionInput {
  @Field(() => ID, { description: '场次。' })
  sessionId!: string;

  @Field(() => ID, { description: '本企业的人员。' })
  personId!: string;

  @Field(() => String, { description: '带来的问题（1–2000 字）。' })
  questions!: string;
}

@InputType('CancelConsultingBookingInput', { description: '在问诊开始前取消预约（预约的企业）。' })
export class CancelConsultingBookingInput {
  @Field(() => ID, { description: '预约。' })
  id!: string;

  @Field(() => String, { nullable: true, description: '理由（最多 500 字）。' })
  reason?: string | null;
}

@InputType('RecordConsultationOutcomeInput', { description: '问诊后登记一项预约的出勤和诊断与建议（服务队伍）；参加了的同时形成问诊咨询服务记录。每项预约登记一次。' })
export class RecordConsultationOutcomeInput {
  @Field(() => ID, { description: '预约。' })
  bookingId!: string;

  @Field(() => ConsultingAttendance, { description: '出勤。' })
  attendance!: ConsultingAttendance;

  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { nullable: true, description: '诊断：发现的问题（参加了的必填，1–5000 字）。' })
  diagnosis?: string | null;

  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { nullable: true, description: '建议（参加了的必填，1–5000 字）。' })
  advice?: string | null;

  @Field(() => Float, { nullable: true, description: '服务时长（小时，大于 0、不超过 24，至多两位小数；默认为场次时长）。' })
  hours?: number | null;

  @Extensions({ maxItems: 20 })
  @Field(() => [ID], { nullable: true, description: '问诊的人员（服务队伍在问诊当日在任的成员，最多 20 人）。' })
  deliveredByIds?: string[] | null;
}

@InputType('RateConsultationInput', { description: '评价参加过的问诊（预约的企业，登记问诊结果后一次）。' })
export class RateConsultationInput {
  @Field(() => ID, { description: '预约。' })
  bookingId!: string;

  @Field(() => Int, { description: '评分（1–5）。' })
  rating!: number;

  @Field(() => String, { nullable: true, description: '意见（最多 1000 字）。' })
  comment?: string | null;
}

@InputType('ConsultingBookingFilter', { description: '问诊预约的筛选条件（各条件之间为“且”）。' })
export class ConsultingBookingFilter {
  @Field(() => [RegionCodeScalar], { nullable: true, description: '预约企业所在的辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => ID, { nullable: true, description: '服务队伍（服务机构）。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '预约的企业。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '场次。' })
  sessionId?: string | null;

  @Field(() => [ConsultingBookingStatus], { nullable: true, description: '状态之一。' })
  statuses?: ConsultingBookingStatus[] | null;

  @Field(() => DateScalar, { nullable: true, description: '问诊日期（中国标准时间）不早于。' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '问诊日期（中国标准时间）不晚于。' })
  to?: string | null;
}

@ObjectType('BookConsultingSessionPayload', { description: '预约结果。' })
export class BookConsultingSessionPayload {
  @Field(() => ConsultingBooking, { description: '预约（BOOKED）。' })
  booking!: ConsultingBooking;
}

@ObjectType('CancelConsultingBookingPayload', { description: '取消的预约。' })
export class CancelConsultingBookingPayload {
  @Field(() => ConsultingBooking, { description: '预约（CANCELLED）。' })
  booking!: ConsultingBooking;
}

@ObjectType('RecordConsultationOutcomePayload', { description: '登记了结果的预约。' })
export class RecordConsultationOutcomePayload {
  @Field(() => ConsultingBooking, { description: '预约（ATTENDED 或 NO_SHOW）。' })
  booking!: ConsultingBooking;

  @Field(() => ServiceRecord, { nullable: true, description: '形成的问诊咨询服务记录（参加了的）。' })
  serviceRecord!: ServiceRecord | null;
}

@ObjectType('RateConsultationPayload', { description: '评价了的预约。' })
export class RateConsultationPayload {
  @Field(() => ConsultingBooking, { description: '预约（rating 为评分）。' })
  booking!: ConsultingBooking;
}

export const { Connection: ConsultingBookingConnection } = connectionTypes(ConsultingBooking, 'ConsultingBooking', '问诊预约');
