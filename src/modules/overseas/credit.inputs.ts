import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { IncidentKind, PenaltyArea, RevocationIncident } from '../designation/incident.entity.js';
import { CreditRecord, CreditRecordKind } from './credit.entity.js';

@InputType('RecordCreditInput', { description: '记录一项企业知识产权信用（国家局、企业所在辖区的省局）。' })
export class RecordCreditInput {
  @Field(() => ID, { description: '企业。' })
  enterpriseId!: string;
  @Field(() => CreditRecordKind, { description: '诚信公示或失信记录。' })
  kind!: CreditRecordKind;
  @Field(() => String, { description: '事由（1–200 字）。' })
  title!: string;
  @Field(() => String, { description: '作出决定的机关（1–200 字）。' })
  authority!: string;
  @Field(() => String, { nullable: true, description: '文号（至多 100 字）。' })
  documentNumber?: string | null;
  @Field(() => DateScalar, { description: '决定日期（不晚于今天）。' })
  decidedOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '公示期至（不早于决定日期；不填为长期）。' })
  publicUntil?: string | null;
  @Field(() => String, { description: '情况说明（1–2000 字）。' })
  description!: string;
  @Field(() => IncidentKind, { nullable: true, description: '失信记录属撤销示范企业称号的哪种情形（三(四)1–5）：填写则同时记为违规情形，作为撤销的依据。' })
  incidentKind?: IncidentKind | null;
  @Field(() => PenaltyArea, { nullable: true, description: '行政处罚的领域（情形为行政处罚时必填）。' })
  penaltyArea?: PenaltyArea | null;
}

@InputType('RepairCreditInput', { description: '信用修复：失信记录自修复日起不再公示、不再作为失信惩戒的依据。' })
export class RepairCreditInput {
  @Field(() => ID, { description: '信用记录。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => DateScalar, { description: '修复日期（不早于决定日期，不晚于今天）。' })
  repairedOn!: string;
  @Field(() => String, { description: '修复的依据（1–2000 字）。' })
  reason!: string;
}

@InputType('CreditRecordFilter', { description: '信用记录的筛选。' })
export class CreditRecordFilter {
  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;
  @Field(() => [CreditRecordKind], { nullable: true, description: '类别之一。' })
  kinds?: CreditRecordKind[] | null;
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在辖区之一。' })
  regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: '只要今日仍在公示的（未修复、在公示期内）。' })
  current?: boolean | null;
}

@ObjectType('RecordCreditPayload', { description: 'recordCredit 的结果。' })
export class RecordCreditPayload {
  @Field(() => CreditRecord, { description: '信用记录。' })
  creditRecord!: CreditRecord;
  @Field(() => RevocationIncident, { nullable: true, description: '同时记录的违规情形（失信记录属撤销情形时）。' })
  incident!: RevocationIncident | null;
}
@ObjectType('RepairCreditPayload', { description: 'repairCredit 的结果。' })
export class RepairCreditPayload {
  @Field(() => CreditRecord, { description: '信用记录。' })
  creditRecord!: CreditRecord;
}

export const { Connection: CreditRecordConnection } = connectionTypes(CreditRecord, 'CreditRecord', '信用记录');
