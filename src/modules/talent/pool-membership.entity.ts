import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Person } from '../person/person.entity.js';

/** The pools named in the plans [D 四(四)一, A 四(四)]. */
export enum TalentPool {
  NATIONAL_TALENT_POOL = 'NATIONAL_TALENT_POOL',
  EXPERT_ADVISORY_COMMITTEE = 'EXPERT_ADVISORY_COMMITTEE',
  EXPERT_POOL = 'EXPERT_POOL',
  LEADING_TALENT_POOL = 'LEADING_TALENT_POOL',
  HIGH_LEVEL_TALENT_POOL = 'HIGH_LEVEL_TALENT_POOL',
  FACULTY_POOL = 'FACULTY_POOL',
}
registerEnumType(TalentPool, {
  name: 'TalentPool',
  description: '人才库（四(四)一）。',
  valuesConfig: {
    NATIONAL_TALENT_POOL: { description: '国家知识产权人才库' },
    EXPERT_ADVISORY_COMMITTEE: { description: '知识产权专家咨询委员会（公开名录）' },
    EXPERT_POOL: { description: '专家库（公开名录）' },
    LEADING_TALENT_POOL: { description: '领军人才库' },
    HIGH_LEVEL_TALENT_POOL: { description: '高层次人才库' },
    FACULTY_POOL: { description: '全国知识产权师资信息平台师资库（公开名录）' },
  },
});

/** Pools whose admitted members appear in the public expert directory. */
export const PUBLIC_POOLS: readonly TalentPool[] = [TalentPool.EXPERT_ADVISORY_COMMITTEE, TalentPool.EXPERT_POOL, TalentPool.FACULTY_POOL];

export enum MembershipStatus {
  NOMINATED = 'NOMINATED',
  ADMITTED = 'ADMITTED',
  DECLINED = 'DECLINED',
  RETIRED = 'RETIRED',
}
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: '人才库成员资格的状态。',
  valuesConfig: {
    NOMINATED: { description: '已推荐，待国家局审核' },
    ADMITTED: { description: '已入库（任期内）' },
    DECLINED: { description: '未入选' },
    RETIRED: { description: '已退出' },
  },
});

export enum EmployerLevel {
  DEMONSTRATION = 'DEMONSTRATION',
  ADVANTAGE = 'ADVANTAGE',
  NONE = 'NONE',
}
registerEnumType(EmployerLevel, {
  name: 'EmployerLevel',
  description: '被推荐人所在企业推荐时的称号（R18：示范、优势企业人员优先）。',
  valuesConfig: { DEMONSTRATION: { description: '示范企业' }, ADVANTAGE: { description: '优势企业' }, NONE: { description: '其他' } },
});

/** A person's nomination to, and membership of, one pool: nomination → review → admitted or declined, with a term, then retirement. */
@ObjectType('PoolMembership', { implements: Node, description: '人才库的推荐与成员资格。' })
@Entity({ tableName: 'pool_membership' })
@Index({ name: 'pool_membership_pool_status_idx', properties: ['pool', 'status'] })
// One open nomination or membership per person and pool, whatever the concurrency (nominateToPool answers CONFLICT).
@Index({
  name: 'pool_membership_open_unique',
  expression: `create unique index "pool_membership_open_unique" on "pool_membership" ("person_id", "pool") where "status" in ('NOMINATED', 'ADMITTED')`,
})
// The review queue (pendingNominations): R18 order, keyset on (priority, nominated_at, id); the expression is talent.service.ts's PRIORITY_SQL.
@Index({
  name: 'pool_membership_pending_idx',
  expression: `create index "pool_membership_pending_idx" on "pool_membership" ((case "employer_level" when 'DEMONSTRATION' then 0 when 'ADVANTAGE' then 1 else 2 end), "nominated_at", "id") where "status" = 'NOMINATED'`,
})
export class PoolMembership extends BaseEntity<'status' | 'version'> {
  @ManyToOne(() => Person, { ref: true, deleteRule: 'cascade' })
  person!: Ref<Person>;

  @Enum({ items: () => TalentPool, type: 'string' })
  @Field(() => TalentPool, { description: '人才库。' })
  pool!: TalentPool;

  @Enum({ items: () => MembershipStatus, type: 'string' })
  @Field(() => MembershipStatus, { description: '状态。' })
  status: MembershipStatus = MembershipStatus.NOMINATED;

  @Enum({ items: () => EmployerLevel, type: 'string' })
  @Field(() => EmployerLevel, { description: '推荐时被推荐人所在企业的称号（R18 优先顺序）。' })
  employerLevel!: EmployerLevel;

  @Property({ type: 'text' })
  @Field(() => String, { description: '推荐理由。' })
  reason!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '推荐人（用户名）。' })
  nominatedBy!: string;

  @Property({ type: 'string', length: 32 })
  nominatorRole!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '推荐时间。' })
  nominatedAt!: Date;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '审核意见。' })
  decisionNote?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '任期开始。' })
  termStart?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '任期结束（含）。' })
  termEnd?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '退出日期。' })
  retiredOn?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('PoolMembership', this.id);
  }
}
registerNodeType(PoolMembership, 'PoolMembership');
