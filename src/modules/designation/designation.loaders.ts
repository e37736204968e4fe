import DataLoader from 'dataloader';
import type { EntityClass } from '@mikro-orm/core';
import type { LoaderContext } from '../../common/module.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { anyOf, sql, trusted } from '../../common/sql.js';
import { LeanQuery, type Nested } from '../../common/pagination.js';
import { leanShape } from '../../common/lean.js';
import { Designation } from './designation.entity.js';
import { RevocationIncident } from './incident.entity.js';
import { ApplicationBan } from './ban.entity.js';
import { enterpriseRecordVisibility } from '../enterprise/enterprise.policy.js';

/** One query for a batch of enterprise ids, rows grouped back by enterprise. */
function byEnterprise<T extends { enterprise: { id: string } }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T[]>(async (enterpriseIds) => {
    const rows = await load([...enterpriseIds]);
    const grouped = new Map<string, T[]>(enterpriseIds.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.enterprise.id)?.push(row);
    return enterpriseIds.map((id) => grouped.get(id) ?? []);
  });
}

/** An enterprise's designations, newest first (the loader's order and the nested read's). */
const NEWEST_FIRST: Record<string, 'desc'>[] = [{ validFrom: 'desc' }, { level: 'desc' }, { id: 'desc' }];

/** Designations read with their enterprise (designationsNested), by the enterprise object they were read with. */
const readWith = new WeakMap<object, Designation[]>();

/**
 * An enterprise's designations: at once when they were read with it (no promise, so a page's
 * fields complete synchronously), else through the loader.
 */
export function designationsOf(enterprise: { id: string }, loader: DataLoader<string, Designation[]>): Designation[] | Promise<Designation[]> {
  return readWith.get(enterprise) ?? loader.load(enterprise.id);
}

/**
 * All designations of each enterprise of a page (alias of the enterprise rows), read inside the
 * page's own statement as a JSON aggregate in the loader's order, and handed to `byEnterprise` (the
 * loader below), so that currentDesignation, stage and designations cost no statement of their own.
 */
export function designationsNested(em: EntityManager, loader: DataLoader<string, Designation[]>): Nested<{ id: string }> {
  const shape = leanShape(em, Designation);
  const order = NEWEST_FIRST.flatMap((o) => Object.entries(o)).map(([p, dir]) => `"d"."${shape.column(p)}" ${dir}`).join(', ');
  return {
    select: (alias) =>
      sql`select coalesce(json_agg(${shape.jsonArray('d')} order by ${trusted(order)}), '[]'::json) from designation d where d.enterprise_id = ${trusted(`"${alias}"`)}.id`,
    take: (row, value) => {
      // Parsed by the driver's json type parser; as text if a connection has none.
      const rows = (typeof value === 'string' ? JSON.parse(value) : value) as unknown[][];
      const list = rows.map((v) => shape.fromJson(v));
      readWith.set(row, list);
      loader.prime(row.id, list);
    },
  };
}

/** Per-request batching for designations. */
export function createDesignationLoaders({ em, viewer, clock }: LoaderContext) {
  /** Rows of the enterprises' whole record (incidents, bans), newest first, only as far as the viewer sees that record. */
  const recordRows = <T extends object>(entity: EntityClass<T>, dateProperty: string) => (ids: string[]) =>
    new LeanQuery(em, entity, 'r', [anyOf(trusted('r.enterprise_id'), ids), enterpriseRecordVisibility(viewer, clock.today(), 'r')])
      .orderBy([{ [dateProperty]: 'desc' }, { id: 'desc' }])
      .getResultList();
  return {
    /** All designations of each enterprise, newest first: one query per batch (the enterprises are visible, and so are their designations). */
    byEnterprise: byEnterprise((ids) =>
      new LeanQuery(em, Designation, 'd', [anyOf(trusted('d.enterprise_id'), ids)]).orderBy(NEWEST_FIRST).getResultList(),
    ),
    incidentsByEnterprise: byEnterprise(recordRows(RevocationIncident, 'occurredOn')),
    bansByEnterprise: byEnterprise(recordRows(ApplicationBan, 'startsOn')),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    designation: ReturnType<typeof createDesignationLoaders>;
  }
}
