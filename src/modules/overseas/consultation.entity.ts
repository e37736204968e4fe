/**
 * Expert consulting abroad [D 四(二)四 "构建企业海外知识产权工作专家咨询服务机制。根据企业需求开展企业海外知识产权布局、
 * 维权咨询服务和展会知识产权法律服务，推动高水平知识产权服务机构与企业“走出去”需求对接"]: an enterprise's request,
 * matched with an expert from the talent pools and/or a service organisation, who answers it.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';

export enum ConsultingTopic {
  LAYOUT = 'LAYOUT',
  RIGHTS_PROTECTION = 'RIGHTS_PROTECTION',
  EXHIBITION_LEGAL = 'EXHIBITION_LEGAL',
}
registerEnumType(ConsultingTopic, {
  name: 'OverseasConsultingTopic',
  description: '海外知识产权专家咨询的内容（D 四(二)四）。',
  valuesConfig: {
    LAYOUT: { description: '海外知识产权布局' },
    RIGHTS_PROTECTION: { description: '海外维权咨询' },
    EXHIBITION_LEGAL: { description: '展会知识产权法律服务' },
  },
});

export enum ConsultingStatus {
  OPEN = 'OPEN',
  MATCHED = 'MATCHED',
  ANSWERED = 'ANSWERED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ConsultingStatus, {
  name: 'OverseasConsultingStatus',
  description: '咨询请求的状态。',
  valuesConfig: {
    OPEN: { description: '待对接' },
    MATCHED: { description: '已对接专家或服务机构' },
    ANSWERED: { description: '已答复' },
    CANCELLED: { description: '企业已取消' },
  },
});

@ObjectType('OverseasConsultation', {
  implements: Node,
  description: '海外知识产权专家咨询请求：企业、内容、国家、问题；对接的专家（人才库）或服务机构，及其答复。企业本身、其所在辖区省局、国家局、覆盖该国的驻外工作站和对接的专家或机构可见。',
})
@Entity({ tableName: 'overseas_consultation' })
@Index({ name: 'overseas_consultation_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'overseas_consultation_enterprise_idx', properties: ['enterprise', 'createdAt'] })
@Index({ name: 'overseas_consultation_countries_idx', expression: `create index "overseas_consultation_countries_idx" on "overseas_consultation" using gin ("country_codes" jsonb_path_ops)` })
@Check({ name: 'overseas_consultation_match_check', expression: `("status" in ('OPEN', 'CANCELLED')) or ("expert_id" is not null or "organization_id" is not null)` })
@Check({ name: 'overseas_consultation_answer_check', expression: `("status" = 'ANSWERED') = ("advice" is not null)` })
export class OverseasConsultation extends BaseEntity<'status' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => ConsultingTopic, type: 'string' })
  @Field(() => ConsultingTopic, { description: '内容。' })
  topic!: ConsultingTopic;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '涉及的国家（ISO 3166-1 两位字母代码）。' })
  countryCodes: string[] = [];

  @Property({ type: 'text' })
  @Field(() => String, { description: '问题。' })
  question!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '展会名称（展会法律服务）。' })
  exhibition?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '展会开幕日期（展会法律服务）。' })
  exhibitionOpensOn?: string | null;

  @Enum({ items: () => ConsultingStatus, type: 'string' })
  @Field(() => ConsultingStatus, { description: '状态。' })
  status: ConsultingStatus = ConsultingStatus.OPEN;

  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  expert?: Ref<Person> | null;

  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'restrict' })
  organization?: Ref<ServiceOrganization> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '对接时间。' })
  matchedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '答复（专家意见、建议的做法）。' })
  advice?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '答复时间。' })
  answeredAt?: Date | null;

  @Property({ type: 'string', length: 64 })
  requestedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：办理时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('OverseasConsultation', this.id);
  }
}
registerNodeType(OverseasConsultation, 'OverseasConsultation');
