/**
 * The parts of a protection case kept beside it (R20, docs/overseas.md): its participants (experts
 * of the public pools, service organisations, an alliance's joint defence fund) and the deadline
 * targets the national bureau sets per channel, type and urgency.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { toGlobalId } from '../../common/node.js';
import { ServiceOrganization } from '../organization/organization.entity.js';
import { Person } from '../person/person.entity.js';
import { PatentAlliance } from '../navigation/alliance.entity.js';
import { CaseChannel, CaseType, CaseUrgency, ProtectionCase } from './case.entity.js';

export enum ParticipantKind {
  EXPERT = 'EXPERT',
  ORGANIZATION = 'ORGANIZATION',
  ALLIANCE_FUND = 'ALLIANCE_FUND',
}
registerEnumType(ParticipantKind, {
  name: 'CaseParticipantKind',
  description: '案件参与方。',
  valuesConfig: {
    EXPERT: { description: '人才库（专家库、专家咨询委员会等）中的专家' },
    ORGANIZATION: { description: '服务机构（代理机构、律师事务所等）' },
    ALLIANCE_FUND: { description: '企业所在产业知识产权联盟的联合防御基金' },
  },
});

@ObjectType('CaseParticipant', { description: '案件的参与方：专家、服务机构或联盟的联合防御基金，及其作用。' })
@Entity({ tableName: 'protection_case_participant' })
@Index({ name: 'protection_case_participant_case_idx', properties: ['protectionCase', 'createdAt'] })
@Index({
  name: 'protection_case_participant_current',
  expression: `create unique index "protection_case_participant_current" on "protection_case_participant" ("protection_case_id", "kind", coalesce("person_id", "organization_id", "alliance_id")) where "ended_at" is null`,
})
@Check({
  name: 'protection_case_participant_ref_check',
  expression: `("kind" = 'EXPERT') = ("person_id" is not null) and ("kind" = 'ORGANIZATION') = ("organization_id" is not null) and ("kind" = 'ALLIANCE_FUND') = ("alliance_id" is not null)`,
})
export class ProtectionCaseParticipant extends BaseEntity<'participantId'> {
  @ManyToOne(() => ProtectionCase, { ref: true, deleteRule: 'cascade' })
  protectionCase!: Ref<ProtectionCase>;

  @Enum({ items: () => ParticipantKind, type: 'string' })
  @Field(() => ParticipantKind, { description: '类别。' })
  kind!: ParticipantKind;

  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  person?: Ref<Person> | null;

  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, deleteRule: 'restrict' })
  organization?: Ref<ServiceOrganization> | null;

  @ManyToOne(() => PatentAlliance, { ref: true, nullable: true, deleteRule: 'restrict' })
  alliance?: Ref<PatentAlliance> | null;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '作用（如 德国专利律师意见、应诉费用资助）。' })
  role!: string;

  @Property({ type: 'string', length: 64 })
  addedBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '退出时间（仍参与为 null）。' })
  endedAt?: Date | null;

  @Field(() => ID, { description: '参与方 ID（结束参与时用）。' })
  get participantId(): string {
    return toGlobalId('CaseParticipant', this.id);
  }
}

/** A kind of case's deadline targets set by the national bureau (otherwise the defaults, case.rules.ts). */
@Entity({ tableName: 'protection_case_target' })
@Unique({ name: 'protection_case_target_unique', properties: ['channel', 'type', 'urgency'] })
@Check({ name: 'protection_case_target_order_check', expression: `"first_response_minutes" > 0 and "first_response_minutes" <= "feedback_minutes" and "feedback_minutes" <= "resolution_minutes"` })
export class ProtectionCaseTarget extends BaseEntity<'version'> {
  @Enum({ items: () => CaseChannel, type: 'string' })
  channel!: CaseChannel;

  @Enum({ items: () => CaseType, type: 'string' })
  type!: CaseType;

  @Enum({ items: () => CaseUrgency, type: 'string' })
  urgency!: CaseUrgency;

  @Property({ type: 'integer' })
  firstResponseMinutes!: number;

  @Property({ type: 'integer' })
  feedbackMinutes!: number;

  @Property({ type: 'integer' })
  resolutionMinutes!: number;

  @Property({ type: 'integer', version: true })
  version!: number;
}
