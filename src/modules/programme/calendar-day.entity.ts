import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';

export enum CalendarDayKind {
  HOLIDAY = 'HOLIDAY',
  WORKDAY = 'WORKDAY',
}

registerEnumType(CalendarDayKind, {
  name: 'CalendarDayKind',
  description: '工作日历中的例外日。',
  valuesConfig: {
    HOLIDAY: { description: '法定节假日（含调休放假）：不是工作日' },
    WORKDAY: { description: '调休上班的周末：是工作日' },
  },
});

/**
 * An exception to "Monday to Friday are working days" in the official calendar, maintained by the
 * national admin year by year (the State Council publishes it each year; it is data, not code).
 */
@ObjectType('CalendarDay', { description: '工作日历的例外日：节假日或调休上班日。' })
@Entity({ tableName: 'calendar_day' })
@Index({ name: 'calendar_day_year_idx', properties: ['year'] })
export class CalendarDay {
  @PrimaryKey({ type: 'date' })
  @Field(() => DateScalar, { description: '日期。' })
  date!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '所属年份（通常即日期的年份；跨年调休记入所属节日的年份）。' })
  year!: number;

  @Enum({ items: () => CalendarDayKind, type: 'string' })
  @Field(() => CalendarDayKind, { description: '类别。' })
  kind!: CalendarDayKind;

  @Property({ type: 'string', length: 50 })
  @Field(() => String, { description: '名称，例如“国庆节”“国庆节调休上班”。' })
  name!: string;
}
