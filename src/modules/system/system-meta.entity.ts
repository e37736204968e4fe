import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** Internal key/value facts about the installation (e.g. when the demo data set was loaded). Not exposed over GraphQL. */
@Entity({ tableName: 'system_meta' })
export class SystemMeta {
  @PrimaryKey({ type: 'string', length: 100 })
  key!: string;

  @Property({ type: 'json' })
  value!: Record<string, unknown>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt: Date = new Date();
}
