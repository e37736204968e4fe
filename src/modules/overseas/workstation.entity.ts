/**
 * Overseas IP workstations (驻外知识产权工作站) [D 四(二)一 "依托中国国际贸易促进委员会驻外代表处建立驻外知识产权
 * 工作站"]: the working profile of a service organisation of kind OVERSEAS_STATION — the CCPIT office
 * hosting it, its country and city, the countries it covers (where cases are routed to it), its
 * languages, and its business calendar (time zone, weekly hours, public holidays and make-up
 * working days), on which its deadlines run (src/modules/overseas/sla.ts).
 */
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

/** One weekday's open hours: minutes after local midnight. */
export interface WeeklyHours {
  weekday: number;
  from: number;
  to: number;
}

@ObjectType('WorkstationHours', { description: '工作站一个工作日的办公时间（当地时间）。' })
export class WorkstationHours {
  @Field(() => Int, { description: '星期（1 星期一 … 7 星期日）。' })
  weekday!: number;
  @Field(() => String, { description: '开始（HH:MM，当地时间）。' })
  from!: string;
  @Field(() => String, { description: '结束（HH:MM，当地时间；24:00 为当日结束）。' })
  to!: string;
}

@ObjectType('OverseasWorkstation', {
  implements: Node,
  description: '驻外知识产权工作站（D 四(二)一）：依托的贸促会驻外代表处、所在国家和城市、覆盖的国家（企业在这些国家遇到的问题由它受理）、工作语言、时区和办公时间、节假日。公开。',
})
@Entity({ tableName: 'overseas_workstation' })
@Unique({ name: 'overseas_workstation_organization_unique', properties: ['organization'] })
@Index({ name: 'overseas_workstation_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'overseas_workstation_covered_idx', expression: `create index "overseas_workstation_covered_idx" on "overseas_workstation" using gin ("countries_covered" jsonb_path_ops)` })
@Check({ name: 'overseas_workstation_country_check', expression: `"country_code" ~ '^[A-Z]{2}$'` })
export class OverseasWorkstation extends BaseEntity<'version'> {
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'cascade' })
  organization!: Ref<ServiceOrganization>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '依托的贸促会驻外代表处。' })
  hostOffice!: string;

  @Property({ type: 'string', length: 2 })
  @Field(() => String, { description: '所在国家（ISO 3166-1 两位字母代码）。' })
  countryCode!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '所在城市。' })
  city!: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '覆盖的国家（ISO 3166-1 两位字母代码）：企业在这些国家的问题由本站受理。' })
  countriesCovered: string[] = [];

  @Property({ type: 'json' })
  @Field(() => [String], { description: '工作语言（如 zh、de、en）。' })
  languages: string[] = [];

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '时区（IANA，如 Europe/Berlin）。' })
  timeZone!: string;

  @Property({ type: 'json' })
  weeklyHours: WeeklyHours[] = [];

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('OverseasWorkstation', this.id);
  }
}
registerNodeType(OverseasWorkstation, 'OverseasWorkstation');

export enum WorkstationDayKind {
  HOLIDAY = 'HOLIDAY',
  WORKDAY = 'WORKDAY',
}
registerEnumType(WorkstationDayKind, {
  name: 'WorkstationDayKind',
  description: '工作站日历的例外日。',
  valuesConfig: { HOLIDAY: { description: '公共假日（不办公）' }, WORKDAY: { description: '调休上班日（按某个工作日的时间办公）' } },
});

@ObjectType('WorkstationCalendarDay', { description: '工作站日历的一个例外日（当地日期）。' })
@Entity({ tableName: 'workstation_calendar_day' })
@Unique({ name: 'workstation_calendar_day_unique', properties: ['workstation', 'day'] })
@Check({ name: 'workstation_calendar_day_weekday_check', expression: `("kind" = 'WORKDAY') = ("hours_of" is not null) and ("hours_of" is null or ("hours_of" >= 1 and "hours_of" <= 7))` })
export class WorkstationCalendarDay extends BaseEntity {
  @ManyToOne(() => OverseasWorkstation, { ref: true, deleteRule: 'cascade' })
  workstation!: Ref<OverseasWorkstation>;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '当地日期。' })
  day!: string;

  @Enum({ items: () => WorkstationDayKind, type: 'string' })
  @Field(() => WorkstationDayKind, { description: '假日或调休上班日。' })
  kind!: WorkstationDayKind;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: '调休上班日按星期几的办公时间（1–7）。' })
  hoursOf?: number | null;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '名称（如 Tag der Deutschen Einheit、国庆节调休）。' })
  name!: string;

  /** Where the day came from: date-holidays, the programme's calendar, or a bureau by hand. */
  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: '来源：DATE_HOLIDAYS（date-holidays 数据）、PROGRAMME（本系统的官方日历，仅中国）、MANUAL（手工）。' })
  source!: string;
}
