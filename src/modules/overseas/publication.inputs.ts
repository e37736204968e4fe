import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { OverseasPublication, PublicationKind, PublicationStatus } from './publication.entity.js';

@InputType('OverseasPublicationFields', { description: '出版物的内容。' })
export class OverseasPublicationFields {
  @Field(() => PublicationKind, { description: '类别。' })
  kind!: PublicationKind;
  @Extensions({ maxItems: 60 })
  @Field(() => [String], { description: '适用的国家（ISO 3166-1 两位字母代码，1–60 个）。' })
  countryCodes!: string[];
  @Field(() => String, { description: '标题（1–200 字）。' })
  title!: string;
  @Field(() => String, { description: '摘要（1–2000 字）。' })
  summary!: string;
  @Field(() => String, { description: '语言（BCP 47，如 zh、en）。' })
  language!: string;
  @Extensions({ maxItems: 30 })
  @Field(() => [ID], { nullable: true, description: '附件（已上传的文件，至多 30 个）。' })
  attachmentIds?: string[] | null;
}

@InputType('DraftOverseasPublicationInput', { description: '撰写一份出版物（草稿）：服务机构为本机构；国家局可指明撰写机构，不指明即国家局自己的。' })
export class DraftOverseasPublicationInput {
  @Field(() => ID, { nullable: true, description: '撰写的服务机构（国家局用）。' })
  organizationId?: string | null;
  @Field(() => OverseasPublicationFields, { description: '内容。' })
  publication!: OverseasPublicationFields;
}

@InputType('UpdateOverseasPublicationInput', { description: '修改草稿（整体替换内容）。' })
export class UpdateOverseasPublicationInput {
  @Field(() => ID, { description: '出版物的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => OverseasPublicationFields, { description: '内容。' })
  publication!: OverseasPublicationFields;
}

@InputType('PublishOverseasPublicationInput', { description: '发布草稿（进入公开目录），或撤回已发布的（附理由）。' })
export class PublishOverseasPublicationInput {
  @Field(() => ID, { description: '出版物的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => Boolean, { description: 'true 发布，false 撤回。' })
  published!: boolean;
  @Field(() => String, { nullable: true, description: '撤回的理由（撤回时必填，至多 2000 字）。' })
  reason?: string | null;
}

@InputType('OverseasPublicationFilter', { description: '出版物目录的筛选。' })
export class OverseasPublicationFilter {
  @Field(() => [PublicationKind], { nullable: true, description: '类别之一。' })
  kinds?: PublicationKind[] | null;
  @Field(() => String, { nullable: true, description: '适用于这个国家的（ISO 3166-1 两位字母代码）。' })
  countryCode?: string | null;
  @Field(() => [PublicationStatus], { nullable: true, description: '状态之一（公众只见已发布的）。' })
  status?: PublicationStatus[] | null;
  @Field(() => String, { nullable: true, description: '标题或摘要中的文字（至多 50 字）。' })
  search?: string | null;
}

@ObjectType('DraftOverseasPublicationPayload', { description: 'draftOverseasPublication 的结果。' })
export class DraftOverseasPublicationPayload {
  @Field(() => OverseasPublication, { description: '出版物。' })
  publication!: OverseasPublication;
}
@ObjectType('UpdateOverseasPublicationPayload', { description: 'updateOverseasPublication 的结果。' })
export class UpdateOverseasPublicationPayload {
  @Field(() => OverseasPublication, { description: '出版物。' })
  publication!: OverseasPublication;
}
@ObjectType('PublishOverseasPublicationPayload', { description: 'publishOverseasPublication 的结果。' })
export class PublishOverseasPublicationPayload {
  @Field(() => OverseasPublication, { description: '出版物。' })
  publication!: OverseasPublication;
}

export const { Connection: OverseasPublicationConnection } = connectionTypes(OverseasPublication, 'OverseasPublication', '海外知识产权出版物');
