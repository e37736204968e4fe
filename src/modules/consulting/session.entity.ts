/**
 * Consulting sessions (问诊咨询) [D 四(三)二]: a selected quality service team (遴选的优秀服务队伍)
 * offers periodic, targeted sessions to the programme's enterprises. A session is offered under one
 * listing of the team (SelectedServiceTeam) whose term covers its date; it has a start (an instant,
 * shown in China Standard Time), a length, topics, a number of seats, a mode (online with a link, on
 * site with a place) and the jurisdiction it serves. Sessions are public; who booked them is not.
 *
 * `seatsTaken` counts the live bookings (BOOKED, and ATTENDED / NO_SHOW once recorded): it is raised
 * and lowered by a single guarded UPDATE in the booking's transaction, and a CHECK keeps it between 0
 * and the capacity, so no concurrency can sell more seats than there are (booking.service.ts).
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { SelectedServiceTeam } from '../service/team.entity.js';

export enum ConsultingMode {
  ONLINE = 'ONLINE',
  ON_SITE = 'ON_SITE',
}
registerEnumType(ConsultingMode, {
  name: 'ConsultingMode',
  description: '问诊咨询的方式。',
  valuesConfig: {
    ONLINE: { description: '线上（须有会议链接）' },
    ON_SITE: { description: '现场（须有地点）' },
  },
});

export enum ConsultingSessionStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
  HELD = 'HELD',
}
registerEnumType(ConsultingSessionStatus, {
  name: 'ConsultingSessionStatus',
  description: '问诊咨询场次的状态。',
  valuesConfig: {
    SCHEDULED: { description: '已安排（开始前可预约）' },
    CANCELLED: { description: '已取消（附理由；其预约随之取消）' },
    HELD: { description: '已举行（登记了问诊结果，或由服务队伍确认举行）' },
  },
});

@ObjectType('ConsultingSession', {
  implements: Node,
  description: '问诊咨询场次（四(三)二）：入选的优秀服务队伍定期为企业提供的问诊咨询。公开（服务队伍、时间、主题、方式、服务辖区、剩余名额），不含任何个人信息和预约者。',
})
@Entity({ tableName: 'consulting_session' })
@Index({ name: 'consulting_session_starts_idx', properties: ['startsAt', 'id'] })
@Index({ name: 'consulting_session_organization_idx', properties: ['organization', 'startsAt'] })
@Index({ name: 'consulting_session_selection_idx', properties: ['selection'] })
@Index({ name: 'consulting_session_region_idx', properties: ['regionCode', 'startsAt'] })
@Check({ name: 'consulting_session_seats_check', expression: '"capacity" >= 1 and "capacity" <= 500 and "seats_taken" >= 0 and "seats_taken" <= "capacity"' })
@Check({ name: 'consulting_session_duration_check', expression: '"duration_minutes" >= 15 and "duration_minutes" <= 480' })
@Check({ name: 'consulting_session_place_check', expression: `("mode" = 'ONLINE' and "link" is not null) or ("mode" = 'ON_SITE' and "location" is not null)` })
@Check({ name: 'consulting_session_cancel_check', expression: `("status" = 'CANCELLED') = ("cancelled_at" is not null and "cancel_reason" is not null)` })
export class ConsultingSession extends BaseEntity<'status' | 'seatsTaken' | 'version' | 'seasonId' | 'note' | 'location' | 'link' | 'cancelledAt' | 'cancelReason' | 'endsAt'> {
  /** The listing (selected team, year, bureau) the session is offered under: its term covers the session's date. */
  @ManyToOne(() => SelectedServiceTeam, { ref: true, deleteRule: 'restrict' })
  selection!: Ref<SelectedServiceTeam>;

  /** The team (the listing's organisation, kept here for the lists and the visibility of bookings). */
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<ServiceOrganization>;

  /** Sessions created together as one season (createConsultingSeason) share this id. */
  @Property({ type: 'uuid', nullable: true })
  @Index({ name: 'consulting_session_season_idx' })
  seasonId?: string | null = null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '开始时间（时刻；startsAtLocal 为中国标准时间的写法）。' })
  startsAt!: Date;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '时长（分钟，15–480）。' })
  durationMinutes!: number;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '问诊主题（1–10 项）。' })
  topics: string[] = [];

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '名额（可预约的人数，1–500）。' })
  capacity!: number;

  /** Live bookings (see the top of the file). */
  @Property({ type: 'integer', default: 0 })
  seatsTaken: number = 0;

  @Enum({ items: () => ConsultingMode, type: 'string' })
  @Field(() => ConsultingMode, { description: '方式。' })
  mode!: ConsultingMode;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '地点（现场问诊）。' })
  location?: string | null = null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '会议链接（线上问诊，https）。' })
  link?: string | null = null;

  /** The jurisdiction served: its enterprises (and those of the jurisdictions below it) may book. */
  @Property({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '服务的辖区：该辖区（及其计划单列市、兵团）的企业可以预约。' })
  regionCode!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '说明（面向的企业、需要准备的材料等）。' })
  note?: string | null = null;

  @Enum({ items: () => ConsultingSessionStatus, type: 'string', default: ConsultingSessionStatus.SCHEDULED })
  @Field(() => ConsultingSessionStatus, { description: '状态。' })
  status: ConsultingSessionStatus = ConsultingSessionStatus.SCHEDULED;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '取消的时间。' })
  cancelledAt?: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '取消的理由（公开）。' })
  cancelReason?: string | null = null;

  @Property({ type: 'string', length: 64 })
  createdBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改、取消时须回传。' })
  version!: number;

  /** The end of the session. */
  get endsAt(): Date {
    return new Date(this.startsAt.getTime() + this.durationMinutes * 60_000);
  }

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ConsultingSession', this.id);
  }
}
registerNodeType(ConsultingSession, 'ConsultingSession');
