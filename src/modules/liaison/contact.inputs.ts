import { Extensions, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../common/scalars.js';
import { connectionTypes } from '../../common/pagination.js';
import { RecordFilterBase } from './liaison.inputs.js';
import { ContactChannel, ContactRecord } from './contact.entity.js';

export const { Connection: ContactRecordConnection } = connectionTypes(ContactRecord, 'ContactRecord', '联系记录');

@InputType('ContactRecordFilter', { description: '联系记录列表的筛选条件。' })
export class ContactRecordFilter extends RecordFilterBase {
  @Field(() => [ContactChannel], { nullable: true, description: '联系方式之一。' })
  channels?: ContactChannel[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只看重大事项联系；false：只看日常联系。' })
  major?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true：只看有未完成跟进事项的；false：只看没有的。' })
  openFollowUps?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: '联系日期不早于此日。' })
  contactedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: '联系日期不晚于此日。' })
  contactedTo?: string | null;
}

@InputType('FollowUpInput', { description: '跟进事项。' })
export class FollowUpInput {
  @Extensions({ maxLength: 500 })
  @Field(() => String, { description: '事项（1–500 字）。' })
  text!: string;

  @Field(() => DateScalar, { nullable: true, description: '完成期限。' })
  dueOn?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '是否已完成。' })
  done?: boolean | null;

  @Field(() => DateScalar, { nullable: true, description: '完成日期（已完成时，不填为今日；不晚于今日）。' })
  doneOn?: string | null;
}

@InputType('RecordContactInput', { description: '记录与企业的一次联系（省局本辖区企业，国家局任何企业）。' })
export class RecordContactInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => DateScalar, { description: '联系日期（不晚于今日）。' })
  contactedOn!: string;

  @Field(() => ContactChannel, { description: '联系方式。' })
  channel!: ContactChannel;

  @Extensions({ maxLength: 200 })
  @Field(() => String, { description: '事由（1–200 字）。' })
  subject!: string;

  @Extensions({ maxLength: 5000 })
  @Field(() => String, { description: '联系情况摘要（1–5000 字）。' })
  summary!: string;

  @Extensions({ maxItems: 20 })
  @Field(() => [FollowUpInput], { nullable: true, description: '跟进事项（至多 20 项）。' })
  followUps?: FollowUpInput[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: '重大事项联系（仅国家局；须填写议定事项）。' })
  major?: boolean | null;

  @Extensions({ maxLength: 5000 })
  @Field(() => String, { nullable: true, description: '议定事项（重大事项必填，最长 5000 字）。' })
  decision?: string | null;

  @Extensions({ maxLength: 2000 })
  @Field(() => String, { nullable: true, description: '内部备注（企业不可见，最长 2000 字）。' })
  internalNote?: string | null;
}

@ObjectType('RecordContactPayload', { description: 'recordContact 的结果。' })
export class RecordContactPayload {
  @Field(() => ContactRecord, { description: '联系记录。' })
  contact!: ContactRecord;
}

@InputType('UpdateContactInput', { description: '修改本局的联系记录（例如标记跟进事项完成）；只修改给出的字段。' })
export class UpdateContactInput {
  @Field(() => ID, { description: '联系记录的全局 ID。' })
  id!: string;

  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Extensions({ maxLength: 200 })
  @Field(() => String, { nullable: true, description: '事由（1–200 字）。' })
  subject?: string | null;

  @Extensions({ maxLength: 5000 })
  @Field(() => String, { nullable: true, description: '联系情况摘要（1–5000 字）。' })
  summary?: string | null;

  @Extensions({ maxItems: 20 })
  @Field(() => [FollowUpInput], { nullable: true, description: '跟进事项（给出即整体替换，至多 20 项）。' })
  followUps?: FollowUpInput[] | null;

  @Extensions({ maxLength: 5000 })
  @Field(() => String, { nullable: true, description: '议定事项（重大事项不可清空）。' })
  decision?: string | null;

  @Extensions({ maxLength: 2000 })
  @Field(() => String, { nullable: true, description: '内部备注。' })
  internalNote?: string | null;
}

@ObjectType('UpdateContactPayload', { description: 'updateContact 的结果。' })
export class UpdateContactPayload {
  @Field(() => ContactRecord, { description: '联系记录。' })
  contact!: ContactRecord;
}
