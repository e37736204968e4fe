import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { Person } from '../person/person.entity.js';
import { ServiceRecord, ServiceType } from './service-record.entity.js';
import { CommissionerDispatch } from './dispatch.entity.js';

export const { Connection: ServiceRecordConnection } = connectionTypes(ServiceRecord, 'ServiceRecord', '服务记录');

@InputType('ServiceRecordListFilter', { description: '服务记录的筛选条件（各条件之间为“且”）。' })
export class ServiceRecordListFilter {
  @Field(() => [ServiceType], { nullable: true, description: '服务类型之一。' })
  types?: ServiceType[] | null;

  @Field(() => DateScalar, { nullable: true, description: '服务日期不早于。' })
  servedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '服务日期不晚于。' })
  servedTo?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '是否包含已作废的（默认不含）。' })
  includeVoided?: boolean | null;
}

@InputType('ServiceRecordFilter', { description: '服务记录的筛选条件（各条件之间为“且”）。' })
export class ServiceRecordFilter extends ServiceRecordListFilter {
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '提供服务的机构。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '服务站。' })
  stationId?: string | null;

  @Field(() => ID, { nullable: true, description: '特派任务。' })
  dispatchId?: string | null;
}

@InputType('RecordServiceInput', { description: '登记一次服务（服务机构为本机构提供的服务；省局为本辖区企业；国家局）。' })
export class RecordServiceInput {
  @Field(() => ID, { description: '接受服务的企业。' })
  enterpriseId!: string;

  @Field(() => ID, { nullable: true, description: '提供服务的机构（服务机构用户不填为本机构；知识产权局必填）。' })
  organizationId?: string | null;

  @Field(() => ServiceType, { description: '服务类型（STATION_WORK 须关联服务站，COMMISSIONER_VISIT 须关联特派任务）。' })
  type!: ServiceType;

  @Field(() => DateScalar, { description: '服务日期（不晚于今日）。' })
  servedOn!: string;

  @Field(() => Float, { description: '时长（小时，大于 0、不超过 1000，至多两位小数）。' })
  hours!: number;

  @Extensions({ maxLength: 10_000 })
  @Field(() => String, { description: '服务内容（1–10000 字）。' })
  summary!: string;

  @Extensions({ maxLength: 10_000 })
  @Field(() => String, { nullable: true, description: '成效（最长 10000 字）。' })
  outcome?: string | null;

  @Extensions({ maxItems: 20 })
  @Field(() => [ID], { nullable: true, description: '提供服务的人员（该机构在服务当日在任的成员，最多 20 人）。' })
  deliveredByIds?: string[] | null;

  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件（登记人可以查看的已上传文件，最多 30 个）。' })
  attachmentIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: '服务站（须为该企业、该机构承担的服务站，服务日在运行期内）。' })
  stationId?: string | null;

  @Field(() => ID, { nullable: true, description: '特派任务（须为派往该企业、该机构成员的任务，服务日在任期内）。' })
  dispatchId?: string | null;
}

@InputType('UpdateServiceRecordInput', { description: '修改服务记录（只改给出的字段；所属企业、机构、服务站和特派任务不能改）。' })
export class UpdateServiceRecordInput {
  @Field(() => ID, { description: '服务记录。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => ServiceType, { nullable: true, description: '服务类型。' })
  type?: ServiceType | null;

  @Field(() => DateScalar, { nullable: true, description: '服务日期。' })
  servedOn?: string | null;

  @Field(() => Float, { nullable: true, description: '时长（小时）。' })
  hours?: number | null;

  @Extensions({ maxLength: 10_000 })
  @Field(() => String, { nullable: true, description: '服务内容。' })
  summary?: string | null;

  @Extensions({ maxLength: 10_000 })
  @Field(() => String, { nullable: true, description: '成效（null 清空）。' })
  outcome?: string | null;

  @Extensions({ maxItems: 20 })
  @Field(() => [ID], { nullable: true, description: '提供服务的人员（整体替换）。' })
  deliveredByIds?: string[] | null;

  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件（整体替换）。' })
  attachmentIds?: string[] | null;
}

@InputType('VoidServiceRecordInput', { description: '作废服务记录（附理由；不再计入统计）。' })
export class VoidServiceRecordInput {
  @Field(() => ID, { description: '服务记录。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@InputType('RecordCommissionerVisitInput', { description: '记录特派员走访（特派员所在服务机构、派出的知识产权局）：同时登记一条 COMMISSIONER_VISIT 服务记录。' })
export class RecordCommissionerVisitInput {
  @Field(() => ID, { description: '特派任务。' })
  dispatchId!: string;

  @Field(() => DateScalar, { description: '走访日期（任期内，不晚于今日）。' })
  visitedOn!: string;

  @Field(() => Float, { description: '时长（小时）。' })
  hours!: number;

  @Extensions({ maxLength: 10_000 })
  @Field(() => String, { description: '走访情况（1–10000 字）。' })
  summary!: string;

  @Extensions({ maxLength: 10_000 })
  @Field(() => String, { nullable: true, description: '成效与后续安排。' })
  outcome?: string | null;

  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件（最多 30 个）。' })
  attachmentIds?: string[] | null;
}

@ObjectType('RecordServicePayload', { description: 'recordService 的结果。' })
export class RecordServicePayload {
  @Field(() => ServiceRecord, { description: '服务记录。' })
  record!: ServiceRecord;
}

@ObjectType('UpdateServiceRecordPayload', { description: 'updateServiceRecord 的结果。' })
export class UpdateServiceRecordPayload {
  @Field(() => ServiceRecord, { description: '服务记录。' })
  record!: ServiceRecord;
}

@ObjectType('VoidServiceRecordPayload', { description: 'voidServiceRecord 的结果。' })
export class VoidServiceRecordPayload {
  @Field(() => ServiceRecord, { description: '已作废的服务记录。' })
  record!: ServiceRecord;
}

@ObjectType('RecordCommissionerVisitPayload', { description: 'recordCommissionerVisit 的结果。' })
export class RecordCommissionerVisitPayload {
  @Field(() => ServiceRecord, { description: '走访的服务记录。' })
  record!: ServiceRecord;

  @Field(() => CommissionerDispatch, { description: '特派任务。' })
  dispatch!: CommissionerDispatch;
}

@ObjectType('ServicePerson', { description: '提供服务的人员：姓名；人员记录按人员的可见范围（国家局、省局和本人），其他人为 null。' })
export class ServicePerson {
  @Field(() => String, { description: '姓名。' })
  name!: string;

  @Field(() => Person, { nullable: true, description: '人员记录（按人员的可见范围）。' })
  person!: Person | null;
}
