/**
 * Service records: every service delivered to an enterprise [D 四(三), A 四(二)], by whom, when, for
 * how long and with what outcome, optionally at a station or on a commissioner's dispatch (a
 * commissioner's visit is a record of type COMMISSIONER_VISIT). What dashboards count.
 *
 * Links to what a service was delivered under are nullable references, one column each
 * (station_id, dispatch_id); a later consulting session or booking links the same way (a
 * `consulting_session_id` column, type CONSULTATION), so that every service stays one record.
 */
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { ServiceStation } from './station.entity.js';
import { CommissionerDispatch } from './dispatch.entity.js';

export enum ServiceType {
  CONSULTATION = 'CONSULTATION',
  STATION_WORK = 'STATION_WORK',
  COMMISSIONER_VISIT = 'COMMISSIONER_VISIT',
  STANDARD_GUIDANCE = 'STANDARD_GUIDANCE',
  PATENT_ANALYSIS = 'PATENT_ANALYSIS',
  EXHIBITION_LEGAL_SERVICE = 'EXHIBITION_LEGAL_SERVICE',
  TRAINING = 'TRAINING',
  RIGHTS_PROTECTION = 'RIGHTS_PROTECTION',
  OTHER = 'OTHER',
}
registerEnumType(ServiceType, {
  name: 'ServiceType',
  description: '服务的类型。',
  valuesConfig: {
    CONSULTATION: { description: '问诊咨询' },
    STATION_WORK: { description: '服务站工作（须关联服务站）' },
    COMMISSIONER_VISIT: { description: '特派员走访（须关联特派任务）' },
    STANDARD_GUIDANCE: { description: '贯标辅导（GB/T 29490）' },
    PATENT_ANALYSIS: { description: '专利分析、专利导航' },
    EXHIBITION_LEGAL_SERVICE: { description: '展会知识产权法律服务' },
    TRAINING: { description: '培训' },
    RIGHTS_PROTECTION: { description: '维权援助' },
    OTHER: { description: '其他' },
  },
});

export enum ServiceRecordStatus {
  RECORDED = 'RECORDED',
  VOIDED = 'VOIDED',
}
registerEnumType(ServiceRecordStatus, {
  name: 'ServiceRecordStatus',
  description: '服务记录的状态。',
  valuesConfig: {
    RECORDED: { description: '有效' },
    VOIDED: { description: '已作废（附理由；不计入统计，列表默认不含）' },
  },
});

@ObjectType('ServiceRecord', { implements: Node, description: '向企业提供的一次服务：类型、日期、时长、服务人员、内容与成效、附件、服务机构，以及所属的服务站或特派任务。企业本身、其所在辖区省局、服务机构和国家局可见，不公开。' })
@Entity({ tableName: 'service_record' })
@Index({ name: 'service_record_enterprise_idx', properties: ['enterprise', 'servedOn', 'id'] })
@Index({ name: 'service_record_organization_idx', properties: ['organization', 'servedOn'] })
@Index({ name: 'service_record_station_idx', properties: ['station'] })
@Index({ name: 'service_record_dispatch_idx', properties: ['dispatch'] })
@Index({ name: 'service_record_served_idx', properties: ['servedOn', 'id'] })
// Files shared through a record (file.policy.ts, shareAttachments): attachment_ids @> '["<file id>"]'.
@Index({ name: 'service_record_attachments_idx', expression: `create index "service_record_attachments_idx" on "service_record" using gin ("attachment_ids" jsonb_path_ops)` })
export class ServiceRecord extends BaseEntity<'status' | 'deliveredBy' | 'attachmentIds' | 'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  /** The provider. */
  @ManyToOne(() => ServiceOrganization, { ref: true, deleteRule: 'restrict' })
  organization!: Ref<ServiceOrganization>;

  @Enum({ items: () => ServiceType, type: 'string' })
  @Field(() => ServiceType, { description: '服务类型。' })
  type!: ServiceType;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '服务日期。' })
  servedOn!: string;

  @Property({ type: 'double' })
  @Field(() => Float, { description: '服务时长（小时）。' })
  hours!: number;

  @Property({ type: 'text' })
  @Field(() => String, { description: '服务内容（所做的工作）。' })
  summary!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '成效（解决的问题、形成的成果、后续建议）。' })
  outcome?: string | null;

  /** Ids of the people who delivered it (members of the organisation on the day). */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  deliveredBy: string[] = [];

  /** Ids of the attached files (StoredFile). */
  @Property({ type: 'json', defaultRaw: `'[]'` })
  attachmentIds: string[] = [];

  @ManyToOne(() => ServiceStation, { ref: true, nullable: true, deleteRule: 'set null' })
  station?: Ref<ServiceStation> | null;

  @ManyToOne(() => CommissionerDispatch, { ref: true, nullable: true, deleteRule: 'set null' })
  dispatch?: Ref<CommissionerDispatch> | null;

  @Enum({ items: () => ServiceRecordStatus, type: 'string' })
  @Field(() => ServiceRecordStatus, { description: '状态。' })
  status: ServiceRecordStatus = ServiceRecordStatus.RECORDED;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '作废的理由。' })
  voidReason?: string | null;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '记录人（用户名）。' })
  recordedBy!: string;

  @Property({ type: 'string', length: 32 })
  recorderRole!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('ServiceRecord', this.id);
  }
}
registerNodeType(ServiceRecord, 'ServiceRecord');
