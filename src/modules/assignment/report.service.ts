/**
 * Liaison work figures for one bureau (issue 14, item 7): load per officer (with the contacts the
 * bureau recorded with its enterprises during their current assignments), the demonstration
 * enterprises without a liaison officer by region, the average days from designation to the first
 * assignment, and contacts per assignment. All in SQL; the bureau's own contact records only.
 */
import type { Context } from '../../context.js';
import { assertMay } from '../../common/policy.js';
import { query, sql } from '../../common/sql.js';
import { requireUser } from '../../common/viewer.policy.js';
import { isDemonstrationOn } from '../liaison/liaison.common.js';
import { bureauOf, NATIONAL_BUREAU } from '../liaison/liaison.policy.js';
import { badInput } from '../../common/errors.js';
import { assignmentActions } from './assignment.policy.js';
import { LiaisonAssignmentReport } from './assignment.payloads.js';

export async function assignmentReport(ctx: Context, bureauCode: string | null | undefined): Promise<LiaisonAssignmentReport> {
  requireUser(ctx);
  assertMay(ctx, assignmentActions.report, undefined);
  const bureau = bureauCode ?? bureauOf(ctx.viewer);
  if (!bureau || !/^\d{6}$/.test(bureau)) throw badInput([{ field: 'bureauCode', message: '应为 6 位代码' }]);
  assertMay(ctx, assignmentActions.report, { bureauCode: bureau });
  const today = ctx.clock.today();
  const since = sql`(${today}::date - interval '3 years')::date`;
  const officers = await query<{ id: string; enterprises: number; seats: number; capacity: number; contacts: number }>(
    ctx.em,
    sql`select o.id, o.capacity, count(a.id)::int as enterprises, coalesce(sum(a.seats), 0)::int as seats,
          coalesce(sum((select count(*) from contact_record c where c.bureau_code = ${bureau} and c.enterprise_id = a.enterprise_id and c.contacted_on >= a.starts_on)), 0)::int as contacts
        from liaison_officer o left join liaison_assignment a on a.officer_id = o.id and a.ended_on is null
       where o.bureau_code = ${bureau}
       group by o.id order by seats desc, o.name, o.id limit 500`,
  );
  const regions = await query<{ region_code: string; enterprises: number; unassigned: number }>(
    ctx.em,
    sql`select e.region_code, count(*)::int as enterprises,
          count(*) filter (where not exists (select 1 from liaison_assignment a where a.enterprise_id = e.id and a.bureau_code = ${bureau} and a.ended_on is null))::int as unassigned
        from enterprise e where ${isDemonstrationOn('e.id', today)} ${bureau === NATIONAL_BUREAU ? sql`` : sql`and e.region_code = ${bureau}`}
       group by e.region_code order by e.region_code`,
  );
  const [figures] = await query<{ days: number | null; contacts: number | null }>(
    ctx.em,
    sql`select
          (select avg(first_start - valid_from)::float8 from (
             select d.valid_from, min(a.starts_on) as first_start from designation d
               join liaison_assignment a on a.enterprise_id = d.enterprise_id and a.bureau_code = ${bureau} and a.starts_on between d.valid_from and d.valid_until
              where d.level = 'DEMONSTRATION' and d.valid_from >= ${since}
              group by d.id, d.valid_from) f) as days,
          (select avg((select count(*) from contact_record c where c.bureau_code = ${bureau} and c.enterprise_id = a.enterprise_id
                        and c.contacted_on >= a.starts_on and c.contacted_on < coalesce(a.ended_on, ${today}::date + 1)))::float8
             from liaison_assignment a where a.bureau_code = ${bureau} and a.starts_on >= ${since}) as contacts`,
  );
  const loaded = await ctx.loaders.assignment.officerById.loadMany(officers.map((o) => o.id));
  const round = (x: number | null | undefined) => (x == null ? null : Math.round(x * 10) / 10);
  return Object.assign(new LiaisonAssignmentReport(), {
    bureauCode: bureau,
    officers: officers.flatMap((o, i) => {
      const officer = loaded[i];
      return officer && !(officer instanceof Error) ? [{ officer, enterprises: o.enterprises, seats: o.seats, capacity: o.capacity, contacts: o.contacts }] : [];
    }),
    regions: regions.flatMap((r) => {
      const region = ctx.reference.region(r.region_code);
      return region ? [{ region, enterprises: r.enterprises, unassigned: r.unassigned }] : [];
    }),
    averageDaysToAssignment: round(figures?.days),
    contactsPerAssignment: round(figures?.contacts),
  });
}
