import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { leanShape } from '../../common/lean.js';
import { LeanQuery } from '../../common/pagination.js';
import { and, anyOf, FALSE, query, sql, trusted } from '../../common/sql.js';
import { organizationOf } from '../../common/viewer.policy.js';
import { Liaison, LiaisonReminder } from './liaison.entity.js';
import { NeedEvent } from './need.entity.js';
import { liaisonRecordVisibility, needVisibility } from './liaison.policy.js';
import { grouped } from './liaison.common.js';
import type { ReminderStats } from './liaison.inputs.js';

/** Per-request batching for the liaison module: one statement per batch of keys, through the types' visibility. */
export function createLiaisonLoaders({ em, viewer, clock }: LoaderContext) {
  const today = () => clock.today();
  return {
    /** Each enterprise's current liaison, or null (also when the viewer may not see it). */
    currentByEnterprise: new DataLoader<string, Liaison | null>(async (ids) => {
      const rows = await new LeanQuery(em, Liaison, 'l', [anyOf(trusted('l.enterprise_id'), ids), sql`l.ended_on is null`, liaisonRecordVisibility(viewer, today(), 'l')]).getResultList();
      const by = new Map(rows.map((l) => [l.enterprise.id, l]));
      return ids.map((id) => by.get(id) ?? null);
    }),

    /**
     * Each enterprise's reminders since it has been without a liaison (since its last liaison's
     * term ended, or ever): how many, and the latest. One statement per batch.
     */
    reminderStatsByEnterprise: new DataLoader<string, ReminderStats>(async (ids) => {
      const visible = liaisonRecordVisibility(viewer, today(), 'r');
      if (visible === FALSE) return ids.map(() => ({ count: 0, last: null }));
      const shape = leanShape(em, LiaisonReminder);
      const since = sql`coalesce((select max(l.ended_on) from enterprise_liaison l where l.enterprise_id = r.enterprise_id), '-infinity'::date)`;
      const rows = await query<Record<string, unknown> & { n: number }>(
        em,
        sql`select ${shape.columns('r')}, r.n from (
              select r.*, count(*) over (partition by r.enterprise_id)::int as n,
                     row_number() over (partition by r.enterprise_id order by r.reminded_at desc, r.id desc) as k
                from liaison_reminder r
               where ${and(anyOf(trusted('r.enterprise_id'), ids), sql`(r.reminded_at at time zone 'Asia/Shanghai')::date >= ${since}`, visible)}
            ) r where r.k = 1`,
      );
      const by = new Map(rows.map((row) => {
        const last = shape.from(row);
        return [last.enterprise.id, { count: row.n, last }] as const;
      }));
      return ids.map((id) => by.get(id) ?? { count: 0, last: null });
    }),

    /** Each need's events, oldest first (only for needs the viewer sees). */
    eventsByNeed: new DataLoader<string, NeedEvent[]>(async (ids) => {
      const visible = needVisibility(viewer, today(), 'n');
      if (visible === FALSE) return ids.map(() => []);
      // The organisation a need is assigned to sees its steps from its (latest) assignment on, not the
      // routing before it (the bureau's notes, an earlier assignment elsewhere).
      const organization = organizationOf(viewer);
      const since = organization
        ? sql`(ev.at, ev.id) >= (select ea.at, ea.id from need_event ea where ea.need_id = ev.need_id and ea.to_status = 'ASSIGNED' and ea.organization_id = ${organization}::uuid order by ea.at desc, ea.id desc limit 1)`
        : null;
      const rows = await new LeanQuery(em, NeedEvent, 'ev', [anyOf(trusted('ev.need_id'), ids), sql`exists (select 1 from enterprise_need n where n.id = ev.need_id and ${visible ?? sql`true`})`, since])
        .orderBy([{ at: 'asc' }, { id: 'asc' }])
        .getResultList();
      return grouped(ids, rows, (r) => r.need.id);
    }),

  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    liaison: ReturnType<typeof createLiaisonLoaders>;
  }
}
