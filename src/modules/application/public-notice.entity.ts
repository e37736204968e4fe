import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { DemonstrationApplication } from './application.entity.js';

/** A public notice of the applications that passed the national review [D 三(二)3]: 10 working days. */
@ObjectType('PublicNotice', { implements: Node, description: '公示：国家局评审合格的申报公示 10 个工作日（三(二)3，R6）。' })
@Entity({ tableName: 'public_notice' })
@Index({ name: 'public_notice_year_idx', properties: ['year'] })
@Check({ name: 'public_notice_period_check', expression: '"ends_on" >= "starts_on"' })
export class PublicNotice extends BaseEntity {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '公示开始日。' })
  startsOn!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '公示截止日（第 10 个工作日，含）。' })
  endsOn!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '认定名单发布（公示结束处理）的时间。' })
  concludedAt?: Date | null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('PublicNotice', this.id);
  }
}
registerNodeType(PublicNotice, 'PublicNotice');

export enum ObjectionStatus {
  PENDING = 'PENDING',
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}
registerEnumType(ObjectionStatus, {
  name: 'ObjectionStatus',
  description: '异议的处理状态。',
  valuesConfig: { PENDING: { description: '待处理' }, UPHELD: { description: '异议成立：申报不予认定' }, DISMISSED: { description: '异议不成立' } },
});

/** An objection lodged during a notice against an application in it. */
@ObjectType('Objection', { implements: Node, description: '公示期间对某项申报提出的异议。' })
@Entity({ tableName: 'objection' })
@Index({ name: 'objection_application_idx', properties: ['application', 'status'] })
// PublicNotice.objections pages each notice's objections by (created_at, id).
@Index({ name: 'objection_notice_created_idx', properties: ['noticeId', 'createdAt', 'id'] })
export class Objection extends BaseEntity<'status'> {
  @ManyToOne(() => DemonstrationApplication, { ref: true, deleteRule: 'cascade' })
  application!: Ref<DemonstrationApplication>;

  @Property({ type: 'uuid' })
  noticeId!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '异议内容。' })
  content!: string;

  /** Who objected: a user, or a member of the public with contact details (personal data). */
  @Property({ type: 'uuid', nullable: true })
  userId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  contactName?: string | null;

  @Property({ type: 'string', length: 50, nullable: true })
  contactPhone?: string | null;

  @Enum({ items: () => ObjectionStatus, type: 'string' })
  @Field(() => ObjectionStatus, { description: '处理状态。' })
  status: ObjectionStatus = ObjectionStatus.PENDING;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '处理意见。' })
  decisionNote?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  decidedBy?: string | null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Objection', this.id);
  }
}
registerNodeType(Objection, 'Objection');
