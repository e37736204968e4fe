import { Entity, Enum, OneToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';
import { Region } from './region.entity.js';

export enum BureauLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
}

registerEnumType(BureauLevel, {
  name: 'BureauLevel',
  description: '知识产权局的层级。Bureau level.',
  valuesConfig: {
    NATIONAL: { description: '国家知识产权局（国家局）' },
    PROVINCIAL: { description: '省级知识产权局（省局：省、自治区、直辖市、计划单列市、新疆生产建设兵团）' },
  },
});

/** An IP bureau: the national bureau, or the bureau of one provincial-level jurisdiction. */
@ObjectType('Bureau', { implements: Node, description: '知识产权局：国家局或某一省级辖区的省局。IP bureau.' })
@Entity({ tableName: 'bureau' })
export class Bureau {
  [PrimaryKeyProp]?: 'code';

  /** The jurisdiction's region code; 100000 for the national bureau. */
  @PrimaryKey({ type: 'string', length: 6 })
  @Field(() => String, { description: '局代码：省局为其辖区的行政区划代码，国家局为 100000。' })
  code!: string;

  @Property({ type: 'string', length: 80 })
  @Field(() => String, { description: '名称，例如“广东省知识产权局”。' })
  name!: string;

  @Enum({ items: () => BureauLevel, type: 'string' })
  @Field(() => BureauLevel, { description: '层级。' })
  level!: BureauLevel;

  /** The jurisdiction; null for the national bureau. */
  @OneToOne(() => Region, { ref: true, nullable: true, fieldName: 'region_code', owner: true, unique: true })
  region?: Ref<Region> | null;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Bureau', this.code);
  }
}
registerNodeType(Bureau, 'Bureau');
