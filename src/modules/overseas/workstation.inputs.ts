import { DateTimeResolver } from 'graphql-scalars';
import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar } from '../../common/scalars.js';
import { OverseasWorkstation, WorkstationCalendarDay, WorkstationDayKind } from './workstation.entity.js';

@InputType('WorkstationHoursInput', { description: '一个工作日的一段办公时间（当地时间）。' })
export class WorkstationHoursInput {
  @Field(() => Int, { description: '星期（1 星期一 … 7 星期日）。' })
  weekday!: number;
  @Field(() => String, { description: '开始（HH:MM）。' })
  from!: string;
  @Field(() => String, { description: '结束（HH:MM，晚于开始；24:00 为当日结束）。' })
  to!: string;
}

@InputType('SetOverseasWorkstationInput', { description: '设立或修改驻外工作站的资料（国家局）。' })
export class SetOverseasWorkstationInput {
  @Field(() => ID, { description: '服务机构（类别为 OVERSEAS_STATION）。' })
  organizationId!: string;
  @Field(() => Int, { nullable: true, description: '修改时回传版本号；设立时不填。' })
  version?: number | null;
  @Field(() => String, { description: '依托的贸促会驻外代表处（1–200 字）。' })
  hostOffice!: string;
  @Field(() => String, { description: '所在国家（ISO 3166-1 两位字母代码，如 DE）。' })
  countryCode!: string;
  @Field(() => String, { description: '所在城市（1–100 字）。' })
  city!: string;
  @Extensions({ maxItems: 60 })
  @Field(() => [String], { description: '覆盖的国家（含所在国；一个国家只由一个工作站受理）。' })
  countriesCovered!: string[];
  @Extensions({ maxItems: 10 })
  @Field(() => [String], { description: '工作语言（BCP 47 代码，如 zh、de、en）。' })
  languages!: string[];
  @Field(() => String, { description: '时区（IANA，如 Europe/Berlin）。' })
  timeZone!: string;
  @Extensions({ maxItems: 21 })
  @Field(() => [WorkstationHoursInput], { description: '每周办公时间（各段不重叠）。' })
  weeklyHours!: WorkstationHoursInput[];
}

@InputType('WorkstationCalendarDayInput', { description: '一个例外日。' })
export class WorkstationCalendarDayInput {
  @Field(() => DateScalar, { description: '当地日期（在所设的年份内）。' })
  day!: string;
  @Field(() => WorkstationDayKind, { description: '假日或调休上班日。' })
  kind!: WorkstationDayKind;
  @Field(() => Int, { nullable: true, description: '调休上班日按星期几的办公时间（1–7；调休上班日必填）。' })
  hoursOf?: number | null;
  @Field(() => String, { description: '名称（1–100 字）。' })
  name!: string;
}

@InputType('SetWorkstationCalendarInput', { description: '设定工作站某一年的节假日和调休上班日（整体替换这一年的）。' })
export class SetWorkstationCalendarInput {
  @Field(() => ID, { description: '工作站。' })
  workstationId!: string;
  @Field(() => Int, { description: '年份。' })
  year!: number;
  @Extensions({ maxItems: 120 })
  @Field(() => [WorkstationCalendarDayInput], { description: '这一年的例外日（至多 120 个）。' })
  days!: WorkstationCalendarDayInput[];
}

@InputType('LoadWorkstationHolidaysInput', { description: '从 date-holidays 载入工作站所在国某一年的公共假日（中国取本系统的官方日历），替换这一年的例外日。' })
export class LoadWorkstationHolidaysInput {
  @Field(() => ID, { description: '工作站。' })
  workstationId!: string;
  @Field(() => Int, { description: '年份。' })
  year!: number;
}

@ObjectType('WorkstationDeadline', { description: '按工作站日历计算的期限。' })
export class WorkstationDeadline {
  @Field(() => DateTimeResolver, { description: '起算时间。' })
  from!: Date;
  @Field(() => Float, { description: '工作时间（小时）。' })
  businessHours!: number;
  @Field(() => DateTimeResolver, { description: '期限（到达这么多工作时间的时刻）。' })
  deadline!: Date;
  @Field(() => String, { description: '期限的当地时间（YYYY-MM-DD HH:MM，工作站时区）。' })
  localDeadline!: string;
}

@ObjectType('SetOverseasWorkstationPayload', { description: 'setOverseasWorkstation 的结果。' })
export class SetOverseasWorkstationPayload {
  @Field(() => OverseasWorkstation, { description: '工作站。' })
  workstation!: OverseasWorkstation;
}
@ObjectType('SetWorkstationCalendarPayload', { description: 'setWorkstationCalendar 的结果。' })
export class SetWorkstationCalendarPayload {
  @Field(() => [WorkstationCalendarDay], { description: '这一年的例外日。' })
  days!: WorkstationCalendarDay[];
}
@ObjectType('LoadWorkstationHolidaysPayload', { description: 'loadWorkstationHolidays 的结果。' })
export class LoadWorkstationHolidaysPayload {
  @Field(() => [WorkstationCalendarDay], { description: '这一年的例外日。' })
  days!: WorkstationCalendarDay[];
}

export const { Connection: OverseasWorkstationConnection } = connectionTypes(OverseasWorkstation, 'OverseasWorkstation', '驻外知识产权工作站');
