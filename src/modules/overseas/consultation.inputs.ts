import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar } from '../../common/scalars.js';
import { Specialty } from '../person/person.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { ExpertDirectoryEntry } from '../talent/expert-directory.js';
import { ConsultingStatus, ConsultingTopic, OverseasConsultation } from './consultation.entity.js';

@InputType('RequestOverseasConsultingInput', { description: '提出海外知识产权专家咨询请求（企业本身）。' })
export class RequestOverseasConsultingInput {
  @Field(() => ConsultingTopic, { description: '内容。' })
  topic!: ConsultingTopic;
  @Extensions({ maxItems: 30 })
  @Field(() => [String], { description: '涉及的国家（1–30 个）。' })
  countryCodes!: string[];
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '问题（1–20000 字）。' })
  question!: string;
  @Field(() => String, { nullable: true, description: '展会名称（展会法律服务必填）。' })
  exhibition?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '展会开幕日期（展会法律服务必填）。' })
  exhibitionOpensOn?: string | null;
}

@InputType('MatchOverseasConsultingInput', { description: '对接专家（人才库在任成员）和/或服务机构。' })
export class MatchOverseasConsultingInput {
  @Field(() => ID, { description: '咨询请求。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => ID, { nullable: true, description: '专家（Person 或 ExpertDirectoryEntry 的 ID）。' })
  expertId?: string | null;
  @Field(() => ID, { nullable: true, description: '服务机构。' })
  organizationId?: string | null;
}

@InputType('AnswerOverseasConsultingInput', { description: '答复咨询请求（对接的专家或服务机构）。' })
export class AnswerOverseasConsultingInput {
  @Field(() => ID, { description: '咨询请求。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Extensions({ maxLength: 20_000 })
  @Field(() => String, { description: '答复（1–20000 字）。' })
  advice!: string;
}

@InputType('CancelOverseasConsultingInput', { description: '取消未答复的咨询请求（企业本身）。' })
export class CancelOverseasConsultingInput {
  @Field(() => ID, { description: '咨询请求。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
}

@InputType('OverseasConsultationFilter', { description: '咨询请求的筛选。' })
export class OverseasConsultationFilter {
  @Field(() => [ConsultingStatus], { nullable: true, description: '状态之一。' })
  statuses?: ConsultingStatus[] | null;
  @Field(() => [ConsultingTopic], { nullable: true, description: '内容之一。' })
  topics?: ConsultingTopic[] | null;
  @Field(() => String, { nullable: true, description: '涉及的国家。' })
  countryCode?: string | null;
}

@ObjectType('OverseasConsultingCandidate', { description: '可对接的专家或服务机构：专业领域与咨询内容相符的越多越靠前。' })
export class ConsultingCandidate {
  @Field(() => ExpertDirectoryEntry, { nullable: true, description: '专家（公开信息）。' })
  expert!: ExpertDirectoryEntry | null;
  @Field(() => ServiceOrganization, { nullable: true, description: '服务机构。' })
  organization!: ServiceOrganization | null;
  @Field(() => [Specialty], { description: '相符的专业领域。' })
  matchedSpecialties!: Specialty[];
}

/** The payload of a mutation on a consultation (each mutation its own type, as the schema's convention asks). */
function consultationPayload(name: string) {
  @ObjectType(`${name}Payload`, { description: `${name.charAt(0).toLowerCase()}${name.slice(1)} 的结果。` })
  class Payload {
    @Field(() => OverseasConsultation, { description: '咨询请求。' })
    consultation!: OverseasConsultation;
  }
  return Payload;
}
export const RequestOverseasConsultingPayload = consultationPayload('RequestOverseasConsulting');
export const MatchOverseasConsultingPayload = consultationPayload('MatchOverseasConsulting');
export const AnswerOverseasConsultingPayload = consultationPayload('AnswerOverseasConsulting');
export const CancelOverseasConsultingPayload = consultationPayload('CancelOverseasConsulting');

export const { Connection: OverseasConsultationConnection } = connectionTypes(OverseasConsultation, 'OverseasConsultation', '海外知识产权专家咨询请求');
