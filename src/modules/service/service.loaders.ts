import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { and, anyOf, query, sql, trusted } from '../../common/sql.js';
import { nestedListLoader, type PageRow } from '../training/training.paging.js';
import { dispatchVisibility, memberVisibility, recordVisibility, stationVisibility } from './service.policy.js';
import { CommissionerDispatch } from './dispatch.entity.js';
import { OrganizationMember } from './team.entity.js';
import { HELD_STATUSES, ServiceStation } from './station.entity.js';
import { ServiceRecord } from './service-record.entity.js';
import { recordConditions, type NestedRecordFilter } from './record.filters.js';

/** What the service types show of an enterprise whatever the enterprise directory's visibility: its name and jurisdiction. */
export interface EnterpriseFacts {
  id: string;
  name: string;
  regionCode: string;
}

/** Rows of `entity` by id, in the order of `ids` (one statement). */
async function byIds<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, alias: string, ids: readonly string[]): Promise<T[]> {
  const rows = await new LeanQuery(em, entity, alias, [anyOf(trusted(`${alias}.id`), ids)]).getResultList();
  const found = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => found.get(id)!);
}

/** Per-request batching for the service measure: one statement per batch of keys, through the types' visibility. */
export function createServiceLoaders({ em, viewer, clock }: LoaderContext) {
  const today = clock.today();
  /** Service records nested under a parent column (an enterprise, a station, a dispatch), newest service first. */
  const recordsUnder = (parent: 'enterprise_id' | 'station_id' | 'dispatch_id') =>
    nestedListLoader<NestedRecordFilter, PageRow, ServiceRecord>(em, {
      orderKey: 'SERVED_ON:DESC',
      ascending: false,
      from: sql`service_record r`,
      parent: trusted(`r.${parent}`),
      id: sql`r.id`,
      sort: sql`r.served_on`,
      sortText: sql`to_char(r.served_on, 'YYYY-MM-DD')`,
      cast: 'date',
      valueOk: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
      where: (filter) => and(...recordConditions(filter, 'r'), recordVisibility(viewer, today, 'r')),
      nodes: (rows) => byIds(em, ServiceRecord, 'r', rows.map((r) => r.id)),
    });
  return {
    /** Name and jurisdiction of enterprises, for rows the viewer sees (a public station names its enterprise). */
    enterpriseFacts: new DataLoader<string, EnterpriseFacts | null>(async (ids) => {
      const rows = await query<{ id: string; name: string; region_code: string }>(em, sql`select id, name, region_code from enterprise where ${anyOf(sql`id`, ids)}`);
      return ids.map((id) => {
        const r = rows.find((x) => x.id === id);
        return r ? { id: r.id, name: r.name, regionCode: r.region_code } : null;
      });
    }),
    /** People's names (never their contact data), for members, commissioners and who delivered a service. */
    personName: new DataLoader<string, string | null>(async (ids) => {
      const rows = await query<{ id: string; name: string }>(em, sql`select id, name from person where ${anyOf(sql`id`, ids)}`);
      return ids.map((id) => rows.find((r) => r.id === id)?.name ?? null);
    }),
    /** Each organisation's members whose term includes today, that the viewer may see (by start of term). */
    currentMembers: new DataLoader<string, OrganizationMember[]>(async (ids) => {
      const rows = await new LeanQuery(em, OrganizationMember, 'm', [
        anyOf(sql`m.organization_id`, ids),
        sql`m.starts_on <= ${today}::date and coalesce(m.ended_on, m.ends_on, ${today}::date) >= ${today}::date`,
        memberVisibility(viewer, today, 'm'),
      ])
        .orderBy([{ startsOn: 'asc' }, { id: 'asc' }])
        .getResultList();
      return ids.map((id) => rows.filter((m) => m.organization.id === id));
    }),
    /** Each enterprise's requested, approved or open station (at most one), if the viewer sees it. */
    heldStation: new DataLoader<string, ServiceStation | null>(async (ids) => {
      const rows = await new LeanQuery(em, ServiceStation, 's', [anyOf(sql`s.enterprise_id`, ids), anyOf(sql`s.status`, HELD_STATUSES), stationVisibility(viewer, today, 's')]).getResultList();
      return ids.map((id) => rows.find((s) => s.enterprise.id === id) ?? null);
    }),
    /** Stations by id, those the viewer sees. */
    stationById: new DataLoader<string, ServiceStation | null>(async (ids) => {
      const rows = await new LeanQuery(em, ServiceStation, 's', [anyOf(sql`s.id`, ids), stationVisibility(viewer, today, 's')]).getResultList();
      return ids.map((id) => rows.find((s) => s.id === id) ?? null);
    }),
    /** Dispatches by id, those the viewer sees. */
    dispatchById: new DataLoader<string, CommissionerDispatch | null>(async (ids) => {
      const rows = await new LeanQuery(em, CommissionerDispatch, 'd', [anyOf(sql`d.id`, ids), dispatchVisibility(viewer, today, 'd')]).getResultList();
      return ids.map((id) => rows.find((d) => d.id === id) ?? null);
    }),
    recordsByEnterprise: recordsUnder('enterprise_id'),
    recordsByStation: recordsUnder('station_id'),
    recordsByDispatch: recordsUnder('dispatch_id'),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    service: ReturnType<typeof createServiceLoaders>;
  }
}
