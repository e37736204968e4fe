/**
 * The enterprise's liaison (联络员) and the bureaus' reminders to name one [D 五(一), R16]: every
 * demonstration enterprise names a person of its own staff as its liaison, with the contact
 * details the bureaus use. A change keeps history (the previous liaison ends the day the next one
 * starts); at most one liaison is current per enterprise, held by a partial unique index.
 */
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Person } from '../person/person.entity.js';

/** One term of a person as an enterprise's liaison. */
@ObjectType('Liaison', {
  implements: Node,
  description: '示范企业的联络员（五(一)，R16）：本企业人员及其联系方式。联系方式只有本企业、所在辖区省局和国家局可见；更换联络员保留历史。',
})
@Entity({ tableName: 'enterprise_liaison' })
// At most one current liaison per enterprise, whatever the concurrency (nameLiaison answers CONFLICT).
@Index({
  name: 'enterprise_liaison_current_unique',
  expression: `create unique index "enterprise_liaison_current_unique" on "enterprise_liaison" ("enterprise_id") where "ended_on" is null`,
})
@Index({ name: 'enterprise_liaison_enterprise_idx', properties: ['enterprise', 'startsOn'] })
@Index({ name: 'enterprise_liaison_created_at_id_idx', properties: ['createdAt', 'id'] })
export class Liaison extends BaseEntity<'email' | 'endedOn' | 'endedBy' | 'endNote' | 'current'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** A person of the enterprise's staff (person.employer_enterprise_id). */
  @ManyToOne(() => Person, { ref: true })
  @Index({ name: 'enterprise_liaison_person_idx' })
  person!: Ref<Person>;

  @Property({ type: 'string', length: 50 })
  @Field(() => String, { description: '联络电话（联络员的工作联系方式）。' })
  phone!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '联络邮箱。' })
  email?: string | null;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '担任联络员的起始日。' })
  startsOn!: string;

  /** The day the liaison stopped being one (the successor's first day); null while current. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '卸任日（自该日起不再担任；继任者自同日起任）；现任为 null。' })
  endedOn?: string | null;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '指定该联络员的用户。' })
  namedBy!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '结束其任期的用户（更换或卸任）。' })
  endedBy?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '卸任说明（未指定继任者时）。' })
  endNote?: string | null;

  @Field(() => Boolean, { description: '是否为现任联络员。' })
  get current(): boolean {
    return this.endedOn == null;
  }

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Liaison', this.id);
  }
}
registerNodeType(Liaison, 'Liaison');

/** A bureau's reminder to an enterprise without a current liaison. */
@ObjectType('LiaisonReminder', { implements: Node, description: '知识产权局提醒示范企业指定联络员的记录（谁、何时、内容）。不发送邮件。' })
@Entity({ tableName: 'liaison_reminder' })
@Index({ name: 'liaison_reminder_enterprise_at_idx', properties: ['enterprise', 'remindedAt'] })
@Index({ name: 'liaison_reminder_reminded_at_id_idx', properties: ['remindedAt', 'id'] })
export class LiaisonReminder extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** The reminding bureau: its code (100000 the national bureau, else the jurisdiction's region code). */
  @Property({ type: 'string', length: 6 })
  bureauCode!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '提醒人（用户名）。' })
  remindedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '提醒时间。' })
  remindedAt!: Date;

  @Property({ type: 'text' })
  @Field(() => String, { description: '提醒内容。' })
  message!: string;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('LiaisonReminder', this.id);
  }
}
registerNodeType(LiaisonReminder, 'LiaisonReminder');
