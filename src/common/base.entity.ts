import { OptionalProps } from '@mikro-orm/core';
import { PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { v7 as uuidv7 } from 'uuid';

/**
 * Shared columns: a time-ordered UUID v7 primary key and creation/update times.
 * The `id` column is internal; GraphQL exposes an opaque global id instead (see node.ts).
 */
// Registered so that subclasses inherit the fields; never emitted itself (not reachable from the schema).
@ObjectType('BaseEntity', { description: '内部基类。' })
export abstract class BaseEntity<Optional extends string = never> {
  /** Properties with defaults, which em.create() does not require. */
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | 'nodeId' | Optional;

  // Times are kept to the millisecond (what a JavaScript Date holds), so that a value read
  // back and used as a keyset cursor is exact.
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)' })
  @Field(() => DateTimeResolver, { description: '创建时间。Created at.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz(3)', onUpdate: () => new Date() })
  @Field(() => DateTimeResolver, { description: '最后修改时间。Updated at.' })
  updatedAt: Date = new Date();
}
