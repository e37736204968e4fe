/**
 * Which bureau officer keeps the daily contact with which demonstration enterprise [D 五(一), R17]:
 * one current assignment per enterprise and bureau (the national bureau's, and the provincial
 * bureau's of its jurisdiction), held by a partial unique index. An assignment is never changed
 * into another: a reassignment ends it and starts the next, so the rows are the history, each with
 * why it started (by hand with a reason, or by a committed plan with its fit factors) and why it
 * ended (reassigned, by hand, the title ended, the officer left or opted out).
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { LiaisonOfficer } from './officer.entity.js';

export enum AssignmentSource {
  MANUAL = 'MANUAL',
  PLAN = 'PLAN',
}
registerEnumType(AssignmentSource, {
  name: 'AssignmentSource',
  description: '指派的来源。',
  valuesConfig: { MANUAL: { description: '手工指派（附理由）' }, PLAN: { description: '提交的指派方案' } },
});

export enum AssignmentEndReason {
  REASSIGNED = 'REASSIGNED',
  ENDED = 'ENDED',
  TITLE_ENDED = 'TITLE_ENDED',
  OFFICER_LEFT = 'OFFICER_LEFT',
  OFFICER_OPTED_OUT = 'OFFICER_OPTED_OUT',
  CONFLICT_DECLARED = 'CONFLICT_DECLARED',
}
registerEnumType(AssignmentEndReason, {
  name: 'AssignmentEndReason',
  description: '指派结束的原因。',
  valuesConfig: {
    REASSIGNED: { description: '改派给另一名联络员（手工或方案）' },
    ENDED: { description: '手工结束（附理由）' },
    TITLE_ENDED: { description: '企业的示范企业称号期满、被取消、视为退出或被撤销' },
    OFFICER_LEFT: { description: '联络员离岗' },
    OFFICER_OPTED_OUT: { description: '联络员暂停承担联络工作' },
    CONFLICT_DECLARED: { description: '联络员申报了与该企业的利益冲突' },
  },
});

/** The fit of an officer for an enterprise, factor by factor (candidates, plans, assignments). */
@ObjectType('AssignmentFactors', { description: '匹配分的构成（满分 100）：地区 40、行业 25、连续性 15、语言 10、负荷 10。' })
export class AssignmentFactors {
  @Field(() => Float, { description: '地区：熟悉企业所在地区 40，熟悉其上级省级辖区 25。' })
  region!: number;

  @Field(() => Float, { description: '行业：熟悉企业的行业门类 25。' })
  industry!: number;

  @Field(() => Float, { description: '连续性：现任联络员 15，曾任（三年内）10。' })
  continuity!: number;

  @Field(() => Float, { description: '语言：企业需要的语言（民族自治地区语言；外向型企业的英语）都会 10，会一部分按比例，无需要 10。' })
  language!: number;

  @Field(() => Float, { description: '负荷：10 × 空余名额占容量的比例（手工候选时按当前负荷；方案中另以均衡项约束）。' })
  load!: number;

  @Field(() => Float, { description: '合计。' })
  total!: number;
}

@ObjectType('LiaisonAssignment', { implements: Node, description: '联络员与示范企业的一次指派（R17）：开始、结束及其原因构成历史。' })
@Entity({ tableName: 'liaison_assignment' })
@Index({
  name: 'liaison_assignment_current_unique',
  expression: `create unique index "liaison_assignment_current_unique" on "liaison_assignment" ("enterprise_id", "bureau_code") where "ended_on" is null`,
})
@Index({
  name: 'liaison_assignment_officer_current_idx',
  expression: `create index "liaison_assignment_officer_current_idx" on "liaison_assignment" ("officer_id", "starts_on", "id") where "ended_on" is null`,
})
@Index({ name: 'liaison_assignment_enterprise_idx', properties: ['enterprise', 'createdAt', 'id'] })
@Index({ name: 'liaison_assignment_officer_idx', properties: ['officer', 'createdAt', 'id'] })
@Check({ name: 'liaison_assignment_dates_check', expression: `"ended_on" is null or "ended_on" >= "starts_on"` })
@Check({ name: 'liaison_assignment_seats_check', expression: `"seats" >= 1 and "seats" <= 10` })
export class LiaisonAssignment extends BaseEntity<'endedOn' | 'endReason' | 'endNote' | 'endedBy' | 'planId' | 'factors' | 'reason' | 'current'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @ManyToOne(() => LiaisonOfficer, { ref: true, deleteRule: 'restrict' })
  officer!: Ref<LiaisonOfficer>;

  /** The officer's bureau (denormalised for the unique index and the visibility conditions). */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '指派的知识产权局：100000 为国家局，否则为省局的行政区划代码。' })
  bureauCode!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '开始日。' })
  startsOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '结束日（自该日起不再联系；现任为 null）。' })
  endedOn?: string | null;

  /** Seats of the officer's capacity it uses (by the capacity basis when it was made). */
  @Property({ type: 'integer' })
  @Field(() => Int, { description: '占用的名额（按指派时的容量口径）。' })
  seats!: number;

  @Enum({ items: () => AssignmentSource, type: 'string' })
  @Field(() => AssignmentSource, { description: '来源。' })
  source!: AssignmentSource;

  @Property({ type: 'uuid', nullable: true })
  planId?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '指派理由（手工指派必填）。' })
  reason?: string | null;

  /** The fit factors when it was made (an explanation that does not drift as the data changes). */
  @Property({ type: 'json', nullable: true })
  factors?: AssignmentFactors | null;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '指派人（用户名；方案为提交人）。' })
  assignedBy!: string;

  @Enum({ items: () => AssignmentEndReason, type: 'string', nullable: true })
  @Field(() => AssignmentEndReason, { nullable: true, description: '结束原因。' })
  endReason?: AssignmentEndReason | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '结束说明。' })
  endNote?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '结束人（用户名；系统为 SYSTEM）。' })
  endedBy?: string | null;

  @Field(() => Boolean, { description: '是否为现任指派。' })
  get current(): boolean {
    return this.endedOn == null;
  }

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('LiaisonAssignment', this.id);
  }
}
registerNodeType(LiaisonAssignment, 'LiaisonAssignment');
