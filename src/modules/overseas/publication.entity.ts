/**
 * Overseas IP publications [D 四(二)三 "编制发布海外知识产权运营指南、国外知识产权环境报告"]: operation guides and
 * foreign IP environment reports for one or more countries, written by the national bureau or a
 * workstation (or another service organisation), published to a public catalogue with a search.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum PublicationKind {
  OPERATION_GUIDE = 'OPERATION_GUIDE',
  ENVIRONMENT_REPORT = 'ENVIRONMENT_REPORT',
}
registerEnumType(PublicationKind, {
  name: 'PublicationKind',
  description: '海外知识产权信息的类别（D 四(二)三）。',
  valuesConfig: {
    OPERATION_GUIDE: { description: '海外知识产权运营指南' },
    ENVIRONMENT_REPORT: { description: '国外知识产权环境报告' },
  },
});

export enum PublicationStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PublicationStatus, {
  name: 'PublicationStatus',
  description: '出版物的状态。',
  valuesConfig: { DRAFT: { description: '草稿' }, PUBLISHED: { description: '已发布（公开目录）' }, WITHDRAWN: { description: '已撤回（附理由）' } },
});

@ObjectType('OverseasPublication', {
  implements: Node,
  description: '海外知识产权运营指南或国外知识产权环境报告（D 四(二)三）：适用的国家、语言、摘要、附件。已发布的公开（附件须登录）；草稿和撤回的只有撰写机构和国家局可见。',
})
@Entity({ tableName: 'overseas_publication' })
@Index({ name: 'overseas_publication_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'overseas_publication_countries_idx', expression: `create index "overseas_publication_countries_idx" on "overseas_publication" using gin ("country_codes" jsonb_path_ops)` })
@Index({ name: 'overseas_publication_attachments_idx', expression: `create index "overseas_publication_attachments_idx" on "overseas_publication" using gin ("attachment_ids" jsonb_path_ops)` })
@Check({ name: 'overseas_publication_published_check', expression: `("status" = 'DRAFT') = ("published_at" is null)` })
export class OverseasPublication extends BaseEntity<'status' | 'attachmentIds' | 'version'> {
  /** The writer: a service organisation (a workstation, an agency); null: the national bureau. */
  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'cascade' })
  organization?: Ref<ServiceOrganization> | null;

  @Enum({ items: () => PublicationKind, type: 'string' })
  @Field(() => PublicationKind, { description: '类别。' })
  kind!: PublicationKind;

  @Property({ type: 'json' })
  @Field(() => [String], { description: '适用的国家（ISO 3166-1 两位字母代码）。' })
  countryCodes: string[] = [];

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '摘要。' })
  summary!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: '语言（BCP 47，如 zh、en）。' })
  language!: string;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  attachmentIds: string[] = [];

  @Enum({ items: () => PublicationStatus, type: 'string' })
  @Field(() => PublicationStatus, { description: '状态。' })
  status: PublicationStatus = PublicationStatus.DRAFT;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '发布时间。' })
  publishedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '撤回的理由。' })
  withdrawReason?: string | null;

  /** Who wrote it (an account name: not shown to the public). */
  @Property({ type: 'string', length: 64 })
  createdBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('OverseasPublication', this.id);
  }
}
registerNodeType(OverseasPublication, 'OverseasPublication');
