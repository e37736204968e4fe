/** Consulting sessions' inputs, payloads, filter and connection: create one or a season, change, cancel, mark held, list. */
import { Extensions, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { ConsultingMode, ConsultingSession, ConsultingSessionStatus } from './session.entity.js';
import { RecurrenceUnitValue } from './consulting.rules.js';

export { RecurrenceUnitValue as ConsultingRecurrenceUnit };
registerEnumType(RecurrenceUnitValue, {
  name: 'ConsultingRecurrenceUnit',
  description: '一季问诊的间隔单位。',
  valuesConfig: {
    WEEK: { description: '周（每隔 every 周的同一时刻）' },
    MONTH: { description: '月（每隔 every 个月的同一日、同一时刻；29–31 日遇小月为该月最后一天）' },
  },
});

@InputType('ConsultingSessionFieldsInput', { description: '问诊咨询场次的内容（安排单场或一季时）。' })
export class ConsultingSessionFieldsInput {
  @Field(() => ID, { description: '入选记录（SelectedServiceTeam）：以该服务队伍的这次入选安排，其服务期须覆盖问诊日期，且未撤销。' })
  selectionId!: string;

  @Field(() => Int, { nullable: true, defaultValue: 120, description: '时长（分钟，15–480，默认 120）。' })
  durationMinutes?: number | null;

  @Extensions({ maxItems: 10 })
  @Field(() => [String], { description: '问诊主题（1–10 项，每项最多 50 字）。' })
  topics!: string[];

  @Field(() => Int, { description: '名额（1–500）。' })
  capacity!: number;

  @Field(() => ConsultingMode, { description: '方式。' })
  mode!: ConsultingMode;

  @Field(() => String, { nullable: true, description: '地点（现场问诊必填，最多 200 字）。' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: '会议链接（线上问诊必填，https，最多 500 字）。' })
  link?: string | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '服务的辖区：省局遴选的队伍为该局辖区（默认）；国家局遴选的可为任一辖区（默认为队伍所在辖区）。' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '说明（最多 2000 字）。' })
  note?: string | null;
}

@InputType('CreateConsultingSessionInput', { description: '安排一场问诊咨询（入选服务队伍本机构的、作出遴选的省局、国家局）。' })
export class CreateConsultingSessionInput extends ConsultingSessionFieldsInput {
  @Field(() => DateTimeResolver, { description: '开始时间（须晚于现在；日期按中国标准时间计）。' })
  startsAt!: Date;
}

@InputType('CreateConsultingSeasonInput', { description: '一次安排一季定期问诊（例如每两周一次、共 n 次）：全部成功或全部不安排。' })
export class CreateConsultingSeasonInput extends ConsultingSessionFieldsInput {
  @Field(() => DateTimeResolver, { description: '第一场的开始时间（须晚于现在）。' })
  firstStartsAt!: Date;

  @Field(() => Int, { description: '间隔：每隔几个单位一场（1–12）。' })
  every!: number;

  @Field(() => RecurrenceUnitValue, { description: '间隔单位。' })
  unit!: RecurrenceUnitValue;

  @Field(() => Int, { description: '场次数（2–26）。' })
  count!: number;
}

@InputType('UpdateConsultingSessionInput', { description: '修改已安排、尚未开始的场次：省略的字段不变；服务辖区和入选记录不能修改；名额不能少于已预约的人数。' })
export class UpdateConsultingSessionInput {
  @Field(() => ID, { description: '场次。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: '开始时间（须晚于现在，且在入选服务期内）。' })
  startsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: '时长（分钟）。' })
  durationMinutes?: number | null;

  @Extensions({ maxItems: 10 })
  @Field(() => [String], { nullable: true, description: '问诊主题（整体替换）。' })
  topics?: string[] | null;

  @Field(() => Int, { nullable: true, description: '名额（不少于已预约的人数）。' })
  capacity?: number | null;

  @Field(() => ConsultingMode, { nullable: true, description: '方式。' })
  mode?: ConsultingMode | null;

  @Field(() => String, { nullable: true, description: '地点（null 为清除）。' })
  location?: string | null;

  @Field(() => String, { nullable: true, description: '会议链接（null 为清除）。' })
  link?: string | null;

  @Field(() => String, { nullable: true, description: '说明（null 为清除）。' })
  note?: string | null;
}

@InputType('CancelConsultingSessionInput', { description: '取消一场尚未举行的问诊（附理由，公开）：其全部预约随之取消。' })
export class CancelConsultingSessionInput {
  @Field(() => ID, { description: '场次。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@InputType('MarkConsultingSessionHeldInput', { description: '确认场次已举行（开始之后；登记问诊结果时自动确认）。' })
export class MarkConsultingSessionHeldInput {
  @Field(() => ID, { description: '场次。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('ConsultingSessionFilter', { description: '问诊咨询场次的筛选条件（各条件之间为“且”）。' })
export class ConsultingSessionFilter {
  @Field(() => Boolean, { nullable: true, description: '只看即将举行的：已安排、问诊日期不早于今日（公开门户用）。' })
  upcoming?: boolean | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '服务的辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => ID, { nullable: true, description: '服务队伍（服务机构）。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '入选记录。' })
  selectionId?: string | null;

  @Field(() => ID, { nullable: true, description: '同一季（createConsultingSeason 返回的 seasonId）。' })
  seasonId?: string | null;

  @Field(() => [ConsultingSessionStatus], { nullable: true, description: '状态之一。' })
  statuses?: ConsultingSessionStatus[] | null;

  @Field(() => [ConsultingMode], { nullable: true, description: '方式之一。' })
  modes?: ConsultingMode[] | null;

  @Field(() => DateScalar, { nullable: true, description: '问诊日期（中国标准时间）不早于。' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '问诊日期（中国标准时间）不晚于。' })
  to?: string | null;

  @Field(() => Boolean, { nullable: true, description: '只看尚有名额的。' })
  withOpenSeats?: boolean | null;
}

@ObjectType('CreateConsultingSessionPayload', { description: '安排的场次。' })
export class CreateConsultingSessionPayload {
  @Field(() => ConsultingSession, { description: '场次。' })
  session!: ConsultingSession;
}

@ObjectType('CreateConsultingSeasonPayload', { description: '安排的一季问诊。' })
export class CreateConsultingSeasonPayload {
  @Field(() => ID, { description: '这一季的标识（筛选 consultingSessions(filter: { seasonId })）。' })
  seasonId!: string;

  @Field(() => [ConsultingSession], { description: '各场次，按时间先后（最多 26 场）。' })
  sessions!: ConsultingSession[];
}

@ObjectType('UpdateConsultingSessionPayload', { description: '修改后的场次。' })
export class UpdateConsultingSessionPayload {
  @Field(() => ConsultingSession, { description: '场次。' })
  session!: ConsultingSession;
}

@ObjectType('CancelConsultingSessionPayload', { description: '取消的场次。' })
export class CancelConsultingSessionPayload {
  @Field(() => ConsultingSession, { description: '场次。' })
  session!: ConsultingSession;

  @Field(() => Int, { description: '随之取消的预约数。' })
  cancelledBookings!: number;
}

@ObjectType('MarkConsultingSessionHeldPayload', { description: '确认举行的场次。' })
export class MarkConsultingSessionHeldPayload {
  @Field(() => ConsultingSession, { description: '场次。' })
  session!: ConsultingSession;
}

export const { Connection: ConsultingSessionConnection } = connectionTypes(ConsultingSession, 'ConsultingSession', '问诊咨询场次');
