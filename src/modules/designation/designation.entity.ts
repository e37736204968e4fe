import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

export enum DesignationLevel {
  ADVANTAGE = 'ADVANTAGE',
  DEMONSTRATION = 'DEMONSTRATION',
}

registerEnumType(DesignationLevel, {
  name: 'DesignationLevel',
  description: '认定层级。Designation level.',
  valuesConfig: {
    ADVANTAGE: { description: '国家知识产权优势企业（省局主导培育）' },
    DEMONSTRATION: { description: '国家知识产权示范企业（国家局认定）' },
  },
});

export enum DesignationStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
  WITHDRAWN = 'WITHDRAWN',
  REVOKED = 'REVOKED',
}

registerEnumType(DesignationStatus, {
  name: 'DesignationStatus',
  description: '认定状态。Designation status.',
  valuesConfig: {
    ACTIVE: { description: '有效：在有效期内' },
    EXPIRED: { description: '期满：有效期已过，尚未复核或备案' },
    CANCELLED: { description: '已取消：复核不合格，取消称号（2 年内不得再次申报）' },
    WITHDRAWN: { description: '视为退出：期满后 6 个月内未备案，称号自动取消（2 年内不得再次申报）' },
    REVOKED: { description: '已撤销：近 3 年存在违规情形，撤销称号（2 年内不得再次申报）' },
  },
});

/**
 * One designation of an enterprise as an advantage or demonstration enterprise for a batch year.
 * The stored status is what the programme decided; an ACTIVE designation whose validity has
 * ended reads as EXPIRED (effectiveStatus), so no nightly job is needed to keep it right.
 */
@ObjectType('Designation', { implements: Node, description: '企业的一次认定（优势企业或示范企业）。Designation.' })
@Entity({ tableName: 'designation' })
@Check({ name: 'designation_validity_check', expression: '"valid_until" >= "valid_from"' })
@Index({ name: 'designation_enterprise_level_idx', properties: ['enterprise', 'level', 'validFrom'] })
// reexaminationsDue pages by (valid_until, id).
@Index({ name: 'designation_valid_until_idx', properties: ['validUntil', 'id'] })
export class Designation extends BaseEntity {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => DesignationLevel, type: 'string' })
  @Field(() => DesignationLevel, { description: '认定层级。' })
  level!: DesignationLevel;

  @Enum({ items: () => DesignationStatus, type: 'string' })
  status!: DesignationStatus;

  @Property({ type: 'integer' })
  @Index({ name: 'designation_batch_year_idx' })
  @Field(() => Int, { description: '批次年度（认定名单发布的年份）。' })
  batchYear!: number;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '有效期起始日（认定之日）。' })
  validFrom!: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '有效期截止日（含）。' })
  validUntil!: string;

  /** The day a title ended before its validity did (revoked, cancelled, withdrawn); it was valid until the day before. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '称号提前终止（撤销、取消、视为退出）之日；此前仍有效。' })
  endedOn?: string | null;

  /** Re-examination at the end of the round [D 三(二)4]: when, the result, the bureau's notes. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '复核结果报备之日。' })
  reexaminedOn?: string | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: '复核是否通过。' })
  reexaminationPassed?: boolean | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '复核意见。' })
  reexaminationNotes?: string | null;

  /** What the re-examination found [D 三(二)4]: the scores on tables A and B the bureau checked, and the incidents within the look-back then. */
  @Property({ type: 'double', nullable: true })
  reexaminationScoreA?: number | null;

  @Property({ type: 'double', nullable: true })
  reexaminationScoreB?: number | null;

  @Property({ type: 'json', nullable: true })
  reexaminationIncidentIds?: string[] | null;

  /** The next round this one continued into (re-examination passed and filed). */
  @Property({ type: 'uuid', nullable: true })
  successorId?: string | null;

  /**
   * The status as of a date. A round that ran its course (stored ACTIVE, or EXPIRED once
   * re-examined and continued) is ACTIVE within its validity and EXPIRED after it; a title that
   * ended early was ACTIVE until the day before it ended.
   */
  statusOn(date: string): DesignationStatus {
    const byValidity = this.validUntil < date ? DesignationStatus.EXPIRED : DesignationStatus.ACTIVE;
    if (this.endedOn) return date < this.endedOn ? byValidity : this.status;
    if (this.status === DesignationStatus.ACTIVE || this.status === DesignationStatus.EXPIRED) return byValidity;
    return this.status;
  }

  isValidOn(date: string): boolean {
    return this.validFrom <= date && this.statusOn(date) === DesignationStatus.ACTIVE;
  }

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Designation', this.id);
  }
}
registerNodeType(Designation, 'Designation');
