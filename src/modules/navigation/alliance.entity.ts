/**
 * Industry patent alliances [D 四(一)四 "指导企业积极构建和参与标准制定、专利联盟", D 四(二)二 "鼓励示范企业
 * 牵头建立行业或知识产权联盟联合防御基金"]: an alliance led by an enterprise, its members over time
 * (enterprises, universities, institutes, service agencies), and its joint defence fund: the members'
 * contributions and the payouts to defend them in disputes, never more than the fund holds.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { DecimalType, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum AllianceStatus {
  ACTIVE = 'ACTIVE',
  DISSOLVED = 'DISSOLVED',
}
registerEnumType(AllianceStatus, {
  name: 'AllianceStatus',
  description: '专利联盟的状态。',
  valuesConfig: { ACTIVE: { description: '存续' }, DISSOLVED: { description: '已解散' } },
});

export enum AllianceMemberKind {
  ENTERPRISE = 'ENTERPRISE',
  UNIVERSITY = 'UNIVERSITY',
  INSTITUTE = 'INSTITUTE',
  SERVICE_AGENCY = 'SERVICE_AGENCY',
  OTHER = 'OTHER',
}
registerEnumType(AllianceMemberKind, {
  name: 'AllianceMemberKind',
  description: '联盟成员的类别。',
  valuesConfig: {
    ENTERPRISE: { description: '企业（名录中的企业）' },
    UNIVERSITY: { description: '高校' },
    INSTITUTE: { description: '科研院所' },
    SERVICE_AGENCY: { description: '知识产权服务机构' },
    OTHER: { description: '其他' },
  },
});

export enum FundEntryKind {
  CONTRIBUTION = 'CONTRIBUTION',
  PAYOUT = 'PAYOUT',
}
registerEnumType(FundEntryKind, {
  name: 'FundEntryKind',
  description: '联合防御基金的收支。',
  valuesConfig: { CONTRIBUTION: { description: '成员出资' }, PAYOUT: { description: '支出（支持成员应对纠纷）' } },
});

@ObjectType('PatentAlliance', {
  implements: Node,
  description: '产业专利联盟（D 四(一)四、四(二)二）：名称、行业、牵头企业、宗旨、成员；联合防御基金的收支只有成员企业、牵头企业所在辖区省局和国家局可见。联盟及其成员名单公开。',
})
@Entity({ tableName: 'patent_alliance' })
@Index({ name: 'patent_alliance_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'patent_alliance_lead_idx', properties: ['leadEnterprise'] })
@Check({ name: 'patent_alliance_balance_check', expression: `"fund_balance" >= 0` })
export class PatentAlliance extends BaseEntity<'status' | 'fundBalance' | 'version'> {
  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '联盟名称。' })
  name!: string;

  @Property({ type: 'string', length: 4 })
  @Field(() => String, { description: '所属行业（GB/T 4754 门类或大类代码）。' })
  industryCode!: string;

  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'restrict' })
  leadEnterprise!: Ref<Enterprise>;

  @Property({ type: 'text' })
  @Field(() => String, { description: '宗旨和主要工作。' })
  purpose!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '成立日期。' })
  foundedOn!: string;

  @Enum({ items: () => AllianceStatus, type: 'string' })
  @Field(() => AllianceStatus, { description: '状态。' })
  status: AllianceStatus = AllianceStatus.ACTIVE;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '解散日期。' })
  dissolvedOn?: string | null;

  /** The fund's balance after every entry (kept with them, under the alliance row's lock). */
  @Property({ type: new DecimalType('number'), precision: 16, scale: 2, default: 0 })
  fundBalance: number = 0;

  @Property({ type: 'string', length: 64 })
  createdBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('PatentAlliance', this.id);
  }
}
registerNodeType(PatentAlliance, 'PatentAlliance');

@ObjectType('PatentAllianceMember', { description: '专利联盟的一个成员（在册期间）。' })
@Entity({ tableName: 'patent_alliance_member' })
@Index({ name: 'patent_alliance_member_alliance_idx', properties: ['alliance', 'joinedOn'] })
@Index({ name: 'patent_alliance_member_enterprise_idx', properties: ['enterprise'] })
// An enterprise is a current member once.
@Index({ name: 'patent_alliance_member_current', expression: `create unique index "patent_alliance_member_current" on "patent_alliance_member" ("alliance_id", "enterprise_id") where "left_on" is null and "enterprise_id" is not null` })
@Check({ name: 'patent_alliance_member_enterprise_check', expression: `("kind" = 'ENTERPRISE') = ("enterprise_id" is not null)` })
@Check({ name: 'patent_alliance_member_term_check', expression: `"left_on" is null or "left_on" >= "joined_on"` })
export class PatentAllianceMember extends BaseEntity<'lead' | 'memberId'> {
  @ManyToOne(() => PatentAlliance, { ref: true, deleteRule: 'cascade' })
  alliance!: Ref<PatentAlliance>;

  @ManyToOne(() => Enterprise, { ref: true, nullable: true, deleteRule: 'cascade' })
  enterprise?: Ref<Enterprise> | null;

  @Enum({ items: () => AllianceMemberKind, type: 'string' })
  @Field(() => AllianceMemberKind, { description: '类别。' })
  kind!: AllianceMemberKind;

  /** The name (an enterprise's as it was when it joined). */
  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '成员名称。' })
  name!: string;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '牵头单位。' })
  lead: boolean = false;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '加入日期。' })
  joinedOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '退出日期（在册为 null）。' })
  leftOn?: string | null;

  @Field(() => ID, { name: 'id', description: '成员记录的 ID（退出时用）。' })
  get memberId(): string {
    return toGlobalId('PatentAllianceMember', this.id);
  }
}

@ObjectType('AllianceFundEntry', { description: '联合防御基金的一笔收支。' })
@Entity({ tableName: 'alliance_fund_entry' })
@Index({ name: 'alliance_fund_entry_alliance_idx', properties: ['alliance', 'occurredOn', 'id'] })
@Check({ name: 'alliance_fund_entry_amount_check', expression: `"amount" > 0 and "balance_after" >= 0` })
export class AllianceFundEntry extends BaseEntity {
  @ManyToOne(() => PatentAlliance, { ref: true, deleteRule: 'cascade' })
  alliance!: Ref<PatentAlliance>;

  @Enum({ items: () => FundEntryKind, type: 'string' })
  @Field(() => FundEntryKind, { description: '出资或支出。' })
  kind!: FundEntryKind;

  @Property({ type: new DecimalType('number'), precision: 16, scale: 2 })
  @Field(() => Float, { description: '金额（元）。' })
  amount!: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '日期。' })
  occurredOn!: string;

  /** The contributing member, or the member a payout supports. */
  @ManyToOne(() => PatentAllianceMember, { ref: true, deleteRule: 'restrict' })
  member!: Ref<PatentAllianceMember>;

  @Property({ type: 'text' })
  @Field(() => String, { description: '说明（支出：所支持应对的纠纷）。' })
  purpose!: string;

  @Property({ type: new DecimalType('number'), precision: 16, scale: 2 })
  @Field(() => Float, { description: '这笔收支后的基金余额（元）。' })
  balanceAfter!: number;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '登记人（用户名）。' })
  recordedBy!: string;
}
