import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, PatentApplicationNumberScalar, RegionCodeScalar } from '../../common/scalars.js';
import { IpOperation, IpOperationDirection, IpOperationKind, IpOperationStatus, LicenceType } from './operation.entity.js';

@InputType('IpOperationFields', { description: '一项知识产权运营的内容。' })
export class IpOperationFields {
  @Field(() => IpOperationKind, { description: '运营方式。' })
  kind!: IpOperationKind;
  @Field(() => IpOperationDirection, { nullable: true, description: '方向（转让、许可必填，其他不填）。' })
  direction?: IpOperationDirection | null;
  @Field(() => LicenceType, { nullable: true, description: '许可类型（许可必填，其他不填）。' })
  licenceType?: LicenceType | null;
  @Field(() => String, { description: '交易对方（质押时为贷款机构；1–200 字）。' })
  counterparty!: string;
  @Field(() => Float, { description: '金额（元，0–999999999999.99，至多两位小数）。' })
  amount!: number;
  @Field(() => DateScalar, { description: '签订（登记）日期（不晚于今天）。' })
  signedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '起始日。' })
  validFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '截止日（不早于起始日）。' })
  validUntil?: string | null;
  @Field(() => Int, { nullable: true, description: '质押融资的期限（月，1–360，质押必填，其他不填）。' })
  termMonths?: number | null;
  @Extensions({ maxItems: 200 })
  @Field(() => [PatentApplicationNumberScalar], { description: '涉及的专利申请号（1–200 件）。' })
  applicationNumbers!: string[];
  @Field(() => String, { nullable: true, description: '说明（至多 2000 字）。' })
  note?: string | null;
}

@InputType('RecordIpOperationInput', { description: '登记企业的一项知识产权运营。' })
export class RecordIpOperationInput {
  @Field(() => ID, { description: '企业。' })
  enterpriseId!: string;
  @Field(() => IpOperationFields, { description: '内容。' })
  operation!: IpOperationFields;
}

@InputType('UpdateIpOperationInput', { description: '修改运营记录（整体替换内容；作废的不能改）。' })
export class UpdateIpOperationInput {
  @Field(() => ID, { description: '记录的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => IpOperationFields, { description: '内容。' })
  operation!: IpOperationFields;
}

@InputType('VoidIpOperationInput', { description: '作废运营记录（附理由）：不再计入统计。' })
export class VoidIpOperationInput {
  @Field(() => ID, { description: '记录的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@InputType('IpOperationFilter', { description: '运营记录的筛选。' })
export class IpOperationFilter {
  @Extensions({ maxItems: 40 })
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一。' })
  regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;
  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;
  @Field(() => [IpOperationKind], { nullable: true, description: '运营方式之一。' })
  kinds?: IpOperationKind[] | null;
  @Field(() => DateScalar, { nullable: true, description: '签订日期不早于。' })
  signedFrom?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '签订日期不晚于。' })
  signedTo?: string | null;
  @Field(() => PatentApplicationNumberScalar, { nullable: true, description: '涉及这件专利申请的。' })
  applicationNumber?: string | null;
  @Field(() => [IpOperationStatus], { nullable: true, description: '状态之一（默认只有有效的）。' })
  status?: IpOperationStatus[] | null;
}

@ObjectType('RecordIpOperationPayload', { description: 'recordIpOperation 的结果。' })
export class RecordIpOperationPayload {
  @Field(() => IpOperation, { description: '记录。' })
  operation!: IpOperation;
}
@ObjectType('UpdateIpOperationPayload', { description: 'updateIpOperation 的结果。' })
export class UpdateIpOperationPayload {
  @Field(() => IpOperation, { description: '记录。' })
  operation!: IpOperation;
}
@ObjectType('VoidIpOperationPayload', { description: 'voidIpOperation 的结果。' })
export class VoidIpOperationPayload {
  @Field(() => IpOperation, { description: '记录。' })
  operation!: IpOperation;
}

export const { Connection: IpOperationConnection } = connectionTypes(IpOperation, 'IpOperation', '知识产权运营记录');
