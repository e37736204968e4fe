import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { OptionalProps, PrimaryKeyProp } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { DateScalar } from '../../common/scalars.js';

/**
 * A year's application window, set by the national admin (R4): submitting (and, later,
 * recommending) is possible from `opensOn` to `closesOn` inclusive; by default it closes on
 * 31 July [D 三(二)2, 三(三)].
 */
@ObjectType('ApplicationWindow', { description: '某年度示范企业申报的受理期（R4，默认 7 月 31 日截止）。' })
@Entity({ tableName: 'application_window' })
@Check({ name: 'application_window_period_check', expression: '"closes_on" >= "opens_on"' })
export class ApplicationWindow {
  [OptionalProps]?: 'updatedAt' | 'updatedBy';
  [PrimaryKeyProp]?: 'year';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '开始受理日（含）。' })
  opensOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '截止日（含），默认当年 7 月 31 日。' })
  closesOn!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  @Field(() => DateTimeResolver, { description: '最后修改时间。' })
  updatedAt: Date = new Date();

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '最后修改人。' })
  updatedBy?: string | null;
}
