import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { RegionCodeScalar } from '../../common/scalars.js';
import { Specialty } from '../person/person.entity.js';
import { OrganizationKind, OrganizationStatus, ServiceOrganization } from './organization.entity.js';

export const { Connection: ServiceOrganizationConnection } = connectionTypes(ServiceOrganization, 'ServiceOrganization', '服务机构');

@InputType('ServiceOrganizationFilter', { description: '服务机构名录的筛选条件；各条件之间为“且”，列表内各值之间为“或”。' })
export class ServiceOrganizationFilter {
  @Field(() => [OrganizationKind], { nullable: true, description: '类别之一。' })
  kinds?: OrganizationKind[] | null;

  @Field(() => [OrganizationStatus], { nullable: true, description: '状态之一（不填：全部）。' })
  statuses?: OrganizationStatus[] | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '登记所在的省级辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '服务地区包含其中之一。' })
  servedRegionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时按省汇总：省的代码同时包含其计划单列市，新疆包含兵团（对 regionCodes 和 servedRegionCodes 都适用）。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => [Specialty], { nullable: true, description: '服务领域之一。' })
  specialties?: Specialty[] | null;

  @Extensions({ maxLength: 50 })
  @Field(() => String, { nullable: true, description: '名称包含该文字（最长 50 字）。' })
  nameContains?: string | null;
}

@InputType('CreateServiceOrganizationInput', { description: '登记服务机构（国家局；省局登记本辖区的）。培训基地通过 createTrainingBase 登记。' })
export class CreateServiceOrganizationInput {
  @Field(() => String, { description: '名称（1–200 字）。' })
  name!: string;

  @Field(() => OrganizationKind, { description: '类别（不含 TRAINING_BASE）。' })
  kind!: OrganizationKind;

  @Field(() => RegionCodeScalar, { nullable: true, description: '登记所在的省级辖区；省局不填为本辖区；驻外工作站不填。' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '所在国家或地区（驻外工作站必填）。' })
  country?: string | null;

  @Field(() => [Specialty], { nullable: true, description: '服务领域（与人才库同一词表）。' })
  specialties?: Specialty[] | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '服务地区（省级辖区代码；不填为登记所在辖区）。' })
  regionCodesServed?: string[] | null;

  @Field(() => String, { nullable: true, description: '地址（最长 300 字）。' })
  address?: string | null;

  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { nullable: true, description: '简介（最长 5000 字）。' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: '联系人（不公开）。' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话（不公开）。' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '联系邮箱（不公开）。' })
  contactEmail?: string | null;
}

@InputType('UpdateServiceOrganizationInput', { description: '修改服务机构：只改给出的字段，null 清空可选字段。' })
export class UpdateServiceOrganizationInput {
  @Field(() => ID, { description: '服务机构的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '读取时的版本号。' })
  version!: number;

  @Field(() => String, { nullable: true, description: '名称。' })
  name?: string | null;

  @Field(() => RegionCodeScalar, { nullable: true, description: '登记所在的省级辖区（迁往另一辖区须由国家局办理）。' })
  regionCode?: string | null;

  @Field(() => String, { nullable: true, description: '所在国家或地区（驻外工作站）。' })
  country?: string | null;

  @Field(() => [Specialty], { nullable: true, description: '服务领域（整体替换）。' })
  specialties?: Specialty[] | null;

  @Field(() => [RegionCodeScalar], { nullable: true, description: '服务地区（整体替换）。' })
  regionCodesServed?: string[] | null;

  @Field(() => String, { nullable: true, description: '地址。' })
  address?: string | null;

  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { nullable: true, description: '简介（最长 5000 字）。' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: '联系人。' })
  contactName?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话。' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '联系邮箱。' })
  contactEmail?: string | null;

  @Field(() => OrganizationStatus, { nullable: true, description: '状态：暂停、撤销须附说明；已撤销的不能恢复。' })
  status?: OrganizationStatus | null;

  @Field(() => String, { nullable: true, description: '状态变更的说明（暂停、撤销时必填，最长 2000 字）。' })
  statusNote?: string | null;
}

@ObjectType('CreateServiceOrganizationPayload', { description: 'createServiceOrganization 的结果。' })
export class CreateServiceOrganizationPayload {
  @Field(() => ServiceOrganization, { description: '登记的服务机构。' })
  organization!: ServiceOrganization;
}

@ObjectType('UpdateServiceOrganizationPayload', { description: 'updateServiceOrganization 的结果。' })
export class UpdateServiceOrganizationPayload {
  @Field(() => ServiceOrganization, { description: '修改后的服务机构。' })
  organization!: ServiceOrganization;
}
