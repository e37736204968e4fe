/**
 * What a plan does, in figures, for any number of plans in one statement each (the preview's
 * `summary` and `officers` of a page of plans are batched by loaders; the edit and the commit read
 * the same loads): per plan the enterprises added, moved, kept, left unassigned, edited; per plan and
 * officer of its bureau the enterprises added, kept and removed and the seats it would hold — its
 * current assignments outside the plan's rows plus the rows given to it.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { anyOf, query, sql } from '../../common/sql.js';

export interface PlanSummaryRow {
  plan_id: string;
  enterprises: number;
  added: number;
  moved: number;
  kept: number;
  unassigned: number;
  edited: number;
}

export interface PlanOfficerRow {
  plan_id: string;
  officer_id: string;
  capacity: number;
  added: number;
  kept: number;
  removed: number;
  load_after: number;
}

export function planSummaries(em: EntityManager, planIds: readonly string[]): Promise<PlanSummaryRow[]> {
  return query<PlanSummaryRow>(
    em,
    sql`select r.plan_id, count(*)::int as enterprises,
          count(*) filter (where r.previous_officer_id is null and r.officer_id is not null)::int as added,
          count(*) filter (where r.previous_officer_id is not null and r.officer_id is not null and r.officer_id <> r.previous_officer_id)::int as moved,
          count(*) filter (where r.officer_id = r.previous_officer_id)::int as kept,
          count(*) filter (where r.officer_id is null)::int as unassigned,
          count(*) filter (where r.edited)::int as edited
        from liaison_assignment_plan_row r where ${anyOf(sql`r.plan_id`, planIds)} group by r.plan_id`,
  );
}

/** Every officer of each plan's bureau (by name), with what the plan does to it. */
export function planOfficers(em: EntityManager, planIds: readonly string[]): Promise<PlanOfficerRow[]> {
  return query<PlanOfficerRow>(
    em,
    sql`with plans as (select p.id, p.bureau_code from liaison_assignment_plan p where ${anyOf(sql`p.id`, planIds)}),
        moves as (
          select r.plan_id, r.officer_id, (r.previous_officer_id is distinct from r.officer_id)::int as added,
                 (r.previous_officer_id = r.officer_id)::int as kept, 0 as removed, r.seats
            from liaison_assignment_plan_row r join plans p on p.id = r.plan_id where r.officer_id is not null
          union all
          select r.plan_id, r.previous_officer_id, 0, 0, 1, 0
            from liaison_assignment_plan_row r join plans p on p.id = r.plan_id
           where r.previous_officer_id is not null and r.officer_id is distinct from r.previous_officer_id
          union all
          select p.id, a.officer_id, 0, 0, 0, a.seats
            from plans p join liaison_assignment a on a.bureau_code = p.bureau_code and a.ended_on is null
           where not exists (select 1 from liaison_assignment_plan_row r where r.plan_id = p.id and r.enterprise_id = a.enterprise_id))
        select p.id as plan_id, o.id as officer_id, o.capacity,
               coalesce(sum(m.added), 0)::int as added, coalesce(sum(m.kept), 0)::int as kept,
               coalesce(sum(m.removed), 0)::int as removed, coalesce(sum(m.seats), 0)::int as load_after
          from plans p join liaison_officer o on o.bureau_code = p.bureau_code
          left join moves m on m.plan_id = p.id and m.officer_id = o.id
         group by p.id, o.id, o.capacity, o.name
         order by p.id, o.name, o.id`,
  );
}

/** Seats per officer once the plan is applied (inside a transaction, pass its `em`). */
export async function planLoads(em: EntityManager, planId: string): Promise<Map<string, number>> {
  return new Map((await planOfficers(em, [planId])).map((r) => [r.officer_id, r.load_after]));
}
