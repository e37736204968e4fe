import type { EntityManager } from '@mikro-orm/postgresql';
import { Enterprise } from './enterprise.entity.js';

let columns: string[] | undefined;

/**
 * The enterprise columns a read loads (alias.property): every persisted one except the lazy ones
 * (name_grams, the search index's array, is large and never read). Taken from the entity's metadata
 * once, so a new column is read without anyone listing it here. (Typed for QueryBuilder.select.)
 */
export function enterpriseColumns(em: EntityManager, alias: string): never[] {
  columns ??= Object.values(em.getMetadata().get(Enterprise).properties)
    .filter((p) => !p.lazy && p.persist !== false && (p.kind === 'scalar' || p.kind === 'm:1'))
    .map((p) => p.name);
  return columns.map((name) => `${alias}.${name}`) as never[];
}
