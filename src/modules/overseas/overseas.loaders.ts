import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { WorkstationCalendarDay } from './workstation.entity.js';
import { OverseasObserver } from './observer.entity.js';

/** Per-request batching for the overseas module. */
export function createOverseasLoaders({ em }: LoaderContext) {
  return {
    /** Observers by id (their list is public). */
    observerById: new DataLoader<string, OverseasObserver | null>(async (ids) => {
      const rows = await em.find(OverseasObserver, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
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
