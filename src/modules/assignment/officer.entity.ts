/**
 * The bureaus' liaison officers (联络员 of the bureau side, issue 14) and the conflicts of interest
 * they declare. An officer is a bureau staff account (national or provincial) flagged for the daily
 * contact with demonstration enterprises [D 五(一)]: capacity in seats, the regions, industry
 * sections and languages they know, the periods they are away, and a status (opted out and left
 * officers are not assigned). Declared conflicts are the officer's own statements; the derived ones
 * are computed from the data (conflicts.ts) and never stored, so they cannot go stale.
 */
import { Check, Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { DateScalar } from '../../common/scalars.js';
import { User } from '../account/user.entity.js';
import { Person } from '../person/person.entity.js';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { ServiceOrganization } from '../organization/organization.entity.js';

export enum LiaisonOfficerStatus {
  ACTIVE = 'ACTIVE',
  OPTED_OUT = 'OPTED_OUT',
  LEFT = 'LEFT',
}
registerEnumType(LiaisonOfficerStatus, {
  name: 'LiaisonOfficerStatus',
  description: '联络员状态。',
  valuesConfig: {
    ACTIVE: { description: '在岗：可以指派' },
    OPTED_OUT: { description: '暂停承担联络工作（本人申请或局里安排）：其企业退回待指派，恢复后可再指派' },
    LEFT: { description: '已离岗：其企业退回待指派，不再指派' },
  },
});

/** A period an officer is away (leave, secondment): not offered for assignment on those days. */
@ObjectType('LiaisonOfficerAbsence', { description: '联络员不在岗的期间（休假、借调等）。' })
@InputType('LiaisonOfficerAbsenceInput', { description: '不在岗期间。' })
export class LiaisonOfficerAbsence {
  @Field(() => DateScalar, { description: '起始日。' })
  from!: string;

  @Field(() => DateScalar, { description: '截止日（含）。' })
  until!: string;

  @Field(() => String, { nullable: true, description: '事由（至多 200 字）。' })
  reason?: string | null;
}

@ObjectType('LiaisonOfficer', {
  implements: Node,
  description: '知识产权局的联络员（五(一)，R17）：国家局或省局的工作人员，负责与示范企业的日常联系。容量以名额计，另有熟悉的地区、行业门类和语言。',
})
@Entity({ tableName: 'liaison_officer' })
@Check({ name: 'liaison_officer_capacity_check', expression: '"capacity" >= 1 and "capacity" <= 500' })
@Index({ name: 'liaison_officer_bureau_idx', properties: ['bureauCode', 'name', 'id'] })
export class LiaisonOfficer extends BaseEntity<'status' | 'regions' | 'industrySections' | 'languages' | 'absences' | 'version' | 'statusNote' | 'statusChangedOn'> {
  /** The bureau staff account (one officer per account). */
  @ManyToOne(() => User, { ref: true, deleteRule: 'restrict' })
  @Unique({ name: 'liaison_officer_user_unique' })
  user!: Ref<User>;

  /** 100000 the national bureau, else the provincial bureau's region code. */
  @Property({ type: 'string', length: 6 })
  @Field(() => String, { description: '所属知识产权局：100000 为国家局，否则为省局的行政区划代码。' })
  bureauCode!: string;

  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '姓名。' })
  name!: string;

  /** The officer's person record, when there is one: the derived conflicts (employment, nomination, commissioner) read it. */
  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'set null' })
  @Index({ name: 'liaison_officer_person_idx' })
  person?: Ref<Person> | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '容量：可同时联系的名额（按规则设置 liaisonCapacityBasis 计算企业占用的名额）。' })
  capacity!: number;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [String], { description: '熟悉的地区（省级或计划单列市的行政区划代码）。' })
  regions: string[] = [];

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [String], { description: '熟悉的国民经济行业门类（A–T）。' })
  industrySections: string[] = [];

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [String], { description: '工作语言（ISO 639-1，例如 zh、en、ug、bo、mn）。' })
  languages: string[] = [];

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [LiaisonOfficerAbsence], { description: '不在岗期间（这些日子不作为候选）。' })
  absences: LiaisonOfficerAbsence[] = [];

  @Enum({ items: () => LiaisonOfficerStatus, type: 'string', default: LiaisonOfficerStatus.ACTIVE })
  @Field(() => LiaisonOfficerStatus, { description: '状态。' })
  status: LiaisonOfficerStatus = LiaisonOfficerStatus.ACTIVE;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '状态最近一次改变的日期。' })
  statusChangedOn?: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  @Field(() => String, { nullable: true, description: '暂停或离岗的说明。' })
  statusNote?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('LiaisonOfficer', this.id);
  }
}
registerNodeType(LiaisonOfficer, 'LiaisonOfficer');

export enum LiaisonConflictKind {
  FORMER_EMPLOYER = 'FORMER_EMPLOYER',
  RELATIVE = 'RELATIVE',
  SHAREHOLDING = 'SHAREHOLDING',
  SERVICE_ORGANIZATION = 'SERVICE_ORGANIZATION',
  OTHER = 'OTHER',
  // Derived from the data (never declared):
  EMPLOYED = 'EMPLOYED',
  FORMER_LIAISON = 'FORMER_LIAISON',
  NOMINATED = 'NOMINATED',
  COMMISSIONER = 'COMMISSIONER',
  ORGANIZATION_MEMBER = 'ORGANIZATION_MEMBER',
}
registerEnumType(LiaisonConflictKind, {
  name: 'LiaisonConflictKind',
  description: '利益冲突的类型：前五种由联络员申报，后五种由数据推导。',
  valuesConfig: {
    FORMER_EMPLOYER: { description: '申报：曾在该企业任职' },
    RELATIVE: { description: '申报：近亲属在该企业任职或持股' },
    SHAREHOLDING: { description: '申报：本人持有该企业股份' },
    SERVICE_ORGANIZATION: { description: '申报：与某服务机构有关联（冲突及于该机构服务的企业）' },
    OTHER: { description: '申报：其他利害关系' },
    EMPLOYED: { description: '推导：人员记录的工作单位为该企业' },
    FORMER_LIAISON: { description: '推导：曾任该企业的联络员（企业人员）' },
    NOMINATED: { description: '推导：由该企业推荐入人才库' },
    COMMISSIONER: { description: '推导：作为知识产权特派员服务该企业（现任或两年内）' },
    ORGANIZATION_MEMBER: { description: '推导：所在服务机构服务该企业（特派员、服务站或服务记录，两年内）' },
  },
});

/** A conflict of interest an officer declared, about an enterprise or a service organisation. */
@Entity({ tableName: 'liaison_conflict' })
@Check({
  name: 'liaison_conflict_target_check',
  expression: `("kind" = 'SERVICE_ORGANIZATION' and "organization_id" is not null and "enterprise_id" is null) or ("kind" in ('FORMER_EMPLOYER', 'RELATIVE', 'SHAREHOLDING', 'OTHER') and "enterprise_id" is not null and "organization_id" is null)`,
})
@Index({ name: 'liaison_conflict_officer_idx', properties: ['officer', 'createdAt', 'id'] })
@Index({ name: 'liaison_conflict_enterprise_idx', properties: ['enterprise'] })
@Index({ name: 'liaison_conflict_organization_idx', properties: ['organization'] })
@ObjectType('LiaisonConflictDeclaration', { implements: Node, description: '联络员申报的利益冲突（只有国家局和申报人本人可见其内容）。' })
export class LiaisonConflictDeclaration extends BaseEntity<'withdrawnAt' | 'withdrawnBy'> {
  @ManyToOne(() => LiaisonOfficer, { ref: true, deleteRule: 'cascade' })
  officer!: Ref<LiaisonOfficer>;

  /** Told through LiaisonConflictDeclarationResolver: only to the national admin and the officer. */
  @Enum({ items: () => LiaisonConflictKind, type: 'string' })
  kind!: LiaisonConflictKind;

  @ManyToOne(() => Enterprise, { ref: true, nullable: true, deleteRule: 'cascade' })
  enterprise?: Ref<Enterprise> | null;

  @ManyToOne(() => ServiceOrganization, { ref: true, nullable: true, fieldName: 'organization_id', deleteRule: 'cascade' })
  organization?: Ref<ServiceOrganization> | null;

  @Property({ type: 'string', length: 500 })
  detail!: string;

  @Property({ type: 'string', length: 64 })
  @Field(() => String, { description: '申报人（用户名）。' })
  declaredBy!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', nullable: true })
  @Field(() => DateTimeResolver, { nullable: true, description: '撤回时间（撤回后不再排除）。' })
  withdrawnAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: '撤回人。' })
  withdrawnBy?: string | null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('LiaisonConflictDeclaration', this.id);
  }
}
registerNodeType(LiaisonConflictDeclaration, 'LiaisonConflictDeclaration');
