import { Extensions, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar } from '../../common/scalars.js';
import { AllianceFundEntry, AllianceMemberKind, AllianceStatus, FundEntryKind, PatentAlliance, PatentAllianceMember } from './alliance.entity.js';

@InputType('CreatePatentAllianceInput', { description: '建立一个产业专利联盟（牵头企业成为第一个成员）。' })
export class CreatePatentAllianceInput {
  @Field(() => String, { description: '名称（1–200 字）。' })
  name!: string;
  @Field(() => String, { description: '所属行业（GB/T 4754 门类或大类代码）。' })
  industryCode!: string;
  @Field(() => ID, { description: '牵头企业。' })
  leadEnterpriseId!: string;
  @Field(() => String, { description: '宗旨和主要工作（1–2000 字）。' })
  purpose!: string;
  @Field(() => DateScalar, { description: '成立日期（不晚于今天）。' })
  foundedOn!: string;
}

@InputType('AddAllianceMemberInput', { description: '联盟增加一个成员：名录中的企业（enterpriseId），或高校、院所、服务机构（name）。' })
export class AddAllianceMemberInput {
  @Field(() => ID, { description: '联盟。' })
  allianceId!: string;
  @Field(() => AllianceMemberKind, { description: '类别。' })
  kind!: AllianceMemberKind;
  @Field(() => ID, { nullable: true, description: '企业（类别为企业时必填）。' })
  enterpriseId?: string | null;
  @Field(() => String, { nullable: true, description: '名称（非企业成员必填，1–200 字）。' })
  name?: string | null;
  @Field(() => DateScalar, { description: '加入日期（不早于联盟成立，不晚于今天）。' })
  joinedOn!: string;
}

@InputType('RemoveAllianceMemberInput', { description: '成员退出联盟（牵头单位不能退出）。' })
export class RemoveAllianceMemberInput {
  @Field(() => ID, { description: '成员记录的 ID。' })
  memberId!: string;
  @Field(() => DateScalar, { description: '退出日期（不早于加入，不晚于今天）。' })
  leftOn!: string;
}

@InputType('RecordAllianceFundEntryInput', { description: '登记联合防御基金的一笔出资或支出；支出不能超过余额。' })
export class RecordAllianceFundEntryInput {
  @Field(() => ID, { description: '联盟。' })
  allianceId!: string;
  @Field(() => FundEntryKind, { description: '出资或支出。' })
  kind!: FundEntryKind;
  @Field(() => Float, { description: '金额（元，大于 0，至多两位小数）。' })
  amount!: number;
  @Field(() => DateScalar, { description: '日期（不晚于今天）。' })
  occurredOn!: string;
  @Field(() => ID, { description: '出资的成员，或支出所支持的成员（在册的）。' })
  memberId!: string;
  @Field(() => String, { description: '说明（支出：所支持应对的纠纷；1–2000 字）。' })
  purpose!: string;
}

@InputType('DissolvePatentAllianceInput', { description: '解散联盟（基金须已支出完毕）。' })
export class DissolvePatentAllianceInput {
  @Field(() => ID, { description: '联盟。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => DateScalar, { description: '解散日期（不晚于今天）。' })
  dissolvedOn!: string;
}

@InputType('PatentAllianceFilter', { description: '专利联盟的筛选。' })
export class PatentAllianceFilter {
  @Extensions({ maxItems: 40 })
  @Field(() => [String], { nullable: true, description: '所属行业之一（门类含其大类）。' })
  industryCodes?: string[] | null;
  @Field(() => ID, { nullable: true, description: '在册成员中有此企业的。' })
  memberEnterpriseId?: string | null;
  @Field(() => [AllianceStatus], { nullable: true, description: '状态之一。' })
  status?: AllianceStatus[] | null;
}

@ObjectType('CreatePatentAlliancePayload', { description: 'createPatentAlliance 的结果。' })
export class CreatePatentAlliancePayload {
  @Field(() => PatentAlliance, { description: '联盟。' })
  alliance!: PatentAlliance;
}
@ObjectType('AddAllianceMemberPayload', { description: 'addAllianceMember 的结果。' })
export class AddAllianceMemberPayload {
  @Field(() => PatentAllianceMember, { description: '成员。' })
  member!: PatentAllianceMember;
}
@ObjectType('RemoveAllianceMemberPayload', { description: 'removeAllianceMember 的结果。' })
export class RemoveAllianceMemberPayload {
  @Field(() => PatentAllianceMember, { description: '成员。' })
  member!: PatentAllianceMember;
}
@ObjectType('RecordAllianceFundEntryPayload', { description: 'recordAllianceFundEntry 的结果。' })
export class RecordAllianceFundEntryPayload {
  @Field(() => AllianceFundEntry, { description: '收支。' })
  entry!: AllianceFundEntry;
}
@ObjectType('DissolvePatentAlliancePayload', { description: 'dissolvePatentAlliance 的结果。' })
export class DissolvePatentAlliancePayload {
  @Field(() => PatentAlliance, { description: '联盟。' })
  alliance!: PatentAlliance;
}

export const { Connection: PatentAllianceConnection } = connectionTypes(PatentAlliance, 'PatentAlliance', '产业专利联盟');
export const { Connection: AllianceFundEntryConnection } = connectionTypes(AllianceFundEntry, 'AllianceFundEntry', '联合防御基金收支');
