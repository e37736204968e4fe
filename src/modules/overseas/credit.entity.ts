/**
 * Enterprise IP credit records [A 四(三) "完善企业知识产权信用评价、诚信公示和失信惩戒机制"]: integrity
 * publicity (an enterprise commended or listed for good conduct) and dishonesty records (a decision
 * against it). A dishonesty record of one of the five revocation grounds [D 三(四)] is the
 * revocation incident too: recording it records the incident, so the facts are typed once.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { IncidentKind, PenaltyArea, RevocationIncident } from '../designation/incident.entity.js';

export enum CreditRecordKind {
  INTEGRITY = 'INTEGRITY',
  DISHONESTY = 'DISHONESTY',
}
registerEnumType(CreditRecordKind, {
  name: 'CreditRecordKind',
  description: '知识产权信用记录的类别（A 四(三)）。',
  valuesConfig: {
    INTEGRITY: { description: '诚信公示（表彰、守信激励名单等）' },
    DISHONESTY: { description: '失信记录（行政处罚、恶意侵权、非正常申请等，失信惩戒的依据）' },
  },
});

@ObjectType('CreditRecord', {
  implements: Node,
  description: '企业知识产权信用记录：诚信公示或失信记录，作出的机关、文号、日期、公示期；属撤销示范企业称号情形（三(四)）的失信记录同时是违规情形记录。公示期内未修复的公开。',
})
@Entity({ tableName: 'credit_record' })
@Index({ name: 'credit_record_created_idx', properties: ['createdAt', 'id'] })
@Index({ name: 'credit_record_enterprise_idx', properties: ['enterprise', 'decidedOn'] })
@Check({ name: 'credit_record_incident_check', expression: `("incident_kind" is null or "kind" = 'DISHONESTY') and (("incident_kind" = 'ADMINISTRATIVE_PENALTY') = ("penalty_area" is not null))` })
@Check({ name: 'credit_record_dates_check', expression: `("public_until" is null or "public_until" >= "decided_on") and ("repaired_on" is null or "repaired_on" >= "decided_on")` })
export class CreditRecord extends BaseEntity<'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => CreditRecordKind, type: 'string' })
  @Field(() => CreditRecordKind, { description: '类别。' })
  kind!: CreditRecordKind;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '事由（如 “知识产权守信激励名单”“专利侵权行政裁决”）。' })
  title!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '作出决定的机关。' })
  authority!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '文号。' })
  documentNumber?: string | null;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '决定日期。' })
  decidedOn!: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '公示期至（含；null 为长期）。' })
  publicUntil?: string | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: '情况说明。' })
  description!: string;

  /** A dishonesty record of one of the five revocation grounds [D 三(四)1–5]. */
  @Enum({ items: () => IncidentKind, type: 'string', nullable: true })
  @Field(() => IncidentKind, { nullable: true, description: '属撤销示范企业称号的哪种情形（三(四)1–5；仅失信记录）。' })
  incidentKind?: IncidentKind | null;

  @Enum({ items: () => PenaltyArea, type: 'string', nullable: true })
  @Field(() => PenaltyArea, { nullable: true, description: '行政处罚的领域（情形为行政处罚时）。' })
  penaltyArea?: PenaltyArea | null;

  /** The revocation incident this record is (recorded with it). */
  @ManyToOne(() => RevocationIncident, { ref: true, nullable: true, deleteRule: 'set null' })
  incident?: Ref<RevocationIncident> | null;

  /** Credit repair (信用修复): the record no longer counts from this day. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '信用修复日期（此后不再公示）。' })
  repairedOn?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: '修复的依据。' })
  repairReason?: string | null;

  @Property({ type: 'string', length: 64 })
  recordedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('CreditRecord', this.id);
  }
}
registerNodeType(CreditRecord, 'CreditRecord');
