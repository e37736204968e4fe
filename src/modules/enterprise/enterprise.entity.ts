import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { CreditCodeScalar, DateScalar } from '../../common/scalars.js';
import { Region } from '../region/region.entity.js';
import { Industry } from '../industry/industry.entity.js';

export enum SizeClass {
  LARGE = 'LARGE',
  MEDIUM = 'MEDIUM',
  SMALL = 'SMALL',
  MICRO = 'MICRO',
}

registerEnumType(SizeClass, {
  name: 'SizeClass',
  description: '企业规模（按《统计上大中小微型企业划分办法》）。Enterprise size class.',
  valuesConfig: {
    LARGE: { description: '大型' },
    MEDIUM: { description: '中型' },
    SMALL: { description: '小型' },
    MICRO: { description: '微型' },
  },
});

/**
 * An enterprise taking part in the programme, identified by its unified social credit code.
 * Its programme stage is derived from its records (certification, designations), never typed in.
 */
@ObjectType('Enterprise', { implements: Node, description: '企业：以统一社会信用代码标识。其培育阶段由记录推导，不可手工填写。Enterprise.' })
@Entity({ tableName: 'enterprise' })
@Index({ name: 'enterprise_name_id_idx', properties: ['name', 'id'] })
@Index({ name: 'enterprise_founded_on_id_idx', properties: ['foundedOn', 'id'] })
@Index({ name: 'enterprise_created_at_id_idx', properties: ['createdAt', 'id'] })
// Substring search over names: see ip_name_grams() in the initial migration and enterprise.search.ts.
@Index({
  name: 'enterprise_name_grams_idx',
  expression: 'create index "enterprise_name_grams_idx" on "enterprise" using gin ("name_grams")',
})
export class Enterprise extends BaseEntity<'version' | 'exportOriented' | 'industryLeader'> {
  @Property({ type: 'string', length: 18 })
  @Unique({ name: 'enterprise_credit_code_unique' })
  @Field(() => CreditCodeScalar, { description: '统一社会信用代码（GB 32100-2015）。' })
  creditCode!: string;

  @Property({ type: 'string', length: 200 })
  @Field(() => String, { description: '企业名称（全称）。' })
  name!: string;

  /**
   * Every character and adjacent pair of the lower-cased name (ip_name_grams), kept by PostgreSQL.
   * Stored rather than computed per row so that filtering on it costs no function call; never loaded.
   */
  @Property({ type: 'text[]', generated: '(ip_name_grams(name)) stored', lazy: true, hidden: true, nullable: true })
  nameGrams?: string[];

  /** Provincial-level jurisdiction the enterprise is registered in (where it applies). */
  @ManyToOne(() => Region, { ref: true, fieldName: 'region_code' })
  @Index({ name: 'enterprise_region_code_idx' })
  region!: Ref<Region>;

  @ManyToOne(() => Industry, { ref: true, fieldName: 'industry_code' })
  @Index({ name: 'enterprise_industry_code_idx' })
  industry!: Ref<Industry>;

  @Enum({ items: () => SizeClass, type: 'string' })
  @Field(() => SizeClass, { description: '企业规模。' })
  sizeClass!: SizeClass;

  @Property({ type: 'string', length: 300, nullable: true })
  @Field(() => String, { nullable: true, description: '注册地址。' })
  address?: string | null;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: '成立日期。' })
  foundedOn!: string;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '是否外向型企业（出口导向）。' })
  exportOriented: boolean = false;

  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, { description: '是否行业领军企业（可不经省局直接向专利管理司申报示范企业）。' })
  industryLeader: boolean = false;

  /** Date of GB/T 29490 (企业知识产权管理规范) certification, the first stage of the path. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: '通过《企业知识产权管理规范》（GB/T 29490）贯标认证的日期。' })
  standardCertifiedOn?: string | null;

  /** Contact person and details (personal data): administrators in scope and the enterprise itself. */
  @Property({ type: 'string', length: 100, nullable: true })
  contactName?: string | null;

  @Property({ type: 'string', length: 50, nullable: true })
  contactPhone?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  contactEmail?: string | null;

  /** Bureau-internal notes: national admin and the provincial admin of the jurisdiction only. */
  @Property({ type: 'text', nullable: true })
  internalNotes?: string | null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号：更新时须回传，用于乐观并发控制。Optimistic-lock version.' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Enterprise', this.id);
  }
}
registerNodeType(Enterprise, 'Enterprise');
