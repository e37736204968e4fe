/**
 * Rollups (docs/reporting.md "Speed"): a fact's rows summed into cells by a few dimensions and the
 * month or year, kept exact by statement triggers, read by `statistics` when a query fits them.
 *
 * - `<table>` holds the cells (one row per key), `<table>_delta` the signed changes appended by the
 *   triggers in each writer's transaction (appends only: writers never wait on one another's cells).
 *   A reader sums both in one statement, so a committed write is counted at once.
 * - On a write to any source table, its trigger takes the transition tables: the rows' keys as
 *   they are now minus as they were (the other tables are unchanged by one statement), grouped.
 * - Concurrent writes to two sources of one fact row (an enrolment made while its person changes
 *   employer) are serialised by share locks on the sources' rows (`locks`), so that neither keys
 *   the row by what the other has not committed.
 * - A delete or truncate of a table the fact's rows join to (a person, a session) cascades to the
 *   fact's rows, whose own trigger may then run before or after the keys they joined to are gone;
 *   so it marks the rollup stale (`<table>_stale`), and a deferred trigger rebuilds the cells from
 *   the rows at commit, when every statement's trigger has run, after the writers that took their
 *   change before it (an exclusive lock on the delta). The programme never deletes these rows; a
 *   manual delete costs one rebuild.
 * - `<table>_fold()` (the job, every minute) moves the delta into the cells in one statement; a
 *   reader sees the cells before or after, never half.
 *
 * The DDL is generated from the fact's declaration (`npm run rollups` prints it for a migration) and
 * a test checks that the database's functions are what the declaration generates now.
 */
import type { DimensionSpec, FactContext, FactRollup, FactSource, FactSpec } from '../../common/reporting.js';
import { fromSources } from '../../common/reporting.js';
import { Sql, sql, trusted } from '../../common/sql.js';
import { dimensionExpression } from './statistics.sql.js';

/** A rollup's dimensions must not depend on the date asked: these two contexts must give the same SQL. */
const CONTEXTS: [FactContext, FactContext] = [{ asOf: '2000-01-01' }, { asOf: '2099-12-31' }];

export interface RollupColumn {
  name: string;
  type: string;
  expression: Sql;
}

/** The key columns (dimensions, then `bucket`) and the summed columns (`rows`, then the sums) of a fact's rollup. */
export function rollupColumns(fact: FactSpec, dimensions: ReadonlyMap<string, DimensionSpec>): { keys: RollupColumn[]; sums: RollupColumn[] } {
  const rollup = fact.rollup!;
  const keys: RollupColumn[] = rollup.dimensions.map((name) => {
    const dim = dimensions.get(name)!;
    const [a, b] = CONTEXTS.map((context) => dimensionExpression({ context, dimensionsByName: dimensions }, fact, dim));
    if (!a || !b || inline(a) !== inline(b)) throw new Error(`rollup ${rollup.table}: dimension ${name} is not one the fact maps independently of the date asked`);
    return { name: name.toLowerCase(), type: 'text', expression: a };
  });
  if (rollup.time) {
    const time = fact.time;
    if (!time) throw new Error(`rollup ${rollup.table}: the fact has no time to keep`);
    const value = time.expression(CONTEXTS[0]);
    if (time.type === 'year') {
      if (rollup.time !== 'YEAR') throw new Error(`rollup ${rollup.table}: a fact with yearly rows is kept by YEAR`);
      keys.push({ name: 'bucket', type: 'int', expression: sql`(${value})::int` });
    } else {
      const local = time.type === 'timestamptz' ? sql`((${value}) at time zone 'Asia/Shanghai')` : sql`(${value})::timestamp`;
      keys.push({ name: 'bucket', type: 'date', expression: sql`date_trunc(${trusted(`'${rollup.time.toLowerCase()}'`)}, ${local})::date` });
    }
  }
  const sums: RollupColumn[] = [
    { name: 'rows', type: 'bigint', expression: sql`count(*)` },
    ...Object.entries(rollup.sums).map(([name, s]) => ({ name, type: s.type, expression: sql`coalesce(${s.aggregate}, 0)` })),
  ];
  return { keys, sums };
}

/** A fragment's text with its parameters written in as literals (DDL takes no parameters). */
export function inline(fragment: Sql): string {
  let i = 0;
  return fragment.sql.replace(/\?/g, () => {
    const value = fragment.params[i++];
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
    throw new Error(`rollup: cannot write ${typeof value} into DDL`);
  });
}

const list = (columns: readonly RollupColumn[], prefix = '') => columns.map((c) => `${prefix}${c.name}`).join(', ');

/** The fact's rows summed by the keys, read from `sources` with the one at `replaced` read from `relation` instead (inner-joined). */
function summed(sources: readonly FactSource[], keys: RollupColumn[], sums: RollupColumn[], sign: 1 | -1, replaced?: { index: number; relation: string }): string {
  const from = sources.map((s, i) => (replaced && i === replaced.index ? { ...s, table: replaced.relation, optional: false } : s));
  const values = sums.map((c) => (sign === 1 ? `${inline(c.expression)}` : `-(${inline(c.expression)})`));
  return `select ${[...keys.map((k) => inline(k.expression)), ...values].join(', ')} from ${fromSources(from).sql} group by ${keys.map((_, i) => i + 1).join(', ')}`;
}

const nameOf = (rollup: FactRollup, table: string) => `${rollup.table}_on_${table}`;

/** The aliases a source's join condition refers to (its parents), and theirs, up to the fact table. */
function ancestorsOf(sources: readonly FactSource[], alias: string): Set<string> {
  const out = new Set<string>();
  const visit = (a: string) => {
    const source = sources.find((s) => s.alias === a);
    for (const [, parent] of (source?.on ?? '').matchAll(/\b([a-z_][a-z0-9_]*)\./g)) {
      if (parent && parent !== a && !out.has(parent)) {
        out.add(parent);
        visit(parent);
      }
    }
  };
  visit(alias);
  return out;
}

/**
 * The statements that lock, FOR SHARE, the rows of the later sources that the changed rows join to
 * (through `relation`), before the change is taken. A concurrent write to those rows (an employer
 * changed, an enterprise moved) then waits for this transaction, or this one for it, and whichever
 * comes second takes its change from a snapshot that has the other's commit. Without the locks, two
 * concurrent writes to two sources (an enrolment made while its person changes employer) would each
 * key the enrolment by what the other had not committed, and the cells would drift from the rows for
 * good. Only later sources are locked (the fact table locks all the others, a person its employer),
 * so locks are always taken in the sources' order and two such writers cannot deadlock.
 */
function locks(sources: readonly FactSource[], index: number, relation: string): string[] {
  return sources.flatMap((target, i) => {
    if (i <= index) return [];
    // FOR SHARE cannot reach the nullable side of an outer join: the target and its parents are inner-joined here.
    const inner = new Set([target.alias, ...ancestorsOf(sources, target.alias)]);
    const from = sources.map((s, j) => (j === index ? { ...s, table: relation, optional: false } : inner.has(s.alias) ? { ...s, optional: false } : s));
    return [`perform 1 from ${fromSources(from).sql} for share of ${target.alias};`];
  });
}

/** The columns of a source that the cells depend on (keys, sums, joins): an update that changes none of them changes no cell. */
function watchedColumns(sources: readonly FactSource[], source: FactSource, expressions: readonly string[]): string[] {
  const text = [...expressions, ...sources.map((s) => s.on ?? '')].join(' ');
  return [...new Set([...text.matchAll(new RegExp(`\\b${source.alias}\\.([a-z_][a-z0-9_]*)`, 'g'))].map((m) => m[1]!))].sort();
}

/** The statements that build a rollup, fill it, and install its triggers (a migration's up). */
export function rollupUp(fact: FactSpec, dimensions: ReadonlyMap<string, DimensionSpec>): string[] {
  const rollup = fact.rollup!;
  const { keys, sums } = rollupColumns(fact, dimensions);
  const all = [...keys, ...sums];
  const t = rollup.table;
  const changed = sums.map((c) => `sum(${c.name}) <> 0`).join(' or ');
  const statements = [
    `create table ${t} (${all.map((c) => `${c.name} ${c.type} not null`).join(', ')}, primary key (${list(keys)}))`,
    `create table ${t}_delta (${all.map((c) => `${c.name} ${c.type} not null`).join(', ')})`,
    `create table ${t}_stale (at timestamptz not null default now())`,
    `create function ${t}_rebuild() returns void language plpgsql as $fn$
begin
  perform pg_advisory_xact_lock(hashtext('${t}'));
  -- Writers that took their change before this transaction's deletes wait until the rebuild has them.
  lock table ${t}_delta in exclusive mode;
  delete from ${t}_stale;
  delete from ${t};
  with cleared as (delete from ${t}_delta) insert into ${t} (${list(all)}) ${summed(rollup.sources, keys, sums, 1)};
end $fn$`,
    `create function ${t}_fold() returns bigint language plpgsql as $fn$
declare folded bigint;
begin
  if not pg_try_advisory_xact_lock(hashtext('${t}')) then return 0; end if;
  with d as (delete from ${t}_delta returning *)
  insert into ${t} as c (${list(all)}) select ${list(keys)}, ${sums.map((c) => `sum(${c.name})`).join(', ')} from d group by ${list(keys)}
    on conflict (${list(keys)}) do update set ${sums.map((c) => `${c.name} = c.${c.name} + excluded.${c.name}`).join(', ')};
  get diagnostics folded = row_count;
  delete from ${t} where rows = 0;
  return folded;
end $fn$`,
    `create function ${t}_on_stale() returns trigger language plpgsql as $fn$
begin
  if exists (select 1 from ${t}_stale) then perform ${t}_rebuild(); end if;
  return null;
end $fn$`,
    `create constraint trigger ${t}_stale_rebuild after insert on ${t}_stale deferrable initially deferred for each row execute function ${t}_on_stale()`,
  ];
  rollup.sources.forEach((source, index) => {
    const delta = (parts: string[]) =>
      `insert into ${t}_delta (${list(all)}) select ${list(keys)}, ${sums.map((c) => `sum(${c.name})`).join(', ')} from (${parts.join(' union all ')}) x (${list(all)}) group by ${list(keys)} having ${changed};`;
    const plus = summed(rollup.sources, keys, sums, 1, { index, relation: 'new_rows' });
    const minus = summed(rollup.sources, keys, sums, -1, { index, relation: 'old_rows' });
    // The fact table's own deletes are exact (its rows' keys are still joinable); a source's cascade to the fact's rows is not.
    const stale = `insert into ${t}_stale default values;`;
    const watched = watchedColumns(rollup.sources, source, [...keys, ...sums].map((c) => inline(c.expression)));
    const lockNew = locks(rollup.sources, index, 'new_rows');
    const lockOld = locks(rollup.sources, index, 'old_rows');
    const body = (statements: string[]) => statements.join('\n    ');
    const deleted = index === 0 ? body([...lockOld, delta([minus])]) : stale;
    statements.push(`create function ${nameOf(rollup, source.table)}() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'INSERT' then
    ${index === 0 ? body([...lockNew, delta([plus])]) : 'null;'}
  elsif tg_op = 'UPDATE' then
    -- Only when a column the cells depend on changed (a trigger with transition tables takes no column list).
    if exists (select 1 from old_rows o join new_rows n on n.id = o.id where row(${watched.map((c) => `o.${c}`).join(', ')}) is distinct from row(${watched.map((c) => `n.${c}`).join(', ')})) then
      ${[...lockNew, ...lockOld, delta([plus, minus])].join('\n      ')}
    end if;
  elsif tg_op = 'DELETE' then
    ${deleted}
  else
    ${stale}
  end if;
  return null;
end $fn$`);
    const fn = `${nameOf(rollup, source.table)}()`;
    const trigger = (event: string) => `${t}_${event}`;
    // A source's new rows have no fact rows yet: only the fact table needs an insert trigger.
    if (index === 0) statements.push(`create trigger ${trigger('insert')} after insert on ${source.table} referencing new table as new_rows for each statement execute function ${fn}`);
    statements.push(
      `create trigger ${trigger('update')} after update on ${source.table} referencing old table as old_rows new table as new_rows for each statement execute function ${fn}`,
      `create trigger ${trigger('delete')} after delete on ${source.table} referencing old table as old_rows for each statement execute function ${fn}`,
      `create trigger ${trigger('truncate')} after truncate on ${source.table} for each statement execute function ${fn}`,
    );
  });
  statements.push(`select ${t}_rebuild()`);
  return statements;
}

/** The statements that remove a rollup (a migration's down). */
export function rollupDown(fact: FactSpec): string[] {
  const rollup = fact.rollup!;
  const t = rollup.table;
  return [
    ...rollup.sources.flatMap((s) => [
      ...['insert', 'update', 'delete', 'truncate'].map((event) => `drop trigger if exists ${t}_${event} on ${s.table}`),
      `drop function if exists ${nameOf(rollup, s.table)}()`,
    ]),
    `drop function if exists ${t}_fold()`,
    `drop table if exists ${t}_stale`,
    `drop function if exists ${t}_on_stale()`,
    `drop function if exists ${t}_rebuild()`,
    `drop table if exists ${t}_delta`,
    `drop table if exists ${t}`,
  ];
}

/** The functions a rollup installs, by name, with the body each must have (the drift test compares them with pg_proc). */
export function rollupFunctions(fact: FactSpec, dimensions: ReadonlyMap<string, DimensionSpec>): Map<string, string> {
  const out = new Map<string, string>();
  for (const statement of rollupUp(fact, dimensions)) {
    const m = /^create function (\w+)\(\) returns \w+ language plpgsql as \$fn\$([\s\S]*)\$fn\$$/.exec(statement);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/** What `statistics` reads for a fact whose rollup fits: the cells and the delta, as a fact of their own. */
export function rollupFact(fact: FactSpec): FactSpec {
  const rollup = fact.rollup!;
  const columns = [...rollup.dimensions.map((d) => d.toLowerCase()), ...(rollup.time ? ['bucket'] : []), 'rows', ...Object.keys(rollup.sums)].join(', ');
  return {
    ...fact,
    from: trusted(`(select ${columns} from ${rollup.table} union all select ${columns} from ${rollup.table}_delta) c`),
    alias: 'c',
    dimensions: Object.fromEntries(rollup.dimensions.map((d) => [d, () => trusted(`c.${d.toLowerCase()}`)])),
    time: fact.time && rollup.time ? { ...fact.time, expression: () => trusted('c.bucket'), type: fact.time.type === 'year' ? 'year' : 'date' } : undefined,
    rollup: undefined,
  };
}
