/**
 * Industry patent analysis reports [D 四(三)三 "支持和指导企业基于行业发展动向和企业需求，开展产业专利信息分析
 * 并发布相关行业分析报告"]: written by an enterprise or a service organisation for an industry; once
 * published, in a public catalogue (title, industry, summary, publisher; files for signed-in users).
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum IndustryReportStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(IndustryReportStatus, {
  name: 'IndustryReportStatus',
  description: '行业专利分析报告的状态。',
  valuesConfig: {
    DRAFT: { description: '草稿（发布者和国家局可见）' },
    PUBLISHED: { description: '已发布（公开目录）' },
    WITHDRAWN: { description: '已撤回（不再公开，附理由）' },
  },
});

@ObjectType('IndustryAnalysisReport', {
  implements: Node,
  description: '企业或服务机构发布的行业专利分析报告（D 四(三)三）：行业、标题、摘要、附件、发布时间。已发布的公开（附件须登录）；草稿和撤回的只有发布者、其所在辖区省局和国家局可见。',
})
@Entity({ tableName: 'industry_analysis_report' })
@Index({ name: 'industry_analysis_report_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'industry_analysis_report_published_idx', expression: `create index "industry_analysis_report_published_idx" on "industry_analysis_report" ("industry_code", "published_at") where "status" = 'PUBLISHED'` })
@Index({ name: 'industry_analysis_report_attachments_idx', expression: `create index "industry_analysis_report_attachments_idx" on "industry_analysis_report" using gin ("attachment_ids" jsonb_path_ops)` })
@Check({ name: 'industry_analysis_report_publisher_check', expression: `("enterprise_id" is null) <> ("organization_id" is null)` })
export class IndustryAnalysisReport extends BaseEntity<'status' | 'attachmentIds' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, nullable: true, deleteRule: 'cascade' })
  enterprise?: Ref<Enterprise> | null;

  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'cascade' })
  organization?: Ref<ServiceOrganization> | null;

  @Property({ type: 'string', length: 4 })
  @Field(() => String, { description: '行业（GB/T 4754 门类或大类代码）。' })
  industryCode!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标题。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '摘要。' })
  summary!: string;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  attachmentIds: string[] = [];

  @Enum({ items: () => IndustryReportStatus, type: 'string' })
  @Field(() => IndustryReportStatus, { description: '状态。' })
  status: IndustryReportStatus = IndustryReportStatus.DRAFT;

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
    return toGlobalId('IndustryAnalysisReport', this.id);
  }
}
registerNodeType(IndustryAnalysisReport, 'IndustryAnalysisReport');
