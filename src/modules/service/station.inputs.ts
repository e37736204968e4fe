import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { ServiceStation, StationStatus } from './station.entity.js';

export const { Connection: ServiceStationConnection } = connectionTypes(ServiceStation, 'ServiceStation', '服务站');

@InputType('ServiceStationFilter', { description: '服务站的筛选条件（各条件之间为“且”）。未登录时只有运行中的服务站。' })
export class ServiceStationFilter {
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;

  @Field(() => ID, { nullable: true, description: '服务团队（服务机构）。' })
  organizationId?: string | null;

  @Field(() => [StationStatus], { nullable: true, description: '状态之一。' })
  statuses?: StationStatus[] | null;

  @Field(() => DateScalar, { nullable: true, description: '在这一天运行中（建站日不晚于它，撤站日晚于它或未撤站）。' })
  openOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '建站日期不早于。' })
  openedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '建站日期不晚于。' })
  openedTo?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '申请日期不早于。' })
  requestedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '申请日期不晚于。' })
  requestedTo?: string | null;
}

@InputType('RequestServiceStationInput', { description: '申请设立本企业的知识产权服务站（企业用户；须现为示范企业，SV1）。' })
export class RequestServiceStationInput {
  @Field(() => ID, { description: '企业（本企业）。' })
  enterpriseId!: string;

  @Field(() => String, { description: '需求说明：希望服务站提供的服务（1–2000 字）。' })
  note!: string;
}

@InputType('WithdrawServiceStationRequestInput', { description: '撤回待审核的服务站申请（企业用户）。' })
export class WithdrawServiceStationRequestInput {
  @Field(() => ID, { description: '服务站。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('ApproveServiceStationInput', { description: '同意设立服务站并指定服务团队（企业所在辖区的省局）。' })
export class ApproveServiceStationInput {
  @Field(() => ID, { description: '服务站。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => ID, { description: '服务团队（正常状态的服务团队、服务机构或维权援助中心，SV2）。' })
  organizationId!: string;

  @Field(() => String, { nullable: true, description: '审核意见（最长 2000 字）。' })
  note?: string | null;
}

@InputType('RejectServiceStationInput', { description: '不同意设立服务站（企业所在辖区的省局），须说明理由。' })
export class RejectServiceStationInput {
  @Field(() => ID, { description: '服务站。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@InputType('OpenServiceStationInput', { description: '登记建站（所在辖区省局、指定的服务团队、国家局）。' })
export class OpenServiceStationInput {
  @Field(() => ID, { description: '服务站。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => DateScalar, { description: '建站日期（不早于审核日，不晚于今日；该日企业须为示范企业，SV1）。' })
  openedOn!: string;
}

@InputType('CloseServiceStationInput', { description: '撤站（所在辖区省局、企业本身、国家局）：运行中的，或已同意尚未建站的。' })
export class CloseServiceStationInput {
  @Field(() => ID, { description: '服务站。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => DateScalar, { description: '撤站日期（当日起不再运行；不早于建站日，不晚于今日）。' })
  closedOn!: string;

  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

const payload = (name: string, description: string) => {
  @ObjectType(`${name}Payload`, { description: `${description}的结果。` })
  class Payload {
    @Field(() => ServiceStation, { description: '服务站。' })
    station!: ServiceStation;
  }
  return Payload;
};

export const RequestServiceStationPayload = payload('RequestServiceStation', 'requestServiceStation');
export const WithdrawServiceStationRequestPayload = payload('WithdrawServiceStationRequest', 'withdrawServiceStationRequest');
export const ApproveServiceStationPayload = payload('ApproveServiceStation', 'approveServiceStation');
export const RejectServiceStationPayload = payload('RejectServiceStation', 'rejectServiceStation');
export const OpenServiceStationPayload = payload('OpenServiceStation', 'openServiceStation');
export const CloseServiceStationPayload = payload('CloseServiceStation', 'closeServiceStation');
export type StationPayload = InstanceType<typeof RequestServiceStationPayload>;
