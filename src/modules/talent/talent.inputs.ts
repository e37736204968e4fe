import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionTypes } from '../../common/pagination.js';
import { DateScalar } from '../../common/scalars.js';
import { PoolMembership, TalentPool } from './pool-membership.entity.js';

@InputType('NominateToPoolInput', { description: '推荐人员进入人才库（企业：本企业人员；省局：本辖区人员）。' })
export class NominateToPoolInput {
  @Field(() => ID, { description: '人员的全局 ID。' })
  personId!: string;
  @Field(() => TalentPool, { description: '人才库。' })
  pool!: TalentPool;
  @Field(() => String, { description: '推荐理由。' })
  reason!: string;
}

@InputType('DecideNominationInput', { description: '审核推荐（国家局）：入库须给出任期。' })
export class DecideNominationInput {
  @Field(() => ID, { description: '推荐的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => Boolean, { description: 'true 入库，false 不予入选。' })
  admit!: boolean;
  @Field(() => DateScalar, { nullable: true, description: '任期开始。' })
  termStart?: string | null;
  @Field(() => DateScalar, { nullable: true, description: '任期结束（含）。' })
  termEnd?: string | null;
  @Field(() => String, { nullable: true, description: '审核意见。' })
  note?: string | null;
}

@InputType('RetirePoolMemberInput', { description: '人才库成员退出（国家局）。' })
export class RetirePoolMemberInput {
  @Field(() => ID, { description: '成员资格的全局 ID。' })
  id!: string;
  @Field(() => Int, { description: '版本号。' })
  version!: number;
  @Field(() => DateScalar, { description: '退出日期。' })
  retiredOn!: string;
}

@ObjectType('NominateToPoolPayload', { description: 'nominateToPool 的结果。' })
export class NominateToPoolPayload {
  @Field(() => PoolMembership, { description: '新的推荐。' })
  membership!: PoolMembership;
}

@ObjectType('DecideNominationPayload', { description: 'decideNomination 的结果。' })
export class DecideNominationPayload {
  @Field(() => PoolMembership, { description: '审核后的推荐（入库或未入选）。' })
  membership!: PoolMembership;
}

@ObjectType('RetirePoolMemberPayload', { description: 'retirePoolMember 的结果。' })
export class RetirePoolMemberPayload {
  @Field(() => PoolMembership, { description: '已退出的成员资格。' })
  membership!: PoolMembership;
}

export const { Connection: PoolMembershipConnection } = connectionTypes(PoolMembership, 'PoolMembership', '人才库推荐');

@ObjectType('PoolShare', { description: '某人才库某日在库成员中示范、优势企业人员的数量和占比（四(四)一）。' })
export class PoolShare {
  @Field(() => TalentPool, { description: '人才库。' })
  pool!: TalentPool;
  @Field(() => DateScalar, { description: '统计日（年末；当年为今日）。' })
  date!: string;
  @Field(() => Int, { description: '在库成员数。' })
  members!: number;
  @Field(() => Int, { description: '其中示范企业人员。' })
  demonstration!: number;
  @Field(() => Int, { description: '其中优势企业人员（不含同时为示范企业者）。' })
  advantage!: number;
  @Field(() => Float, { description: '示范企业人员占比（0–1）。' })
  demonstrationShare!: number;
  @Field(() => Float, { description: '优势企业人员占比（0–1）。' })
  advantageShare!: number;
}
