/**
 * Read-only objects of an entity class built straight from rows, without MikroORM's unit of work:
 * no identity map, no change tracking, no per-property accessors. For what a request only reads
 * (lists, lookups, loaders); what a mutation changes it loads with `em` inside its transaction.
 *
 * A lean object has its entity's prototype (getters such as `nodeId` and methods such as
 * `statusOn` work, `instanceof` holds) and every column the entity loads eagerly; a many-to-one
 * is a LeanRef (`ref.id` / `ref.code`, `ref.unwrap()` gives an object with the key). It is not an
 * entity to MikroORM: handing it to `em` (persist, assign, a relation value) throws, so a read
 * object cannot be written by mistake. Collections (many-to-many) are not loaded: use a loader.
 */
import type { EntityClass, EntityMetadata, EntityProperty } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { join, trusted, type Sql } from './sql.js';

/** A many-to-one seen from a lean object: the key of the row it points to. */
export class LeanRef {
  constructor(
    readonly entity: string,
    private readonly key: Record<string, unknown>,
  ) {
    Object.assign(this, key);
  }

  /** An object with the referenced row's primary key (not the row: load it through a loader). */
  unwrap(): Record<string, unknown> {
    return this.key;
  }

  isInitialized(): boolean {
    return false;
  }
}

export interface LeanShape<T> {
  /** The columns that make a lean object, qualified by `alias`: `"e"."id", "e"."name", …`. */
  columns(alias: string): Sql;
  /** A lean object from a row with those columns. */
  from(row: Record<string, unknown>): T;
  /**
   * The same columns as one JSON array per row (`json_build_array(…)`), for a relation read inside
   * its parent's statement (LeanQuery.with); `fromJson` makes the lean object of such an array.
   */
  jsonArray(alias: string): Sql;
  fromJson(values: unknown[]): T;
  /** The column of a property (for ORDER BY on properties), e.g. `createdAt` → `created_at`. */
  column(property: string): string;
}

const entitySymbol = Symbol.for('@mikro-orm/core/EntityHelper.entity');
const shapes = new WeakMap<EntityMetadata, LeanShape<unknown>>();

function loadsEagerly(prop: EntityProperty): boolean {
  if (prop.persist === false || prop.lazy || prop.formula || prop.fieldNames?.length !== 1) return false;
  return prop.kind === 'scalar' || prop.kind === 'm:1' || (prop.kind === '1:1' && !!prop.owner);
}

function notManaged(name: string): never {
  throw new Error(`a lean ${name} (src/common/lean.ts) is a read-only copy, not managed by MikroORM: load the entity with em inside the transaction to change it`);
}

/** The lean shape of an entity class (built once per metadata). */
export function leanShape<T extends object>(em: EntityManager, entity: EntityClass<T>): LeanShape<T> {
  const meta = em.getMetadata().get(entity) as EntityMetadata<T>;
  const known = shapes.get(meta as EntityMetadata);
  if (known) return known as LeanShape<T>;

  const platform = em.getPlatform();
  const props = meta.props.filter(loadsEagerly);
  // A prototype between the entity's and the object: plain writable slots shadow MikroORM's
  // accessors on the entity prototype, so assignments below are plain property writes.
  const proto = Object.create(meta.prototype as object) as Record<PropertyKey, unknown>;
  for (const prop of meta.props) Object.defineProperty(proto, prop.name, { value: undefined, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(proto, entitySymbol, { value: false });
  Object.defineProperty(proto, '__helper', { get: () => notManaged(meta.className), configurable: true });

  const convert = props.map((prop): ((v: unknown) => unknown) => {
    if (prop.kind !== 'scalar') {
      const target = prop.targetMeta!;
      const pk = target.primaryKeys[0]!;
      return (v) => new LeanRef(target.className, { [pk]: v });
    }
    if (prop.customType) {
      const type = prop.customType;
      return (v) => type.convertToJSValue(v, platform);
    }
    if (prop.runtimeType === 'Date') return (v) => (v instanceof Date ? v : new Date(v as string));
    if (prop.runtimeType === 'boolean') return (v) => !!v;
    return (v) => v;
  });
  const fields = props.map((p) => p.fieldNames[0]!);
  // JSON would turn these into numbers where the entity reads strings (bigint, numeric, and floating
  // point mapped to a string): they are not read through JSON. Floating point read as a number is safe.
  const jsonUnsafe = props.filter((p) => {
    const type = String(p.columnTypes?.[0] ?? p.type);
    if (/^(double|float8|real|float4)/i.test(type)) return p.runtimeType !== 'number';
    return /^(bigint|int8|numeric|decimal)/i.test(type);
  });
  const names = props.map((p) => p.name);
  const columnOf = new Map<string, string>(meta.props.filter((p) => p.fieldNames?.length === 1).map((p) => [p.name as string, p.fieldNames[0]!]));

  const build = (value: (i: number) => unknown): T => {
    const out = Object.create(proto) as Record<string, unknown>;
    for (let i = 0; i < fields.length; i++) {
      const v = value(i);
      out[names[i]!] = v === null || v === undefined ? null : convert[i]!(v);
    }
    return out as T;
  };
  const jsonArrayOf = (alias: string) => join([trusted('json_build_array('), join(fields.map((f) => trusted(`"${alias}"."${f}"`)), ', '), trusted(')')], '');

  const shape: LeanShape<T> = {
    columns: (alias) => join(fields.map((f) => trusted(`"${alias}"."${f}"`)), ', '),
    from: (row) => build((i) => row[fields[i]!]),
    jsonArray: (alias) => {
      if (jsonUnsafe.length) throw new Error(`${meta.className} has columns JSON would change (${jsonUnsafe.map((p) => p.name).join(', ')}): read it with its own statement`);
      return jsonArrayOf(alias);
    },
    // JSON gives what the driver gives for the types allowed here (text, integers, booleans, dates as
    // 'YYYY-MM-DD', timestamps as ISO strings that convert() turns into Dates).
    fromJson: (values) => build((i) => values[i]),
    column(property) {
      const column = columnOf.get(property);
      if (!column) throw new Error(`${meta.className}.${property} is not a column`);
      return column;
    },
  };
  shapes.set(meta as EntityMetadata, shape as LeanShape<unknown>);
  return shape;
}
