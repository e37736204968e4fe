import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { RegionCodeScalar } from '../../common/scalars.js';

export enum RegionKind {
  PROVINCE = 'PROVINCE',
  AUTONOMOUS_REGION = 'AUTONOMOUS_REGION',
  MUNICIPALITY = 'MUNICIPALITY',
  SEPARATELY_PLANNED_CITY = 'SEPARATELY_PLANNED_CITY',
  XPCC = 'XPCC',
}

registerEnumType(RegionKind, {
  name: 'RegionKind',
  description: '省级辖区的类别。Kind of provincial-level jurisdiction.',
  valuesConfig: {
    PROVINCE: { description: '省' },
    AUTONOMOUS_REGION: { description: '自治区' },
    MUNICIPALITY: { description: '直辖市' },
    SEPARATELY_PLANNED_CITY: { description: '计划单列市：地理上属于所在省，但有自己的知识产权局，企业向该市局申报' },
    XPCC: { description: '新疆生产建设兵团' },
  },
});

/**
 * A provincial-level jurisdiction (GB/T 2260 code): one of the 31 provinces, autonomous
 * regions and municipalities, the 5 separately planned cities, or the XPCC. Each has its
 * own IP bureau (see Bureau). Reference data, loaded by the seeder.
 */
@ObjectType('Region', {
  implements: Node,
  description: '省级辖区（省、自治区、直辖市、计划单列市、新疆生产建设兵团），各有一个知识产权局。Provincial-level jurisdiction.',
})
@Entity({ tableName: 'region' })
export class Region {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 6 })
  @Field(() => RegionCodeScalar, { description: '行政区划代码（GB/T 2260）。' })
  code!: string;

  @Property({ type: 'string', length: 50 })
  @Field(() => String, { description: '全称，例如“广东省”。' })
  name!: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => String, { description: '简称，例如“广东”。' })
  shortName!: string;

  @Property({ type: 'string', length: 80 })
  @Field(() => String, { description: '英文名。English name.' })
  nameEn!: string;

  @Enum({ items: () => RegionKind, type: 'string' })
  @Field(() => RegionKind, { description: '辖区类别。' })
  kind!: RegionKind;

  /** For a separately planned city or the XPCC: the province it lies in. */
  @ManyToOne(() => Region, { ref: true, nullable: true, fieldName: 'parent_code' })
  @Index()
  parent?: Ref<Region> | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '官方排列顺序。' })
  sortOrder!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Region', this.code);
  }
}
registerNodeType(Region, 'Region');
