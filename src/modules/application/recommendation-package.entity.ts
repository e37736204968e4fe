import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Region } from '../region/region.entity.js';

/**
 * What a provincial bureau sends with its recommendations for a year [D 三(三)1]: the
 * recommendation letter (an uploaded file) and the region's overall cultivation plan (goals,
 * work plan, organisation, policy support, funding, supervision).
 */
@ObjectType('RecommendationPackage', { implements: Node, description: '省局推荐材料：推荐函和本区域示范企业培育工作总体方案（三(三)1）。' })
@Entity({ tableName: 'recommendation_package' })
@Unique({ name: 'recommendation_package_region_year_unique', properties: ['region', 'year'] })
export class RecommendationPackage extends BaseEntity<'version'> {
  @ManyToOne(() => Region, { ref: true, fieldName: 'region_code' })
  region!: Ref<Region>;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '年度。' })
  year!: number;

  /** The recommendation letter (StoredFile id). */
  @Property({ type: 'uuid', nullable: true })
  letterFileId?: string | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: '培育目标。' })
  goals!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '工作计划。' })
  workPlan!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '组织管理。' })
  organization!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '政策支持。' })
  policySupport!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '资金保障。' })
  funding!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: '督导检查。' })
  supervision!: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int, { description: '版本号。' })
  version!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('RecommendationPackage', this.id);
  }
}
registerNodeType(RecommendationPackage, 'RecommendationPackage');
