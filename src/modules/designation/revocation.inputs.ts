import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { ApplicationBan } from './ban.entity.js';
import { Designation } from './designation.entity.js';
import { IncidentKind, PenaltyArea, RevocationIncident } from './incident.entity.js';

@InputType('RecordIncidentInput', { description: '记录一项违规情形（国家局或企业所在辖区的省局）。' })
export class RecordIncidentInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => IncidentKind, { description: '情形（三(四)1–5）。' })
  kind!: IncidentKind;

  @Field(() => PenaltyArea, { nullable: true, description: '行政处罚的领域：情形为行政处罚时必填，其他情形不填。' })
  penaltyArea?: PenaltyArea | null;

  @Field(() => DateScalar, { description: '发生（或处罚决定）日期，不晚于今日。' })
  occurredOn!: string;

  @Field(() => String, { description: '情况说明（1–2000 字）。' })
  description!: string;

  @Field(() => String, { description: '证据：文书名称、文号、来源等（1–2000 字）。' })
  evidence!: string;
}

@ObjectType('RecordIncidentPayload', { description: 'recordIncident 的结果。' })
export class RecordIncidentPayload {
  @Field(() => RevocationIncident, { description: '记录的情形。' })
  incident!: RevocationIncident;
}

@InputType('RevokeDesignationInput', { description: '撤销示范企业称号（仅国家局）。' })
export class RevokeDesignationInput {
  @Field(() => ID, { description: '认定的全局 ID（须为当前有效的示范企业认定）。' })
  designationId!: string;

  @Field(() => [ID], { description: '作为依据的违规情形（至少一项在近 3 年内）。' })
  incidentIds!: string[];

  @Field(() => String, { description: '撤销理由（1–2000 字）。' })
  reason!: string;
}

@ObjectType('RevokeDesignationPayload', { description: 'revokeDesignation 的结果：撤销后的认定和随之开始的禁止申报期。' })
export class RevokeDesignationPayload {
  @Field(() => Designation, { description: '认定（状态 REVOKED）。' })
  designation!: Designation;

  @Field(() => ApplicationBan, { nullable: true, description: '禁止再次申报的期间（默认 2 年；禁止年数设为 0 时为 null）。' })
  ban!: ApplicationBan | null;
}
