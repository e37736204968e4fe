/**
 * Standard-implementation matching [A 四(二)]: a provincial bureau matches a GB/T 29490 (企业知识产权
 * 管理规范, 贯标) service team with an advantage enterprise and follows the implementation to
 * certification, which sets the enterprise's `standardCertifiedOn` (and so its stage on the path).
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum StandardImplementationStatus {
  MATCHED = 'MATCHED',
  IMPLEMENTING = 'IMPLEMENTING',
  AUDITING = 'AUDITING',
  CERTIFIED = 'CERTIFIED',
  ENDED = 'ENDED',
}
registerEnumType(StandardImplementationStatus, {
  name: 'StandardImplementationStatus',
  description: '贯标实施的进度。',
  valuesConfig: {
    MATCHED: { description: '已对接：省局为企业匹配了贯标服务团队' },
    IMPLEMENTING: { description: '实施中：体系建立与运行' },
    AUDITING: { description: '认证审核中：已向认证机构申请认证' },
    CERTIFIED: { description: '已通过认证（企业资料中的认证日期随之填写）' },
    ENDED: { description: '已终止（附理由）' },
  },
});

/** The statuses of an implementation still under way: at most one per enterprise. */
export const OPEN_IMPLEMENTATION = [StandardImplementationStatus.MATCHED, StandardImplementationStatus.IMPLEMENTING, StandardImplementationStatus.AUDITING] as const;

@ObjectType('StandardImplementation', { implements: Node, description: '贯标对接与实施（A 四(二)）：省局为优势企业匹配贯标服务团队，跟踪实施直至认证。企业本身、企业当前所在辖区的省局、服务团队和国家局可见。' })
@Entity({ tableName: 'standard_implementation' })
@Index({ name: 'standard_implementation_one_open', expression: `create unique index "standard_implementation_one_open" on "standard_implementation" ("enterprise_id") where "status" in ('MATCHED', 'IMPLEMENTING', 'AUDITING')` })
@Index({ name: 'standard_implementation_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'standard_implementation_organization_idx', properties: ['organization', 'createdAt', 'id'] })
@Index({ name: 'standard_implementation_enterprise_idx', properties: ['enterprise'] })
@Check({ name: 'standard_implementation_certified_check', expression: `"status" <> 'CERTIFIED' or "certified_on" is not null` })
export class StandardImplementation extends BaseEntity<'status' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<ServiceOrganization>;

  @Enum({ items: () => StandardImplementationStatus, type: 'string' })
  @Field(() => StandardImplementationStatus, { description: '进度。' })
  status: StandardImplementationStatus = StandardImplementationStatus.MATCHED;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '对接日期。' })
  matchedOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '计划通过认证的日期。' })
  targetOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '对接说明（实施重点、分工）。' })
  note?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '开始实施的日期。' })
  startedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '申请认证审核的日期。' })
  auditAppliedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '通过认证的日期。' })
  certifiedOn?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '认证机构。' })
  certificationBody?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '认证证书编号。' })
  certificateNumber?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '终止日期。' })
  endedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '终止理由。' })
  endReason?: string | null;

  /** The latest progress note (each one is kept in the history). */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '最近一次进展说明（每次进展见 history）。' })
  progressNote?: string | null;

  @Property({ type: 'string', length: 64 })
  matchedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('StandardImplementation', this.id);
  }
}
registerNodeType(StandardImplementation, 'StandardImplementation');
