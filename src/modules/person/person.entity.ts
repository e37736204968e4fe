import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Enterprise } from '../enterprise/enterprise.entity.js';
import { RegionCodeScalar } from '../../common/scalars.js';

export enum PersonCategory {
  SENIOR_EXECUTIVE = 'SENIOR_EXECUTIVE',
  IP_MANAGER = 'IP_MANAGER',
  IP_PRACTITIONER = 'IP_PRACTITIONER',
  OTHER = 'OTHER',
}
registerEnumType(PersonCategory, {
  name: 'PersonCategory',
  description: '人员类别（分层培训的对象，四(四)二）。',
  valuesConfig: {
    SENIOR_EXECUTIVE: { description: '企业高层管理人员' },
    IP_MANAGER: { description: '企业知识产权管理人员' },
    IP_PRACTITIONER: { description: '企业知识产权实务人员' },
    OTHER: { description: '其他（高校院所、服务机构、知识产权局等）' },
  },
});

export enum Specialty {
  STRATEGY = 'STRATEGY',
  PATENT_ANALYSIS_NAVIGATION = 'PATENT_ANALYSIS_NAVIGATION',
  LITIGATION = 'LITIGATION',
  LICENSING_TRANSACTIONS = 'LICENSING_TRANSACTIONS',
  VALUATION_FINANCING = 'VALUATION_FINANCING',
  STANDARDS = 'STANDARDS',
  OVERSEAS_PROTECTION = 'OVERSEAS_PROTECTION',
  MANAGEMENT_STANDARD = 'MANAGEMENT_STANDARD',
  TRADEMARKS_COPYRIGHT = 'TRADEMARKS_COPYRIGHT',
}
registerEnumType(Specialty, {
  name: 'Specialty',
  description: '知识产权专业领域。',
  valuesConfig: {
    STRATEGY: { description: '知识产权战略' },
    PATENT_ANALYSIS_NAVIGATION: { description: '专利分析与专利导航' },
    LITIGATION: { description: '诉讼与维权' },
    LICENSING_TRANSACTIONS: { description: '许可与交易' },
    VALUATION_FINANCING: { description: '评估与投融资' },
    STANDARDS: { description: '专利与标准' },
    OVERSEAS_PROTECTION: { description: '海外布局与保护' },
    MANAGEMENT_STANDARD: { description: '企业知识产权管理规范（贯标）' },
    TRADEMARKS_COPYRIGHT: { description: '商标与版权' },
  },
});
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';

/** A person record: an expert of the expert pool or talent pools; EXPERT users are one. */
@ObjectType('Person', { implements: Node, description: '人员（专家）记录。Person record.' })
@Entity({ tableName: 'person' })
// One person record per identity document, whatever the concurrency (createPerson / updatePerson answer CONFLICT).
@Index({
  name: 'person_identity_number_unique',
  expression: `create unique index "person_identity_number_unique" on "person" ("identity_number") where "identity_number" is not null`,
})
export class Person extends BaseEntity<'category' | 'specialties' | 'technicalFields' | 'qualifications' | 'version'> {
  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '姓名。' })
  name!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '工作单位。' })
  employer?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '职务或职称。' })
  title?: string | null;

  /** The enterprise the person works at, when it is one (decides the nominee's priority and the pools' shares). */
  @ManyToOne(() => Enterprise, { ref: true, nullable: true, deleteRule: 'set null' })
  @Index({ name: 'person_employer_enterprise_idx' })
  employerEnterprise?: Ref<Enterprise> | null;

  @Property({ type: 'string', length: 6, nullable: true })
  @Field(() => RegionCodeScalar, { nullable: true, description: '所在省级辖区。' })
  regionCode?: string | null;

  @Enum({ items: () => PersonCategory, type: 'string', default: PersonCategory.OTHER })
  @Field(() => PersonCategory, { description: '人员类别。' })
  category: PersonCategory = PersonCategory.OTHER;

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [Specialty], { description: '知识产权专业领域。' })
  specialties: Specialty[] = [];

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [String], { description: '技术领域（IPC 部或大类，例如 H01、G06F）。' })
  technicalFields: string[] = [];

  @Property({ type: 'json', defaultRaw: `'[]'` })
  @Field(() => [String], { description: '资格（例如 专利代理师、专利管理职业资格）。' })
  qualifications: string[] = [];

  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: '专业领域。' })
  expertise?: string | null;

  /** Personal data: readable by the national admin and the person. */
  @Property({ type: 'string', length: 50, nullable: true })
  phone?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  email?: string | null;

  /** Identity document number (居民身份证号码): the most sensitive field; national admin and the person only. */
  @Property({ type: 'string', length: 30, nullable: true })
  identityNumber?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：修改时须回传，用于乐观并发控制。Optimistic-lock version.' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Person', this.id);
  }
}
registerNodeType(Person, 'Person');
