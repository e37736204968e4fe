import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Region } from '../region/region.entity.js';

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

/** A service organisation that delivers services to enterprises; SERVICE_PROVIDER users belong to one. */
@ObjectType('ServiceOrganization', { implements: Node, description: '服务机构：代理机构、服务团队、培训基地、驻外工作站、维权援助中心。' })
@Entity({ tableName: 'service_organization' })
export class ServiceOrganization extends BaseEntity {
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

  /** Contact details: personal data, readable by administrators and the organisation itself. */
  @Property({ type: 'string', length: 50, nullable: true })
  contactPhone?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  contactEmail?: string | null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ServiceOrganization', this.id);
  }
}
registerNodeType(ServiceOrganization, 'ServiceOrganization');
