import { Entity, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/base.entity.js';
import { Node, registerNodeType, toGlobalId } from '../../common/node.js';

/** A person record: an expert of the expert pool or talent pools; EXPERT users are one. */
@ObjectType('Person', { implements: Node, description: '人员（专家）记录。Person record.' })
@Entity({ tableName: 'person' })
export class Person extends BaseEntity {
  @Property({ type: 'string', length: 100 })
  @Field(() => String, { description: '姓名。' })
  name!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: '工作单位。' })
  employer?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: '职务或职称。' })
  title?: string | null;

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

  @Field(() => ID, { name: 'id', description: '全局 ID。' })
  get nodeId(): string {
    return toGlobalId('Person', this.id);
  }
}
registerNodeType(Person, 'Person');
