import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/**
 * The version of the data a response can show: one row, its number raised by every committed
 * transaction that changed such data (a trigger on every table but the private ones, see the
 * migration that creates this table and src/common/data-version.ts). Caches key their entries
 * by it, so a write invalidates them by construction. Not exposed over GraphQL.
 */
@Entity({ tableName: 'data_version' })
@Check({ name: 'data_version_single_row_check', expression: '"id" = 1' })
export class DataVersion {
  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  @Property({ type: 'bigint' })
  version!: string;
}
