/**
 * Daily contact between the bureaus and enterprises [D 五(一)]: the provincial bureaus' daily work
 * contact mechanism (日常工作联系机制) and the national bureau's major-matters mechanism (重大事项联系
 * 及议事机制: a contact with `major` and the decision taken). Follow-ups are a short list on the record.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum ContactChannel {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  MEETING = 'MEETING',
  ONLINE = 'ONLINE',
  LETTER = 'LETTER',
}
registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  description: '联系方式。',
  valuesConfig: {
    VISIT: { description: '走访（上门）' },
    PHONE: { description: '电话' },
    MEETING: { description: '会议、座谈' },
    ONLINE: { description: '线上（视频会议、平台）' },
    LETTER: { description: '函件' },
  },
});

/** A follow-up of a contact: what to do, by when, and whether it is done. */
@ObjectType('FollowUp', { description: '联系后的跟进事项。' })
export class FollowUp {
  @Field(() => String, { description: '事项。' })
  text!: string;

  @Field(() => DateScalar, { nullable: true, description: '完成期限。' })
  dueOn?: string | null;

  @Field(() => Boolean, { description: '是否已完成。' })
  done!: boolean;

  @Field(() => DateScalar, { nullable: true, description: '完成日期。' })
  doneOn?: string | null;
}

/** A bureau's contact with an enterprise. */
@ObjectType('ContactRecord', {
  implements: Node,
  description: '知识产权局与企业的日常联系记录（五(一)）；国家局的重大事项联系为 major 为 true 且有议定事项的记录。企业可见与本企业的联系记录（内部备注除外）。',
})
@Entity({ tableName: 'contact_record' })
@Index({ name: 'contact_record_contacted_on_id_idx', properties: ['contactedOn', 'id'] })
@Index({ name: 'contact_record_enterprise_idx', properties: ['enterprise', 'contactedOn'] })
@Check({ name: 'contact_record_major_check', expression: `not "major" or "decision" is not null` })
export class ContactRecord extends BaseEntity<'major' | 'decision' | 'followUps' | 'internalNote' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** The recording bureau: 100000 the national bureau, else the jurisdiction's region code. */
  @Property({ type: 'string', length: 6 })
  bureauCode!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '联系日期。' })
  contactedOn!: string;

  @Enum({ items: () => ContactChannel, type: 'string' })
  @Field(() => ContactChannel, { description: '联系方式。' })
  channel!: ContactChannel;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '事由。' })
  subject!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '联系情况摘要。' })
  summary!: string;

  @Property({ type: 'json' })
  @Field(() => [FollowUp], { description: '跟进事项（至多 20 项）。' })
  followUps: FollowUp[] = [];

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '是否国家局重大事项联系（五(一) 重大事项联系及议事机制）。' })
  major: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '议定事项（重大事项必填）。' })
  decision?: string | null;

  /** Bureau-internal note: never shown to the enterprise. */
  @Property({ type: 'text', nullable: true })
  internalNote?: string | null;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '记录人（用户名）。' })
  recordedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ContactRecord', this.id);
  }
}
registerNodeType(ContactRecord, 'ContactRecord');
