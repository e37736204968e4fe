import { Check, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';

/** The five grounds for revoking a demonstration title [D 三(四)1–5]. */
export enum IncidentKind {
  ADMINISTRATIVE_PENALTY = 'ADMINISTRATIVE_PENALTY',
  MALICIOUS_INFRINGEMENT = 'MALICIOUS_INFRINGEMENT',
  ABNORMAL_PATENT_APPLICATION = 'ABNORMAL_PATENT_APPLICATION',
  SUBSIDY_FRAUD = 'SUBSIDY_FRAUD',
  FALSE_MATERIAL = 'FALSE_MATERIAL',
}

registerEnumType(IncidentKind, {
  name: 'IncidentKind',
  description: '取消示范企业称号的情形（国家知识产权示范企业培育工作方案 三(四)）。',
  valuesConfig: {
    ADMINISTRATIVE_PENALTY: { description: '1. 在知识产权、质量安全、节能环保等方面受到行政处罚' },
    MALICIOUS_INFRINGEMENT: { description: '2. 存在恶意侵犯知识产权行为' },
    ABNORMAL_PATENT_APPLICATION: { description: '3. 存在非正常专利申请' },
    SUBSIDY_FRAUD: { description: '4. 骗取专利申请资助奖励费用' },
    FALSE_MATERIAL: { description: '5. 伪造证明材料、虚报数据' },
  },
});

export enum PenaltyArea {
  INTELLECTUAL_PROPERTY = 'INTELLECTUAL_PROPERTY',
  QUALITY_SAFETY = 'QUALITY_SAFETY',
  ENERGY_ENVIRONMENT = 'ENERGY_ENVIRONMENT',
}

registerEnumType(PenaltyArea, {
  name: 'PenaltyArea',
  description: '行政处罚的领域（三(四)1）。',
  valuesConfig: {
    INTELLECTUAL_PROPERTY: { description: '知识产权' },
    QUALITY_SAFETY: { description: '质量安全' },
    ENERGY_ENVIRONMENT: { description: '节能环保' },
  },
});

/** A recorded incident of one of the five kinds, with its date and evidence; grounds for revocation [D 三(四)]. */
@ObjectType('RevocationIncident', { implements: Node, description: '可导致撤销示范企业称号的违规情形记录。' })
@Entity({ tableName: 'revocation_incident' })
@Index({ name: 'revocation_incident_enterprise_date_idx', properties: ['enterprise', 'occurredOn'] })
@Check({
  name: 'revocation_incident_penalty_area_kind_check',
  expression: `("kind" = 'ADMINISTRATIVE_PENALTY') = ("penalty_area" is not null)`,
})
export class RevocationIncident extends BaseEntity<'version'> {
  @ManyToOne(() => Enterprise, { ref: true, deleteRule: 'cascade' })
  enterprise!: Ref<Enterprise>;

  @Enum({ items: () => IncidentKind, type: 'string' })
  @Field(() => IncidentKind, { description: '情形。' })
  kind!: IncidentKind;

  @Enum({ items: () => PenaltyArea, type: 'string', nullable: true })
  @Field(() => PenaltyArea, { nullable: true, description: '行政处罚的领域（仅行政处罚）。' })
  penaltyArea?: PenaltyArea | null;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '发生（或处罚决定）日期。' })
  occurredOn!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '情况说明。' })
  description!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '证据（文书名称、文号、来源等）。' })
  evidence!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '记录人。' })
  recordedBy!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('RevocationIncident', this.id);
  }
}
registerNodeType(RevocationIncident, 'RevocationIncident');
