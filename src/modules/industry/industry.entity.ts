import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';

export enum IndustryLevel {
  SECTION = 'SECTION',
  DIVISION = 'DIVISION',
}

registerEnumType(IndustryLevel, {
  name: 'IndustryLevel',
  description: '国民经济行业分类（GB/T 4754-2017）的层级。',
  valuesConfig: {
    SECTION: { description: '门类（A–T）' },
    DIVISION: { description: '大类（两位数字）' },
  },
});

/** An industry of GB/T 4754-2017: a section (A–T) or a two-digit division. Reference data. */
@ObjectType('Industry', { implements: Node, description: '国民经济行业（GB/T 4754-2017）的门类或大类。Industry classification.' })
@Entity({ tableName: 'industry' })
export class Industry {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 4 })
  @Field(() => String, { description: '行业代码：门类为字母 A–T，大类为两位数字。' })
  code!: string;

  @Property({ type: 'string', length: 80 })
  @Field(() => String, { description: '名称。' })
  name!: string;

  @Enum({ items: () => IndustryLevel, type: 'string' })
  @Field(() => IndustryLevel, { description: '层级。' })
  level!: IndustryLevel;

  @ManyToOne(() => Industry, { ref: true, nullable: true, fieldName: 'parent_code' })
  @Index()
  parent?: Ref<Industry> | null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: '排列顺序。' })
  sortOrder!: number;

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Industry', this.code);
  }
}
registerNodeType(Industry, 'Industry');
