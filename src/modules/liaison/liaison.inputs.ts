import { Extensions, Field, ID, InputType, ObjectType } from 'type-graphql';
import { RegionCodeScalar } from '../../common/scalars.js';
import { connectionTypes } from '../../common/pagination.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { Liaison, LiaisonReminder } from './liaison.entity.js';

/** The region and enterprise filter of every list here (the same roll-up as EnterpriseFilter). */
@InputType('LiaisonRecordFilterBase', { description: '（基类，不出现在 schema 中）按辖区和企业筛选。' })
export class RecordFilterBase {
  @Field(() => [RegionCodeScalar], { nullable: true, description: '企业所在省级辖区的行政区划代码之一。' })
  regionCodes?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: '为 true 时按省汇总：省的代码同时包含其计划单列市（例如 440000 含 440300 深圳），新疆包含兵团。',
  })
  includeSubJurisdictions?: boolean | null;

  @Field(() => ID, { nullable: true, description: '只看这一家企业（企业的全局 ID）。' })
  enterpriseId?: string | null;
}

@InputType('LiaisonFilter', { description: '联络员列表的筛选条件。' })
export class LiaisonFilter extends RecordFilterBase {
  @Field(() => Boolean, { nullable: true, description: 'true：只看现任；false：只看已卸任的；不填：全部（含历史）。' })
  current?: boolean | null;
}

@InputType('MissingLiaisonFilter', { description: '未指定联络员的示范企业列表的筛选条件。' })
export class MissingLiaisonFilter extends RecordFilterBase {
  @Field(() => Boolean, { nullable: true, description: 'true：只看从未被提醒过的；false：只看被提醒过的。' })
  reminded?: boolean | null;
}

@InputType('LiaisonReminderFilter', { description: '联络员提醒记录的筛选条件。' })
export class LiaisonReminderFilter extends RecordFilterBase {}

export const { Connection: LiaisonConnection } = connectionTypes(Liaison, 'Liaison', '联络员');
export const { Connection: LiaisonReminderConnection } = connectionTypes(LiaisonReminder, 'LiaisonReminder', '联络员提醒');

/** A current demonstration enterprise without a current liaison, with its reminders so far. */
@ObjectType('MissingLiaison', { description: '尚未指定联络员的现有示范企业（R16），及被提醒的次数和最近一次提醒。' })
export class MissingLiaison {
  @Field(() => Enterprise, { description: '企业。' })
  enterprise!: Enterprise;
}

export const { Connection: MissingLiaisonConnection } = connectionTypes(MissingLiaison, 'MissingLiaison', '未指定联络员的示范企业');

/** The reminders of one enterprise, as the missing-liaison list shows them. */
export interface ReminderStats {
  count: number;
  last: LiaisonReminder | null;
}

@InputType('NameLiaisonInput', { description: '指定或更换本企业的联络员：须为本企业人员；原联络员自今日卸任，新联络员自今日起任。' })
export class NameLiaisonInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Field(() => ID, { description: '人员的全局 ID（本企业人员：先用 createPerson 登记）。' })
  personId!: string;

  @Extensions({ maxLength: 30 })
  @Field(() => String, { description: '联络电话（5–30 位数字、+、-、括号或空格）。' })
  phone!: string;

  @Extensions({ maxLength: 200 })
  @Field(() => String, { nullable: true, description: '联络邮箱（可选）。' })
  email?: string | null;
}

@ObjectType('NameLiaisonPayload', { description: 'nameLiaison 的结果。' })
export class NameLiaisonPayload {
  @Field(() => Liaison, { description: '现任联络员。' })
  liaison!: Liaison;

  @Field(() => Liaison, { nullable: true, description: '被更换、自今日卸任的原联络员；原来没有则为 null。' })
  previous?: Liaison | null;
}

@InputType('EndLiaisonInput', { description: '现任联络员卸任而暂无继任者（例如离职）：企业随即列入未指定联络员的名单。' })
export class EndLiaisonInput {
  @Field(() => ID, { description: '联络员记录的全局 ID。' })
  id!: string;

  @Extensions({ maxLength: 500 })
  @Field(() => String, { description: '说明（1–500 字）。' })
  note!: string;
}

@ObjectType('EndLiaisonPayload', { description: 'endLiaison 的结果。' })
export class EndLiaisonPayload {
  @Field(() => Liaison, { description: '已卸任的联络员。' })
  liaison!: Liaison;
}

@InputType('RemindLiaisonInput', { description: '提醒尚未指定联络员的示范企业（省局本辖区，国家局全部）；只作记录，不发送邮件。' })
export class RemindLiaisonInput {
  @Field(() => ID, { description: '企业的全局 ID。' })
  enterpriseId!: string;

  @Extensions({ maxLength: 1000 })
  @Field(() => String, { description: '提醒内容（1–1000 字）。' })
  message!: string;
}

@ObjectType('RemindLiaisonPayload', { description: 'remindLiaison 的结果。' })
export class RemindLiaisonPayload {
  @Field(() => LiaisonReminder, { description: '提醒记录。' })
  reminder!: LiaisonReminder;
}
