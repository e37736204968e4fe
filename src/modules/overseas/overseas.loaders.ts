import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { WorkstationCalendarDay } from './workstation.entity.js';
import { OverseasObserver } from './observer.entity.js';
import { LeanQuery } from '../../common/pagination.js';
import { anyOf, sql, trusted } from '../../common/sql.js';
import { instantText, isInstantText, nestedListLoader, type PageRow } from '../training/training.paging.js';
import { ProtectionCaseDeadline, ProtectionCaseEvent } from './case.entity.js';
import { ProtectionCaseParticipant } from './case-parts.entity.js';
import { CLOCK_ORDER } from './case.rules.js';

/** Per-request batching for the overseas module. */
export function createOverseasLoaders({ em }: LoaderContext) {
  return {
    /** Observers by id (their list is public). */
    observerById: new DataLoader<string, OverseasObserver | null>(async (ids) => {
      const rows = await em.find(OverseasObserver, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    /** A case's three deadlines in clock order (the case is visible: its parent was). */
    deadlinesByCase: new DataLoader<string, ProtectionCaseDeadline[]>(async (ids) => {
      const rows = await new LeanQuery(em, ProtectionCaseDeadline, 'pcd', [anyOf(trusted('pcd.protection_case_id'), ids)]).getResultList();
      return ids.map((id) => rows.filter((r) => r.protectionCase.id === id).sort((a, b) => CLOCK_ORDER.indexOf(a.clock) - CLOCK_ORDER.indexOf(b.clock)));
    }),
    /** A case's participants, current first, in the order they joined (at most 50 a case). */
    participantsByCase: new DataLoader<string, ProtectionCaseParticipant[]>(async (ids) => {
      const rows = await em.find(ProtectionCaseParticipant, { protectionCase: { $in: [...ids] } }, { populate: ['person', 'organization', 'alliance'], orderBy: { createdAt: 'asc', id: 'asc' } });
      return ids.map((id) => rows.filter((r) => r.protectionCase.id === id).sort((a, b) => Number(!!a.endedAt) - Number(!!b.endedAt)));
    }),
    /** A case's timeline in time order, for a page of cases at once. */
    eventsByCase: nestedListLoader<null, PageRow, ProtectionCaseEvent>(em, {
      orderKey: 'AT:ASC',
      ascending: true,
      from: sql`protection_case_event pce`,
      parent: trusted('pce.protection_case_id'),
      id: sql`pce.id`,
      sort: sql`pce.at`,
      sortText: instantText(sql`pce.at`),
      cast: 'timestamptz',
      valueOk: isInstantText,
      where: () => sql`true`,
      nodes: async (rows) => {
        const found = await new LeanQuery(em, ProtectionCaseEvent, 'pce', [anyOf(trusted('pce.id'), rows.map((r) => r.id))]).getResultList();
        return rows.map((r) => found.find((f) => f.id === r.id)!);
      },
    }),
    /** `${workstationId}:${year}` → that year's exception days, in date order (one statement per batch). */
    calendarDays: new DataLoader<string, WorkstationCalendarDay[]>(async (keys) => {
      const pairs = keys.map((k) => k.split(':') as [string, string]);
      const years = pairs.map(([, y]) => Number(y));
      const rows = await em.find(
        WorkstationCalendarDay,
        { workstation: { $in: [...new Set(pairs.map(([w]) => w))] }, day: { $gte: `${Math.min(...years)}-01-01`, $lte: `${Math.max(...years)}-12-31` } },
        { orderBy: { day: 'asc' } },
      );
      return pairs.map(([w, y]) => rows.filter((r) => r.workstation.id === w && r.day.startsWith(`${y}-`)));
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    overseas: ReturnType<typeof createOverseasLoaders>;
  }
}
