/**
 * An enterprise's cooperation around its key technologies:
 * - collaborative-innovation agreements [D 四(一)二 "建立示范企业与高校院所、金融机构、专利服务机构等知识产权
 *   协同创新工作机制，围绕关键技术领域集中突破并形成知识产权"]: led by the enterprise, with its partners,
 *   the period, the key technology fields, and the IP produced (application numbers);
 * - standards it drafts or joins [D 四(一)四 "指导企业积极构建和参与标准制定"], with the patents it
 *   declared essential.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar, PatentApplicationNumberScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum PartnerKind {
  UNIVERSITY = 'UNIVERSITY',
  INSTITUTE = 'INSTITUTE',
  FINANCIAL_INSTITUTION = 'FINANCIAL_INSTITUTION',
  SERVICE_AGENCY = 'SERVICE_AGENCY',
  ENTERPRISE = 'ENTERPRISE',
}
registerEnumType(PartnerKind, {
  name: 'PartnerKind',
  description: '协同创新的合作方类别（D 四(一)二）。',
  valuesConfig: {
    UNIVERSITY: { description: '高校' },
    INSTITUTE: { description: '科研院所' },
    FINANCIAL_INSTITUTION: { description: '金融机构' },
    SERVICE_AGENCY: { description: '专利服务机构' },
    ENTERPRISE: { description: '企业' },
  },
});

export interface Partner {
  name: string;
  kind: PartnerKind;
  role: string | null;
}

@ObjectType('CollaborationPartner', { description: '协同创新的一个合作方。' })
export class CollaborationPartner {
  @Field(() => String, { description: '名称。' })
  name!: string;
  @Field(() => PartnerKind, { description: '类别。' })
  kind!: PartnerKind;
  @Field(() => String, { nullable: true, description: '分工（研发、资金、专利分析……）。' })
  role!: string | null;
}

@ObjectType('CollaborationAgreement', {
  implements: Node,
  description: '企业牵头的协同创新合作（D 四(一)二）：合作方（高校、院所、金融机构、服务机构）、关键技术领域、合作期、形成的知识产权（专利申请号）。企业本身、所在辖区省局和国家局可见。',
})
@Entity({ tableName: 'collaboration_agreement' })
@Index({ name: 'collaboration_agreement_enterprise_idx', properties: ['enterprise', 'startsOn', 'id'] })
@Index({ name: 'collaboration_agreement_starts_idx', properties: ['startsOn', 'id'] })
@Check({ name: 'collaboration_agreement_period_check', expression: `"ends_on" is null or "ends_on" >= "starts_on"` })
export class CollaborationAgreement extends BaseEntity<'partners' | 'ipcClasses' | 'applicationNumbers' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '名称。' })
  title!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '合作内容和目标。' })
  description!: string;

  @Property({ type: 'json' })
  partners: Partner[] = [];

  @Property({ type: 'json' })
  @Field(() => [String], { description: '关键技术领域的国际专利分类号（IPC）。' })
  ipcClasses: string[] = [];

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '合作开始日。' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '合作结束日（长期合作为 null）。' })
  endsOn?: string | null;

  @Property({ type: 'json' })
  @Field(() => [PatentApplicationNumberScalar], { description: '合作形成的知识产权（专利申请号，已校验）。' })
  applicationNumbers: string[] = [];

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '登记人（用户名）。' })
  recordedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('CollaborationAgreement', this.id);
  }
}
registerNodeType(CollaborationAgreement, 'CollaborationAgreement');

export enum StandardLevel {
  INTERNATIONAL = 'INTERNATIONAL',
  NATIONAL = 'NATIONAL',
  INDUSTRY = 'INDUSTRY',
  LOCAL = 'LOCAL',
  GROUP = 'GROUP',
}
registerEnumType(StandardLevel, {
  name: 'StandardLevel',
  description: '标准的层级。',
  valuesConfig: {
    INTERNATIONAL: { description: '国际标准' },
    NATIONAL: { description: '国家标准' },
    INDUSTRY: { description: '行业标准' },
    LOCAL: { description: '地方标准' },
    GROUP: { description: '团体标准' },
  },
});

export enum StandardRole {
  LEAD = 'LEAD',
  PARTICIPANT = 'PARTICIPANT',
}
registerEnumType(StandardRole, {
  name: 'StandardRole',
  description: '企业在标准制定中的角色。',
  valuesConfig: { LEAD: { description: '主导起草' }, PARTICIPANT: { description: '参与起草' } },
});

@ObjectType('StandardParticipation', {
  implements: Node,
  description: '企业主导或参与制定的一项标准（D 四(一)四）：编号、名称、层级、角色、发布日期、声明的标准必要专利（申请号）。企业本身、所在辖区省局和国家局可见。',
})
@Entity({ tableName: 'standard_participation' })
@Index({ name: 'standard_participation_enterprise_idx', properties: ['enterprise', 'createdAt', 'id'] })
@Index({ name: 'standard_participation_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'standard_participation_unique', expression: `create unique index "standard_participation_unique" on "standard_participation" ("enterprise_id", "standard_number")` })
export class StandardParticipation extends BaseEntity<'essentialPatents' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** GB/T 29490-2023, ISO/IEC 27001:2022, T/CAB 0001-2024; a draft may have none yet ("计划号"). */
  @Property({ type: 'string', length: 60 })
  @Field(() => String, { description: '标准编号（或立项计划号）。' })
  standardNumber!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '标准名称。' })
  title!: string;

  @Enum({ items: () => StandardLevel, type: 'string' })
  @Field(() => StandardLevel, { description: '层级。' })
  level!: StandardLevel;

  @Enum({ items: () => StandardRole, type: 'string' })
  @Field(() => StandardRole, { description: '企业的角色。' })
  role!: StandardRole;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '发布日期（制定中为 null）。' })
  publishedOn?: string | null;

  @Property({ type: 'json' })
  @Field(() => [PatentApplicationNumberScalar], { description: '企业声明的标准必要专利（专利申请号，已校验）。' })
  essentialPatents: string[] = [];

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '登记人（用户名）。' })
  recordedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('StandardParticipation', this.id);
  }
}
registerNodeType(StandardParticipation, 'StandardParticipation');
