import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { DemonstrationApplication } from './application.entity.js';
import { DesignationLevel } from '../designation/designation.entity.js';
import { AdvantageApplication } from '../advantage/advantage.entity.js';

/**
 * A public notice of the applications about to be designated: a demonstration notice of those that
 * passed the national review [D 三(二)3] (10 working days), or, when the programme setting
 * `advantageNoticeWorkingDays` asks for one, an advantage notice of a province's confirmed list.
 */
@ObjectType('PublicNotice', { implements: Node, description: '公示：国家局评审合格的示范企业申报公示 10 个工作日（三(二)3，R6）；或按规则设置，优势企业名单认定前的公示。' })
@Entity({ tableName: 'public_notice' })
@Index({ name: 'public_notice_year_idx', properties: ['year'] })
@Check({ name: 'public_notice_period_check', expression: '"ends_on" >= "starts_on"' })
export class PublicNotice extends BaseEntity<'level'> {
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Enum({ items: () => DesignationLevel, type: 'string', default: DesignationLevel.DEMONSTRATION })
  @Field(() => DesignationLevel, { description: '公示的是示范企业还是优势企业名单。' })
  level: DesignationLevel = DesignationLevel.DEMONSTRATION;

  /** The jurisdiction whose bureau runs the notice (a province designating its advantage list); null: the national bureau. */
  @Property({ type: 'string', length: 6, nullable: true })
  @Field(() => RegionCodeScalar, { nullable: true, description: '组织公示的省级辖区（省局认定优势企业时）；国家局组织的为 null。' })
  regionCode?: string | null;

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
@Index({ name: 'objection_advantage_application_idx', properties: ['advantageApplication', 'status'] })
@Check({ name: 'objection_one_application_check', expression: 'num_nonnulls("application_id", "advantage_application_id") = 1' })
// PublicNotice.objections pages each notice's objections by (created_at, id).
@Index({ name: 'objection_notice_created_idx', properties: ['noticeId', 'createdAt', 'id'] })
export class Objection extends BaseEntity<'status'> {
  /** The application objected to: a demonstration application, or an advantage one (exactly one of the two). */
  @ManyToOne(() => DemonstrationApplication, { ref: true, deleteRule: 'cascade', nullable: true })
  application?: Ref<DemonstrationApplication> | null;

  @ManyToOne(() => AdvantageApplication, { ref: true, deleteRule: 'cascade', nullable: true })
  advantageApplication?: Ref<AdvantageApplication> | null;

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
