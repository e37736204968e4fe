/**
 * Service stations at demonstration enterprises (示范企业知识产权服务站) [D 四(三)]: the enterprise
 * requests one, its provincial bureau approves and names the team (or rejects with a reason), the
 * station opens and later closes. One requested, approved or open station per enterprise, held by
 * the partial unique index service_station_open_unique.
 */
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum StationStatus {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(StationStatus, {
  name: 'StationStatus',
  description: '服务站的状态。',
  valuesConfig: {
    REQUESTED: { description: '企业已申请，待所在辖区省局审核' },
    APPROVED: { description: '省局已同意并指定服务团队，待建站' },
    REJECTED: { description: '省局不同意（附理由）' },
    WITHDRAWN: { description: '企业撤回了申请' },
    OPEN: { description: '已建站，运行中（公开）' },
    CLOSED: { description: '已撤站（附日期和理由）' },
  },
});

/** The statuses in which a station holds its enterprise's one place. */
export const HELD_STATUSES: readonly StationStatus[] = [StationStatus.REQUESTED, StationStatus.APPROVED, StationStatus.OPEN];

@ObjectType('ServiceStation', { implements: Node, description: '示范企业知识产权服务站（四(三)）：申请、审核、建站、撤站。运行中的服务站公开（企业名称、服务团队、辖区、建站日期）。' })
@Entity({ tableName: 'service_station' })
@Index({
  name: 'service_station_open_unique',
  expression: `create unique index "service_station_open_unique" on "service_station" ("enterprise_id") where "status" in ('REQUESTED', 'APPROVED', 'OPEN')`,
})
@Index({ name: 'service_station_enterprise_idx', properties: ['enterprise'] })
@Index({ name: 'service_station_organization_idx', properties: ['organization'] })
@Index({ name: 'service_station_created_idx', properties: ['createdAt', 'id'] })
export class ServiceStation extends BaseEntity<'status' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => StationStatus, type: 'string' })
  @Field(() => StationStatus, { description: '状态。' })
  status: StationStatus = StationStatus.REQUESTED;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '申请日期。' })
  requestedOn!: string;

  /** What the enterprise asks the station for (its needs): with the record only. */
  @Property({ type: 'text' })
  requestNote!: string;

  @Property({ type: 'string', length: 64 })
  requestedBy!: string;

  /** The team the bureau named (an ACTIVE service organisation). */
  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'restrict' })
  organization?: Ref<ServiceOrganization> | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '省局审核日期。' })
  decidedOn?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  decisionNote?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '建站日期。' })
  openedOn?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '撤站日期。' })
  closedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  closeReason?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ServiceStation', this.id);
  }
}
registerNodeType(ServiceStation, 'ServiceStation');
