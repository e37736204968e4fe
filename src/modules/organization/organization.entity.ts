import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Region } from '../region/region.entity.js';
import { Specialty } from '../person/person.entity.js';

export enum OrganizationKind {
  AGENCY = 'AGENCY',
  SERVICE_TEAM = 'SERVICE_TEAM',
  TRAINING_BASE = 'TRAINING_BASE',
  OVERSEAS_STATION = 'OVERSEAS_STATION',
  RIGHTS_PROTECTION_CENTER = 'RIGHTS_PROTECTION_CENTER',
}

registerEnumType(OrganizationKind, {
  name: 'OrganizationKind',
  description: '服务机构的类别。Kind of service organisation.',
  valuesConfig: {
    AGENCY: { description: '知识产权服务机构（代理机构等）' },
    SERVICE_TEAM: { description: '企业知识产权管理服务团队、贯标服务团队' },
    TRAINING_BASE: { description: '国家知识产权培训基地' },
    OVERSEAS_STATION: { description: '驻外知识产权工作站（依托贸促会驻外代表处）' },
    RIGHTS_PROTECTION_CENTER: { description: '知识产权维权援助中心' },
  },
});

/** The kinds that deliver services at enterprises: name a station's team, send commissioners, be selected [D 四(三), A 四(二)]. */
export const SERVICE_KINDS: readonly OrganizationKind[] = [OrganizationKind.SERVICE_TEAM, OrganizationKind.AGENCY, OrganizationKind.RIGHTS_PROTECTION_CENTER];

export enum OrganizationStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  DISSOLVED = 'DISSOLVED',
}

registerEnumType(OrganizationStatus, {
  name: 'OrganizationStatus',
  description: '服务机构的状态。',
  valuesConfig: {
    ACTIVE: { description: '正常：可承担服务站、派出特派员、参加遴选' },
    SUSPENDED: { description: '暂停：暂不承担新的服务（可恢复为正常）' },
    DISSOLVED: { description: '已撤销或解散（不可恢复）' },
  },
});

/** A service organisation that delivers services to enterprises; SERVICE_PROVIDER users belong to one. */
@ObjectType('ServiceOrganization', { implements: Node, description: '服务机构：代理机构、服务团队、培训基地、驻外工作站、维权援助中心。' })
@Entity({ tableName: 'service_organization' })
// The public directory pages by (name, id).
@Index({ name: 'service_organization_name_idx', properties: ['name', 'id'] })
export class ServiceOrganization extends BaseEntity<'status' | 'specialties' | 'regionsServed' | 'version'> {
  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '名称。' })
  name!: string;

  @Enum({ items: () => OrganizationKind, type: 'string' })
  @Field(() => OrganizationKind, { description: '类别。' })
  kind!: OrganizationKind;

  /** Jurisdiction it is registered in; null for overseas stations. */
  @ManyToOne(() => Region, { ref: true, nullable: true, fieldName: 'region_code' })
  @Index({ name: 'service_organization_region_code_idx' })
  region?: Ref<Region> | null;

  @Property({ type: 'string', length: 80, nullable: true })
  @Field(() => String, { nullable: true, description: '所在国家或地区（驻外工作站）。' })
  country?: string | null;

  @Enum({ items: () => OrganizationStatus, type: 'string', default: OrganizationStatus.ACTIVE })
  @Field(() => OrganizationStatus, { description: '状态。' })
  status: OrganizationStatus = OrganizationStatus.ACTIVE;

  /** The day the status last changed (null: ACTIVE since registration). */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '状态最近一次变更的日期（登记以来一直正常的为 null）。' })
  statusChangedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '状态变更的说明（暂停、撤销的理由）。' })
  statusNote?: string | null;

  /** The same vocabulary as the talent pools' specialties. */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [Specialty], { description: '服务领域（与人才库的专业领域同一词表）。' })
  specialties: Specialty[] = [];

  /** Codes of the jurisdictions it serves (its own included or not, as registered). */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  regionsServed: string[] = [];

  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: '地址。' })
  address?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '简介（服务内容、资质、业绩）。' })
  description?: string | null;

  /** Contact details: personal data, readable by administrators and the organisation itself. */
  @Property({ type: 'string', length: 100, nullable: true })
  contactName?: string | null;

  @Property({ type: 'string', length: 50, nullable: true })
  contactPhone?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  contactEmail?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ServiceOrganization', this.id);
  }
}
registerNodeType(ServiceOrganization, 'ServiceOrganization');
