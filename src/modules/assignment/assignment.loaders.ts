import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { anyOf, query, sql, trusted } from '../../common/sql.js';
import { LiaisonOfficer } from './officer.entity.js';
import { officerVisibility } from './assignment.policy.js';
import { planOfficers, planSummaries, type PlanOfficerRow, type PlanSummaryRow } from './plan.figures.js';

declare module '../../common/module.js' {
  interface ModuleLoaders {
    assignment: ReturnType<typeof createAssignmentLoaders>;
  }
}

/** Per-request batching for the assignment module: one statement per batch of keys. */
export function createAssignmentLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** Officers the viewer may see (null otherwise). */
    officerById: new DataLoader<string, LiaisonOfficer | null>(async (ids) => {
      const rows = await new LeanQuery(em, LiaisonOfficer, 'o', [anyOf(trusted('o.id'), ids), officerVisibility(viewer, clock.today(), 'o')]).getResultList();
      const by = new Map(rows.map((o) => [o.id, o]));
      return ids.map((id) => by.get(id) ?? null);
    }),

    /** An officer's name, for whoever sees an assignment of it (the enterprise learns who its officer is, not the profile). */
    officerNameById: new DataLoader<string, string | null>(async (ids) => {
      const rows = await query<{ id: string; name: string }>(em, sql`select o.id, o.name from liaison_officer o where ${anyOf(sql`o.id`, ids)}`);
      const by = new Map(rows.map((o) => [o.id, o.name]));
      return ids.map((id) => by.get(id) ?? null);
    }),

    /** What each plan does, in figures (plans the viewer already sees). */
    planSummary: new DataLoader<string, PlanSummaryRow>(async (ids) => {
      const by = new Map((await planSummaries(em, ids)).map((r) => [r.plan_id, r]));
      return ids.map((id) => by.get(id) ?? { plan_id: id, enterprises: 0, added: 0, moved: 0, kept: 0, unassigned: 0, edited: 0 });
    }),

    /** Per plan, every officer of its bureau with what the plan does to it. */
    planOfficers: new DataLoader<string, PlanOfficerRow[]>(async (ids) => {
      const rows = await planOfficers(em, ids);
      return ids.map((id) => rows.filter((r) => r.plan_id === id));
    }),

    /** Each officer's current load: seats used and enterprises, by all its current assignments. */
    loadByOfficer: new DataLoader<string, { seats: number; enterprises: number }>(async (ids) => {
      const rows = await query<{ officer_id: string; seats: number; enterprises: number }>(
        em,
        sql`select a.officer_id, sum(a.seats)::int as seats, count(*)::int as enterprises from liaison_assignment a
             where ${anyOf(sql`a.officer_id`, ids)} and a.ended_on is null group by a.officer_id`,
      );
      const by = new Map(rows.map((r) => [r.officer_id, r]));
      return ids.map((id) => by.get(id) ?? { seats: 0, enterprises: 0 });
    }),
  };
}
