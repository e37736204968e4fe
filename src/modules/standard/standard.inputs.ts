import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { connectionTypes } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { StandardImplementation, StandardImplementationStatus } from './standard.entity.js';

export const { Connection: StandardImplementationConnection } = connectionTypes(StandardImplementation, 'StandardImplementation', '贯标对接与实施');

@InputType('MatchStandardTeamInput', { description: '为优势企业匹配贯标服务团队（省局，本辖区）。' })
export class MatchStandardTeamInput {
  @Field(() => ID, { description: '企业的全局 ID：持有有效的优势企业认定，或正在贯标的优势企业申报已提交。' })
  enterpriseId!: string;

  @Field(() => ID, { description: '贯标服务团队（类别 SERVICE_TEAM、状态 ACTIVE 的服务机构）的全局 ID。' })
  organizationId!: string;

  @Field(() => DateScalar, { nullable: true, description: '计划通过认证的日期（不早于今日）。' })
  targetOn?: string | null;

  @Extensions({ maxLength: 2_000 })
  @Field(() => String, { nullable: true, description: '对接说明（最长 2000 字）。' })
  note?: string | null;
}

@ObjectType('MatchStandardTeamPayload', { description: 'matchStandardTeam 的结果。' })
export class MatchStandardTeamPayload {
  @Field(() => StandardImplementation, { description: '新的贯标对接。' })
  implementation!: StandardImplementation;
}

@InputType('RecordStandardProgressInput', { description: '贯标实施的进展：开始实施或申请认证审核（对接的服务团队或省局）。' })
export class RecordStandardProgressInput {
  @Field(() => ID, { description: '贯标对接的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => StandardImplementationStatus, { description: '新的进度：IMPLEMENTING（开始实施）或 AUDITING（已申请认证审核）；同一进度下可只补充说明。' })
  status!: StandardImplementationStatus;

  @Field(() => DateScalar, { nullable: true, description: '发生日期（不晚于今日，不早于对接日；不填为今日）。' })
  on?: string | null;

  @Extensions({ maxLength: 2_000 })
  @Field(() => String, { description: '进展说明（1–2000 字）。' })
  note!: string;
}

@ObjectType('RecordStandardProgressPayload', { description: 'recordStandardProgress 的结果。' })
export class RecordStandardProgressPayload {
  @Field(() => StandardImplementation, { description: '贯标对接。' })
  implementation!: StandardImplementation;
}

@InputType('CertifyStandardImplementationInput', { description: '登记贯标认证结果（省局）。' })
export class CertifyStandardImplementationInput {
  @Field(() => ID, { description: '贯标对接的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => DateScalar, { description: '通过认证的日期（不晚于今日，不早于对接日）。' })
  certifiedOn!: string;

  @Extensions({ maxLength: 200 })
  @Field(() => String, { description: '认证机构（1–200 字）。' })
  certificationBody!: string;

  @Extensions({ maxLength: 100 })
  @Field(() => String, { description: '证书编号（1–100 字）。' })
  certificateNumber!: string;
}

@ObjectType('CertifyStandardImplementationPayload', { description: 'certifyStandardImplementation 的结果。' })
export class CertifyStandardImplementationPayload {
  @Field(() => StandardImplementation, { description: '贯标对接（已认证）。' })
  implementation!: StandardImplementation;

  @Field(() => Enterprise, { description: '企业（认证日期已填写，所处阶段随之变化）。' })
  enterprise!: Enterprise;
}

@InputType('EndStandardImplementationInput', { description: '终止贯标对接（省局，附理由）。' })
export class EndStandardImplementationInput {
  @Field(() => ID, { description: '贯标对接的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Extensions({ maxLength: 2_000 })
  @Field(() => String, { description: '理由（1–2000 字）。' })
  reason!: string;
}

@ObjectType('EndStandardImplementationPayload', { description: 'endStandardImplementation 的结果。' })
export class EndStandardImplementationPayload {
  @Field(() => StandardImplementation, { description: '贯标对接（已终止）。' })
  implementation!: StandardImplementation;
}

@InputType('StandardImplementationFilter', { description: '贯标对接的筛选条件。' })
export class StandardImplementationFilter {
  @Field(() => [RegionCodeScalar], { nullable: true, description: '省级辖区（省局只看得到本辖区的）。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: '同时包括其下的计划单列市、兵团。' })
  includeSubJurisdictions?: boolean | null;

  @Field(() => [StandardImplementationStatus], { nullable: true, description: '进度。' })
  status?: StandardImplementationStatus[] | null;

  @Field(() => ID, { nullable: true, description: '服务团队的全局 ID。' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: '企业的全局 ID。' })
  enterpriseId?: string | null;
}
