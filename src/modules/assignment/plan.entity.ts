/**
 * A stored draft of assignments for a whole bureau (issue 14, item 5): computed by the solver,
 * previewed, edited row by row, then committed in one transaction or discarded. It records the
 * fingerprint of what it was computed from (the bureau's officers, conflicts, current assignments
 * and demonstration enterprises), so a commit after any of that changed is refused rather than
 * applied to a world the preview did not show.
 */
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { LiaisonCapacityBasis } from '../programme/programme-settings.entity.js';
import { LiaisonOfficer } from './officer.entity.js';
import type { AssignmentFactors } from './assignment.entity.js';

export enum AssignmentPlanMode {
  UNASSIGNED = 'UNASSIGNED',
  REBALANCE = 'REBALANCE',
}
registerEnumType(AssignmentPlanMode, {
  name: 'AssignmentPlanMode',
  description: '方案范围。',
  valuesConfig: {
    UNASSIGNED: { description: '只为尚无联络员的示范企业指派，现有指派不动' },
    REBALANCE: { description: '全部重新规划：现有指派按稳定权重尽量保留' },
  },
});

export enum AssignmentPlanStatus {
  DRAFT = 'DRAFT',
  COMMITTED = 'COMMITTED',
  DISCARDED = 'DISCARDED',
}
registerEnumType(AssignmentPlanStatus, {
  name: 'AssignmentPlanStatus',
  description: '方案状态。',
  valuesConfig: {
    DRAFT: { description: '草稿：可预览、逐行修改、提交或放弃' },
    COMMITTED: { description: '已提交：指派已生效' },
    DISCARDED: { description: '已放弃' },
  },
});

/** Why some enterprises cannot all be placed: a group whose demand exceeds the seats open to it. */
@ObjectType('AssignmentShortfall', { description: '无可行方案的原因：一组企业需要的名额多于可为其服务（无冲突、在岗）的联络员的名额。' })
export class AssignmentShortfall {
  @Field(() => String, { description: '说明，例如“新疆维吾尔自治区：14 家企业，无利益冲突的联络员共 9 个名额”。' })
  message!: string;

  @Field(() => String, { description: '地区（行政区划代码）。' })
  regionCode!: string;

  @Field(() => Int, { description: '该组企业数。' })
  enterprises!: number;

  @Field(() => Int, { description: '该组需要的名额。' })
  demand!: number;

  @Field(() => Int, { description: '可为该组服务的联络员的名额合计（已满员的部分）。' })
  capacity!: number;

  @Field(() => [String], { description: '名额已用尽、限制该组的联络员（姓名）。' })
  officers!: string[];
}

@ObjectType('AssignmentPlan', { implements: Node, description: '联络员指派方案（草稿→预览→逐行修改→提交）：由优化求解得出，满足容量和利益冲突，匹配分最高、负荷均衡。' })
@Entity({ tableName: 'liaison_assignment_plan' })
@Index({ name: 'liaison_assignment_plan_bureau_idx', properties: ['bureauCode', 'createdAt', 'id'] })
export class AssignmentPlan extends BaseEntity<'status' | 'committedAt' | 'committedBy' | 'version' | 'shortfalls' | 'stats'> {
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '知识产权局：100000 为国家局，否则为省局的行政区划代码。' })
  bureauCode!: string;

  @Enum({ items: () => AssignmentPlanMode, type: 'string' })
  @Field(() => AssignmentPlanMode, { description: '范围。' })
  mode!: AssignmentPlanMode;

  @Enum({ items: () => AssignmentPlanStatus, type: 'string', default: AssignmentPlanStatus.DRAFT })
  @Field(() => AssignmentPlanStatus, { description: '状态。' })
  status: AssignmentPlanStatus = AssignmentPlanStatus.DRAFT;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '方案基于的日期（示范企业、在岗联络员按此日）。' })
  computedOn!: string;

  @Enum({ items: () => LiaisonCapacityBasis, type: 'string' })
  @Field(() => LiaisonCapacityBasis, { description: '容量口径。' })
  capacityBasis!: LiaisonCapacityBasis;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '稳定权重（保留现有指派的加分）。' })
  stabilityWeight!: number;

  @Property({ type: 'double' })
  @Field(() => Float, { description: '均衡权重（超过按容量分摊的目标负荷后，每个名额的扣分）。' })
  balanceWeight!: number;

  /** md5 of the inputs (officers, conflicts, current assignments, subjects) when it was computed. */
  @Property({ type: 'string', length: 32 })
  fingerprint!: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: '是否每家企业都能指派（否则见 shortfalls，方案中未能指派的企业行 officer 为 null）。' })
  feasible!: boolean;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [AssignmentShortfall], { description: '无可行方案时，相互冲突的约束（按地区）。' })
  shortfalls: AssignmentShortfall[] = [];

  @Property({ type: 'double' })
  @Field(() => Float, { description: '目标值（匹配分合计 + 稳定加分 − 均衡扣分）。' })
  objective!: number;

  @Property({ type: 'json', defaultRaw: `'{}'` })
  stats: Record<string, unknown> = {};

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '计算人。' })
  computedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '提交时间。' })
  committedAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '提交或放弃人。' })
  committedBy?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：每次修改行都会增加。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('AssignmentPlan', this.id);
  }
}
registerNodeType(AssignmentPlan, 'AssignmentPlan');

/** One enterprise in a plan: the officer proposed (or kept), the one it had, and the factors. */
@ObjectType('AssignmentPlanRow', { description: '方案中的一家企业：拟指派的联络员、原联络员和匹配分构成。' })
@Entity({ tableName: 'liaison_assignment_plan_row' })
@Unique({ name: 'liaison_assignment_plan_row_unique', properties: ['plan', 'enterprise'] })
@Index({ name: 'liaison_assignment_plan_row_officer_idx', properties: ['plan', 'officer'] })
export class AssignmentPlanRow extends BaseEntity<'edited' | 'note' | 'factors' | 'score'> {
  @ManyToOne(() => AssignmentPlan, { ref: true, deleteRule: 'cascade' })
  plan!: Ref<AssignmentPlan>;

  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @ManyToOne(() => LiaisonOfficer, { ref: true, nullable: true, deleteRule: 'cascade' })
  officer?: Ref<LiaisonOfficer> | null;

  @ManyToOne(() => LiaisonOfficer, { ref: true, nullable: true, deleteRule: 'cascade' })
  previousOfficer?: Ref<LiaisonOfficer> | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '占用的名额。' })
  seats!: number;

  @Property({ type: 'double', nullable: true })
  score?: number | null;

  @Property({ type: 'json', nullable: true })
  factors?: AssignmentFactors | null;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '是否经人工修改。' })
  edited: boolean = false;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '人工修改的说明。' })
  note?: string | null;
}
