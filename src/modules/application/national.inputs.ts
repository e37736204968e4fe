import { Extensions, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, RegionCodeScalar } from '../../common/scalars.js';
import { connectionTypes } from '../../common/pagination.js';
import { Designation } from '../designation/designation.entity.js';
import { DemonstrationApplication } from './application.entity.js';
import { Objection, PublicNotice } from './public-notice.entity.js';
import { NotConfirmedInput } from '../advantage/advantage.inputs.js';

export const { Connection: ObjectionConnection } = connectionTypes(Objection, 'Objection', '异议');

export enum NationalDecision {
  PASS = 'PASS',
  FAIL = 'FAIL',
}
registerEnumType(NationalDecision, { name: 'NationalDecision', description: '国家局评审结论。', valuesConfig: { PASS: { description: '合格' }, FAIL: { description: '不合格（须附意见）' } } });

export enum ObjectionDecision {
  UPHOLD = 'UPHOLD',
  DISMISS = 'DISMISS',
}
registerEnumType(ObjectionDecision, { name: 'ObjectionDecision', description: '异议处理结论。', valuesConfig: { UPHOLD: { description: '成立：申报不予认定' }, DISMISS: { description: '不成立' } } });

@InputType('ReviewApplicationNationallyInput', { description: '国家局评审一份申报（省局已推荐的，或直接申报的）。' })
export class ReviewApplicationNationallyInput {
  @Field(() => ID, { description: '申报的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => NationalDecision, { description: '结论。' })
  decision!: NationalDecision;
  @Field(() => String, { nullable: true, description: '评审意见（不合格时必填）。' })
  comments?: string | null;
}

@ObjectType('ReviewApplicationNationallyPayload', { description: 'reviewApplicationNationally 的结果。' })
export class ReviewApplicationNationallyPayload {
  @Field(() => DemonstrationApplication, { description: '评审后的申报。' })
  application!: DemonstrationApplication;
}

@InputType('OpenPublicNoticeInput', { description: '对一批评审合格的申报开始公示（仅国家局）。' })
export class OpenPublicNoticeInput {
  @Field(() => Int, { description: '年度。' })
  year!: number;
  @Field(() => String, { description: '标题，例如“2026 年度国家知识产权示范企业拟认定名单公示”。' })
  title!: string;
  @Field(() => DateScalar, { description: '公示开始日（不早于今日）；截止日按工作日历算出。' })
  startsOn!: string;
  @Extensions({ maxItems: 500 })
  @Field(() => [ID], { description: '公示的申报（须均为该年度评审合格；1–500 项）。' })
  applicationIds!: string[];
}

@ObjectType('OpenPublicNoticePayload', { description: 'openPublicNotice 的结果。' })
export class OpenPublicNoticePayload {
  @Field(() => PublicNotice, { description: '公示。' })
  notice!: PublicNotice;
}

@InputType('LodgeObjectionInput', { description: '公示期间对某项申报提出异议：登录用户或公众（公众须留联系方式）。' })
export class LodgeObjectionInput {
  @Field(() => ID, { description: '申报的全局 ID（见公示名单）。' })
  applicationId!: string;
  @Extensions({ maxLength: 5_000 })
  @Field(() => String, { description: '异议内容（10–5000 字）。' })
  content!: string;
  @Field(() => String, { nullable: true, description: '联系人（未登录时必填）。' })
  contactName?: string | null;
  @Field(() => String, { nullable: true, description: '联系电话（未登录时必填）。' })
  contactPhone?: string | null;
}

@ObjectType('LodgeObjectionPayload', { description: 'lodgeObjection 的结果。' })
export class LodgeObjectionPayload {
  @Field(() => Objection, { description: '已登记的异议。' })
  objection!: Objection;
}

@InputType('DecideObjectionInput', { description: '处理异议（仅国家局）。' })
export class DecideObjectionInput {
  @Field(() => ID, { description: '异议的全局 ID。' })
  id!: string;
  @Field(() => ObjectionDecision, { description: '结论。' })
  decision!: ObjectionDecision;
  @Field(() => String, { description: '处理意见。' })
  note!: string;
}

@ObjectType('DecideObjectionPayload', { description: 'decideObjection 的结果。' })
export class DecideObjectionPayload {
  @Field(() => Objection, { description: '处理后的异议。' })
  objection!: Objection;
}

@InputType('PublishDesignationListInput', { description: '公示期满后发布年度认定名单（仅国家局；原则上每年 9 月，R9）。' })
export class PublishDesignationListInput {
  @Field(() => ID, { description: '公示的全局 ID。' })
  noticeId!: string;
  @Field(() => DateScalar, { nullable: true, description: '认定日（有效期起算日），不早于公示截止日的次日、不晚于今日；不填为今日。' })
  designatedOn?: string | null;
  @Field(() => [NotConfirmedInput], { nullable: true, description: '优势企业公示：不予认定的申报及理由（例如公示期间发生违规、已持有有效称号）；其余全部认定。示范企业公示中的申报由国家局评审为不合格。' })
  notDesignated?: NotConfirmedInput[] | null;
}

@ObjectType('PublishDesignationListPayload', { description: 'publishDesignationList 的结果。' })
export class PublishDesignationListPayload {
  @Field(() => PublicNotice, { description: '公示（已结束）。' })
  notice!: PublicNotice;
  @Field(() => [Designation], { description: '新的认定（示范企业有效期 3 年；优势企业为培育期）。' })
  designations!: Designation[];
}

@ObjectType('NoticeEntry', { description: '公示名单中的一项（公开信息）。' })
export class NoticeEntry {
  @Field(() => ID, { description: '申报的全局 ID（提出异议时使用）。' })
  applicationId!: string;
  @Field(() => String, { description: '企业名称。' })
  enterpriseName!: string;
  @Field(() => String, { description: '统一社会信用代码。' })
  creditCode!: string;
  @Field(() => RegionCodeScalar, { description: '所在辖区。' })
  regionCode!: string;
  @Field(() => String, { description: '申报状态。' })
  status!: string;
}
