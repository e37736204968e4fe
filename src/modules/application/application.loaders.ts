import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import type { PageWindow } from '../../common/pagination.js';
import { and, anyOf, query, sql, trusted } from '../../common/sql.js';
import { toGlobalId } from '../../common/node.js';
import { DemonstrationApplication } from './application.entity.js';
import { applicationVisibility, objectionVisibility } from './application.policy.js';
import { NoticeEntry } from './national.inputs.js';
import { Objection, PublicNotice } from './public-notice.entity.js';

/** One page of a notice's objections: the notice and the page's window (direction, limit, cursors). */
export interface ObjectionPageKey {
  noticeId: string;
  window: PageWindow;
}

const windowKey = (w: PageWindow) => JSON.stringify([w.backward, w.limit, w.after, w.before]);

/** Objections in the order of their pages: lodged earliest first (created_at, id). */
function compareObjections(a: Objection, b: Objection): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Per-request batching for applications, notices and objections. */
export function createApplicationLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** Each enterprise's applications, newest year first, as far as the viewer sees them: one query per batch. */
    byEnterprise: new DataLoader<string, DemonstrationApplication[]>(async (ids) => {
      const where = and(anyOf(trusted('a.enterprise_id'), ids), applicationVisibility(viewer, clock.today(), 'a'));
      const rows = await em.createQueryBuilder(DemonstrationApplication, 'a').where(where.sql, [...where.params]).orderBy({ year: 'desc' }).getResultList();
      return ids.map((id) => rows.filter((r) => r.enterprise.id === id));
    }),

    /** Notices by id (public), for an objection's notice: one query per batch. */
    noticeById: new DataLoader<string, PublicNotice | null>(async (ids) => {
      const rows = await em.find(PublicNotice, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((n) => n.id === id) ?? null);
    }),

    /** Each notice's list (public): enterprise name, credit code, jurisdiction and status, by application id; one query per batch. */
    noticeEntries: new DataLoader<string, NoticeEntry[]>(async (noticeIds) => {
      const rows = await query<{ id: string; notice_id: string; status: string; type: 'DemonstrationApplication' | 'AdvantageApplication'; name: string; credit_code: string; region_code: string }>(
        em,
        // A notice lists demonstration applications or (PublicNotice.level ADVANTAGE) advantage ones.
        sql`select a.id, a.notice_id, a.status, a.type, e.name, e.credit_code, e.region_code
              from (select id, notice_id, status, enterprise_id, 'DemonstrationApplication' as type from demonstration_application where ${anyOf(sql`notice_id`, noticeIds)}
                    union all
                    select id, notice_id, status, enterprise_id, 'AdvantageApplication' from advantage_application where ${anyOf(sql`notice_id`, noticeIds)}) a
              join enterprise e on e.id = a.enterprise_id
             order by a.id`,
      );
      const grouped = new Map<string, NoticeEntry[]>(noticeIds.map((id) => [id, []]));
      for (const r of rows) {
        grouped.get(r.notice_id)?.push(
          Object.assign(new NoticeEntry(), { applicationId: toGlobalId(r.type, r.id), enterpriseName: r.name, creditCode: r.credit_code, regionCode: r.region_code, status: r.status }),
        );
      }
      return noticeIds.map((id) => grouped.get(id) ?? []);
    }),

    /**
     * One page (plus one row, to know whether more follow) of each notice's objections the viewer
     * may see, in page order: one query per distinct window in a batch (every notice of a list asks
     * with the same arguments, so one query for the list), ranked per notice in SQL.
     */
    objectionPage: new DataLoader<ObjectionPageKey, Objection[], string>(
      async (keys) => {
        const groups = new Map<string, { window: PageWindow; noticeIds: Set<string> }>();
        for (const key of keys) {
          const k = windowKey(key.window);
          const group = groups.get(k) ?? { window: key.window, noticeIds: new Set<string>() };
          group.noticeIds.add(key.noticeId);
          groups.set(k, group);
        }
        const found = new Map<string, Objection[]>();
        for (const [k, { window, noticeIds }] of groups) {
          if (window.limit === 0) continue;
          const dir = trusted(window.backward ? 'desc' : 'asc');
          const ranked = sql`select ranked.id from (
              select o.id, row_number() over (partition by o.notice_id order by o.created_at ${dir}, o.id ${dir}) as rn
                from objection o
               where ${and(
                 anyOf(sql`o.notice_id`, [...noticeIds]),
                 objectionVisibility(viewer, clock.today(), 'o'),
                 window.after && sql`(o.created_at, o.id) > (${window.after.value}::timestamptz, ${window.after.id}::uuid)`,
                 window.before && sql`(o.created_at, o.id) < (${window.before.value}::timestamptz, ${window.before.id}::uuid)`,
               )}
            ) ranked where ranked.rn <= ${window.limit + 1}`;
          const where = sql`ob.id in (${ranked})`;
          const rows = await em.createQueryBuilder(Objection, 'ob').where(where.sql, [...where.params]).getResultList();
          rows.sort(window.backward ? (a, b) => compareObjections(b, a) : compareObjections);
          for (const row of rows) {
            const list = found.get(`${row.noticeId}|${k}`) ?? [];
            list.push(row);
            found.set(`${row.noticeId}|${k}`, list);
          }
        }
        return keys.map((key) => found.get(`${key.noticeId}|${windowKey(key.window)}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.noticeId}|${windowKey(key.window)}` },
    ),

    /** How many objections each notice has (that the viewer may see): one grouped query per batch. */
    objectionCount: new DataLoader<string, number>(async (noticeIds) => {
      const rows = await query<{ notice_id: string; n: number }>(
        em,
        sql`select o.notice_id, count(*)::int as n from objection o
             where ${and(anyOf(sql`o.notice_id`, noticeIds), objectionVisibility(viewer, clock.today(), 'o'))} group by o.notice_id`,
      );
      const counts = new Map(rows.map((r) => [r.notice_id, r.n]));
      return noticeIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    application: ReturnType<typeof createApplicationLoaders>;
  }
}
