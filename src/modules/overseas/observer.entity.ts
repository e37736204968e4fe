/**
 * Volunteer observer enterprises (志愿者观察员企业) [D 四(二)三 "建立志愿者观察员企业制度……优先在示范企业中选择"]:
 * enterprises the national bureau appoints to watch the IP environment of the countries they trade
 * with, chosen first among demonstration enterprises, and the observation reports they file.
 */
import { Check, Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

@ObjectType('OverseasObserver', {
  implements: Node,
  description: '志愿者观察员企业（D 四(二)三）：企业、观察的国家、任期；优先从示范企业中选择，选择其他企业须说明理由。名单公开。',
})
@Entity({ tableName: 'overseas_observer' })
@Index({ name: 'overseas_observer_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'overseas_observer_current', expression: `create unique index "overseas_observer_current" on "overseas_observer" ("enterprise_id") where "ended_on" is null` })
@Index({ name: 'overseas_observer_countries_idx', expression: `create index "overseas_observer_countries_idx" on "overseas_observer" using gin ("country_codes" jsonb_path_ops)` })
@Check({ name: 'overseas_observer_term_check', expression: `"ended_on" is null or "ended_on" >= "appointed_on"` })
export class OverseasObserver extends BaseEntity<'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '观察的国家（ISO 3166-1 两位字母代码）。' })
  countryCodes: string[] = [];

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '聘任日期。' })
  appointedOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '任期结束日期（在任为 null）。' })
  endedOn?: string | null;

  /** Whether it held a demonstration title when appointed (the plan chooses them first). */
  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '聘任时是否为示范企业。' })
  demonstration!: boolean;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '选择非示范企业的理由。' })
  reason?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('OverseasObserver', this.id);
  }
}
registerNodeType(OverseasObserver, 'OverseasObserver');

@ObjectType('ObserverReport', {
  implements: Node,
  description: '观察员企业报送的一份观察报告：国家、标题、内容、报送日期。观察员企业本身、受理该国的驻外工作站、企业所在辖区省局和国家局可见，不公开。',
})
@Entity({ tableName: 'observer_report' })
@Index({ name: 'observer_report_observer_idx', properties: ['observer', 'createdAt', 'id'] })
@Index({ name: 'observer_report_created_idx', properties: ['createdAt', 'id'] })
export class ObserverReport extends BaseEntity {
  @ManyToOne(() => OverseasObserver, { ref: true, deleteRule: 'cascade' })
  observer!: Ref<OverseasObserver>;

  @Property({ type: 'string', length: 2 })
  @Field(() => String, { description: '国家（观察的国家之一）。' })
  countryCode!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '内容：观察到的知识产权动态、风险和建议。' })
  body!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '报送日期。' })
  reportedOn!: string;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ObserverReport', this.id);
  }
}
registerNodeType(ObserverReport, 'ObserverReport');
