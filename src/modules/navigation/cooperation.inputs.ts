import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar, PatentApplicationNumberScalar, RegionCodeScalar } from '../../common/scalars.js';
import { CollaborationAgreement, PartnerKind, StandardLevel, StandardParticipation, StandardRole } from './cooperation.entity.js';

@InputType('CollaborationPartnerInput', { description: '一个合作方。' })
export class CollaborationPartnerInput {
  @Field(() => String, { description: '名称（1–200 字）。' })
  name!: string;
  @Field(() => PartnerKind, { description: '类别。' })
  kind!: PartnerKind;
  @Field(() => String, { nullable: true, description: '分工（至多 200 字）。' })
  role?: string | null;
}

@InputType('CollaborationAgreementFields', { description: '协同创新合作的内容。' })
export class CollaborationAgreementFields {
  @Field(() => String, { description: '名称（1–200 字）。' })
  title!: string;
  @Field(() => String, { description: '合作内容和目标（1–2000 字）。' })
  description!: string;
  @Extensions({ maxItems: 30 })
  @Field(() => [CollaborationPartnerInput], { description: '合作方（1–30 个；至少一个高校、院所、金融机构或服务机构）。' })
  partners!: CollaborationPartnerInput[];
  @Extensions({ maxItems: 20 })
  @Field(() => [String], { description: '关键技术领域的国际专利分类号（1–20 个）。' })
  ipcClasses!: string[];
  @Field(() => DateScalar, { description: '开始日（不晚于今天）。' })
  startsOn!: string;
  @Field(() => DateScalar, { nullable: true, description: '结束日（不早于开始日）。' })
  endsOn?: string | null;
  @Extensions({ maxItems: 500 })
  @Field(() => [PatentApplicationNumberScalar], { nullable: true, description: '合作形成的专利申请（至多 500 件）。' })
  applicationNumbers?: string[] | null;
}

@InputType('RecordCollaborationAgreementInput', { description: '登记企业牵头的一项协同创新合作。' })
export class RecordCollaborationAgreementInput {
  @Field(() => ID, { description: '牵头企业。' })
  enterpriseId!: string;
  @Field(() => CollaborationAgreementFields, { description: '内容。' })
  agreement!: CollaborationAgreementFields;
}

@InputType('UpdateCollaborationAgreementInput', { description: '修改协同创新合作（整体替换内容，例如补登形成的专利申请）。' })
export class UpdateCollaborationAgreementInput {
  @Field(() => ID, { description: '合作的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => CollaborationAgreementFields, { description: '内容。' })
  agreement!: CollaborationAgreementFields;
}

@InputType('StandardParticipationFields', { description: '一项标准的内容。' })
export class StandardParticipationFields {
  @Field(() => String, { description: '标准编号或立项计划号（1–60 字，如 GB/T 29490-2023）。' })
  standardNumber!: string;
  @Field(() => String, { description: '标准名称（1–200 字）。' })
  title!: string;
  @Field(() => StandardLevel, { description: '层级。' })
  level!: StandardLevel;
  @Field(() => StandardRole, { description: '企业的角色。' })
  role!: StandardRole;
  @Field(() => DateScalar, { nullable: true, description: '发布日期（不晚于今天；制定中不填）。' })
  publishedOn?: string | null;
  @Extensions({ maxItems: 200 })
  @Field(() => [PatentApplicationNumberScalar], { nullable: true, description: '声明的标准必要专利（至多 200 件）。' })
  essentialPatents?: string[] | null;
}

@InputType('RecordStandardParticipationInput', { description: '登记企业主导或参与制定的一项标准。' })
export class RecordStandardParticipationInput {
  @Field(() => ID, { description: '企业。' })
  enterpriseId!: string;
  @Field(() => StandardParticipationFields, { description: '内容。' })
  standard!: StandardParticipationFields;
}

@InputType('UpdateStandardParticipationInput', { description: '修改标准记录（整体替换内容，例如登记发布日期和必要专利）。' })
export class UpdateStandardParticipationInput {
  @Field(() => ID, { description: '记录的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => StandardParticipationFields, { description: '内容。' })
  standard!: StandardParticipationFields;
}

@InputType('CooperationFilter', { description: '协同创新合作和标准记录的筛选。' })
export class CooperationFilter {
  @Extensions({ maxItems: 40 })
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在的辖区之一。' })
  regionCodes?: string[] | null;
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '为 true 时省的代码包含其计划单列市，新疆包含兵团。' })
  includeSubJurisdictions?: boolean | null;
  @Field(() => ID, { nullable: true, description: '企业。' })
  enterpriseId?: string | null;
  @Field(() => PatentApplicationNumberScalar, { nullable: true, description: '涉及这件专利申请的。' })
  applicationNumber?: string | null;
}

@ObjectType('RecordCollaborationAgreementPayload', { description: 'recordCollaborationAgreement 的结果。' })
export class RecordCollaborationAgreementPayload {
  @Field(() => CollaborationAgreement, { description: '合作。' })
  agreement!: CollaborationAgreement;
}
@ObjectType('UpdateCollaborationAgreementPayload', { description: 'updateCollaborationAgreement 的结果。' })
export class UpdateCollaborationAgreementPayload {
  @Field(() => CollaborationAgreement, { description: '合作。' })
  agreement!: CollaborationAgreement;
}
@ObjectType('RecordStandardParticipationPayload', { description: 'recordStandardParticipation 的结果。' })
export class RecordStandardParticipationPayload {
  @Field(() => StandardParticipation, { description: '标准记录。' })
  standard!: StandardParticipation;
}
@ObjectType('UpdateStandardParticipationPayload', { description: 'updateStandardParticipation 的结果。' })
export class UpdateStandardParticipationPayload {
  @Field(() => StandardParticipation, { description: '标准记录。' })
  standard!: StandardParticipation;
}

export const { Connection: CollaborationAgreementConnection } = connectionTypes(CollaborationAgreement, 'CollaborationAgreement', '协同创新合作');
export const { Connection: StandardParticipationConnection } = connectionTypes(StandardParticipation, 'StandardParticipation', '标准记录');
