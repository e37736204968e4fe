import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { and, anyOf, anyOfGiven, query, sql, trusted, type Sql } from '../../common/sql.js';
import { ServiceRecord } from '../service/service-record.entity.js';
import { recordVisibility } from '../service/service.policy.js';
import { SelectedServiceTeam } from '../service/team.entity.js';
import { instantText, isInstantText, nestedListLoader, type PageRow } from '../training/training.paging.js';
import { ConsultingBooking, type ConsultingBookingStatus } from './booking.entity.js';
import { ConsultingSession } from './session.entity.js';
import { bookingVisibility } from './consulting.policy.js';

/** A nested booking list's filter (part of the loader's key: plain JSON). */
export interface BookingStatusFilter {
  statuses: ConsultingBookingStatus[] | null;
}

/** Rows of `entity` (alias) by id under `condition`, in the order of `ids` (null where absent): one statement. */
async function byIds<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, alias: string, ids: readonly string[], condition: Sql | null = null): Promise<(T | null)[]> {
  const rows = await new LeanQuery(em, entity, alias, [anyOf(trusted(`${alias}.id`), ids), condition]).getResultList();
  const found = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => found.get(id) ?? null);
}

/** Names by id from `table` (enterprises, people), for rows the viewer already sees: one statement. */
function namesOf(em: EntityManager, table: 'enterprise' | 'person') {
  return new DataLoader<string, string | null>(async (ids) => {
    const rows = await query<{ id: string; name: string }>(em, sql`select id, name from ${trusted(table)} where ${anyOf(sql`id`, ids)}`);
    const found = new Map(rows.map((r) => [r.id, r.name]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Per-request batching for consulting: one statement per batch of keys, through the types' visibility. */
export function createConsultingLoaders({ em, viewer, clock }: LoaderContext) {
  const today = clock.today();
  return {
    /** Sessions by id (public). */
    sessionById: new DataLoader<string, ConsultingSession | null>((ids) => byIds(em, ConsultingSession, 's', ids)),
    /** Listings by id (public). */
    selectionById: new DataLoader<string, SelectedServiceTeam | null>((ids) => byIds(em, SelectedServiceTeam, 'l', ids)),
    /** Service records by id, those the viewer sees (service module's visibility). */
    recordById: new DataLoader<string, ServiceRecord | null>((ids) => byIds(em, ServiceRecord, 'r', ids, recordVisibility(viewer, today, 'r'))),
    /** Names of the enterprises and people of the bookings the viewer sees (never their other data). */
    enterpriseName: namesOf(em, 'enterprise'),
    personName: namesOf(em, 'person'),
    /** Each session's bookings the viewer sees, in the order they were made: one statement for the pages of all sessions asked. */
    bookingsBySession: nestedListLoader<BookingStatusFilter, PageRow, ConsultingBooking>(em, {
      orderKey: 'CREATED_AT:ASC',
      ascending: true,
      from: sql`consulting_booking b`,
      parent: sql`b.session_id`,
      id: sql`b.id`,
      sort: sql`b.created_at`,
      sortText: instantText(sql`b.created_at`),
      cast: 'timestamptz',
      valueOk: isInstantText,
      where: (f) => and(anyOfGiven(sql`b.status`, f.statuses), bookingVisibility(viewer, today, 'b')),
      nodes: async (rows) => (await byIds(em, ConsultingBooking, 'b', rows.map((r) => r.id))) as ConsultingBooking[],
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    consulting: ReturnType<typeof createConsultingLoaders>;
  }
}
