/**
 * A booking of a consulting session [D 四(三)二]: an enterprise's user books a seat for a person of
 * its staff, with the questions the person brings. At most one live booking per person and session
 * (a partial unique index); seats are counted on the session (session.entity.ts). After the session
 * the team records attendance and, for those who came, what was diagnosed and advised: that is a
 * service record of type CONSULTATION (`serviceRecord`). The enterprise then rates it once.
 *
 * Bookings are personal data: visible to the enterprise that made them, the team, the bureau of the
 * enterprise's jurisdiction and the national bureau (consulting.policy.ts); never to other enterprises.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { ServiceRecord } from '../service/service-record.entity.js';
import { ConsultingSession } from './session.entity.js';

export enum ConsultingBookingStatus {
  BOOKED = 'BOOKED',
  CANCELLED = 'CANCELLED',
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
}
registerEnumType(ConsultingBookingStatus, {
  name: 'ConsultingBookingStatus',
  description: '问诊预约的状态。',
  valuesConfig: {
    BOOKED: { description: '已预约（占一个名额）' },
    CANCELLED: { description: '已取消（企业在开始前取消，或场次取消）' },
    ATTENDED: { description: '已参加：服务队伍登记了问诊结果（同时形成一条问诊咨询服务记录）' },
    NO_SHOW: { description: '未到' },
  },
});

/** The statuses that hold a seat (and the person's one booking of the session). */
export const LIVE_BOOKING_STATUSES: readonly ConsultingBookingStatus[] = [ConsultingBookingStatus.BOOKED, ConsultingBookingStatus.ATTENDED, ConsultingBookingStatus.NO_SHOW];

@ObjectType('ConsultingBooking', {
  implements: Node,
  description: '问诊预约：企业为本企业人员预约的一个名额、带来的问题，以及问诊后的出勤、诊断与建议和企业的评价。预约企业、服务队伍、企业所在辖区省局和国家局可见，其他企业不可见。',
})
@Entity({ tableName: 'consulting_booking' })
@Index({
  name: 'consulting_booking_person_unique',
  expression: `create unique index "consulting_booking_person_unique" on "consulting_booking" ("session_id", "person_id") where "status" <> 'CANCELLED'`,
})
@Index({ name: 'consulting_booking_session_idx', properties: ['session', 'createdAt', 'id'] })
@Index({ name: 'consulting_booking_enterprise_idx', properties: ['enterprise', 'createdAt', 'id'] })
@Index({ name: 'consulting_booking_organization_idx', properties: ['organization', 'createdAt', 'id'] })
@Index({ name: 'consulting_booking_created_idx', properties: ['createdAt', 'id'] })
@Check({ name: 'consulting_booking_rating_check', expression: `"rating" is null or ("rating" >= 1 and "rating" <= 5 and "status" = 'ATTENDED')` })
@Check({ name: 'consulting_booking_outcome_check', expression: `"status" <> 'ATTENDED' or ("diagnosis" is not null and "advice" is not null and "service_record_id" is not null)` })
export class ConsultingBooking extends BaseEntity<
  'status' | 'cancelledAt' | 'cancelledBy' | 'cancelReason' | 'diagnosis' | 'advice' | 'outcomeRecordedAt' | 'outcomeRecordedBy' | 'serviceRecord' | 'rating' | 'ratingComment' | 'ratedAt' | 'ratedBy'
> {
  @ManyToOne(() => ConsultingSession, { ref: true, deleteRule: 'cascade' })
  session!: Ref<ConsultingSession>;

  /** The session's team (kept here for the lists and the visibility). */
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<ServiceOrganization>;

  /** The enterprise that booked (the person's employer when booking). */
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'cascade' })
  person!: Ref<Person>;

  @Property({ type: 'text' })
  @Field(() => String, { description: '带来的问题（1–2000 字）。' })
  questions!: string;

  @Enum({ items: () => ConsultingBookingStatus, type: 'string', default: ConsultingBookingStatus.BOOKED })
  @Field(() => ConsultingBookingStatus, { description: '状态。' })
  status: ConsultingBookingStatus = ConsultingBookingStatus.BOOKED;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '预约人（用户名）。' })
  bookedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '取消的时间。' })
  cancelledAt?: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '取消人（用户名；场次取消时为取消场次的人）。' })
  cancelledBy?: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '取消的理由。' })
  cancelReason?: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '诊断：发现的问题（参加者）。' })
  diagnosis?: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '建议（参加者）。' })
  advice?: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '登记问诊结果（出勤）的时间。' })
  outcomeRecordedAt?: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '登记问诊结果的人（用户名）。' })
  outcomeRecordedBy?: string | null = null;

  /** The CONSULTATION service record the outcome made (attended bookings). */
  @ManyToOne(() => ServiceRecord, { ref: true, nullable: true, deleteRule: 'restrict', unique: 'consulting_booking_service_record_unique' })
  serviceRecord?: Ref<ServiceRecord> | null = null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '企业的评价（1–5 分），登记问诊结果后评一次。' })
  rating?: number | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '评价意见。' })
  ratingComment?: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '评价的时间。' })
  ratedAt?: Date | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  ratedBy?: string | null = null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ConsultingBooking', this.id);
  }
}
registerNodeType(ConsultingBooking, 'ConsultingBooking');
