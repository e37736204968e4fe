import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { and, anyOf, query, sql, trusted } from '../../common/sql.js';
import { NavigationProject, NavigationReport } from './project.entity.js';
import { fundVisibility, projectVisibility, reportVisibility } from './navigation.policy.js';
import { AllianceFundEntry, PatentAllianceMember } from './alliance.entity.js';
import { nestedListLoader, type PageRow } from '../training/training.paging.js';

/** What a report in the public catalogue shows of its project whatever the project's visibility: its title, area and enterprise. */
export interface ProjectFacts {
  title: string;
  area: NavigationProject['area'];
  enterpriseId: string;
}

/** Per-request batching for the navigation module: one statement per batch of keys, through the types' visibility. */
export function createNavigationLoaders({ em, viewer, clock }: LoaderContext) {
  const today = clock.today();
  return {
    /** Projects the viewer sees, by id (null: not visible). */
    projectById: new DataLoader<string, NavigationProject | null>(async (ids) => {
      const rows = await new LeanQuery(em, NavigationProject, 'np', [anyOf(trusted('np.id'), ids), projectVisibility(viewer, today, 'np')]).getResultList();
      return ids.map((id) => rows.find((r) => r.id === id) ?? null);
    }),
    projectFacts: new DataLoader<string, ProjectFacts | null>(async (ids) => {
      const rows = await query<{ id: string; title: string; area: NavigationProject['area']; enterprise_id: string }>(em, sql`select id, title, area, enterprise_id from navigation_project where ${anyOf(sql`id`, ids)}`);
      return ids.map((id) => {
        const r = rows.find((x) => x.id === id);
        return r ? { title: r.title, area: r.area, enterpriseId: r.enterprise_id } : null;
      });
    }),
    /** Members of alliances (public): current first, by joining date. */
    membersByAlliance: new DataLoader<string, PatentAllianceMember[]>(async (ids) => {
      const rows = await new LeanQuery(em, PatentAllianceMember, 'pm', [anyOf(trusted('pm.alliance_id'), ids)]).getResultList();
      const order = (a: PatentAllianceMember, b: PatentAllianceMember) => Number(!!a.leftOn) - Number(!!b.leftOn) || Number(b.lead) - Number(a.lead) || (a.joinedOn < b.joinedOn ? -1 : a.joinedOn > b.joinedOn ? 1 : a.id < b.id ? -1 : 1);
      return ids.map((id) => rows.filter((m) => m.alliance.id === id).sort(order));
    }),
    memberName: new DataLoader<string, string | null>(async (ids) => {
      const rows = await query<{ id: string; name: string }>(em, sql`select id, name from patent_alliance_member where ${anyOf(sql`id`, ids)}`);
      return ids.map((id) => rows.find((r) => r.id === id)?.name ?? null);
    }),
    /** A fund's entries the viewer may read, latest first, for a page of alliances at once. */
    fundEntriesByAlliance: nestedListLoader<null, PageRow, AllianceFundEntry>(em, {
      orderKey: 'OCCURRED_ON:DESC',
      ascending: false,
      from: sql`alliance_fund_entry fe`,
      parent: trusted('fe.alliance_id'),
      id: sql`fe.id`,
      sort: sql`fe.occurred_on`,
      sortText: sql`to_char(fe.occurred_on, 'YYYY-MM-DD')`,
      cast: 'date',
      valueOk: (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v),
      where: () => and(fundVisibility(viewer, today, 'fe')),
      nodes: async (rows) => {
        const found = await new LeanQuery(em, AllianceFundEntry, 'fe', [anyOf(trusted('fe.id'), rows.map((r) => r.id))]).getResultList();
        return rows.map((r) => found.find((f) => f.id === r.id)!);
      },
    }),
    /** A fund's totals, for viewers who may read it (null otherwise): from the entries they see. */
    fundTotals: new DataLoader<string, { balance: number; contributed: number; paidOut: number } | null>(async (ids) => {
      const rule = fundVisibility(viewer, today, 'fe');
      const rows = await query<{ alliance_id: string; contributed: string; paid: string; visible: boolean }>(
        em,
        sql`select a.id as alliance_id,
              coalesce(sum(fe.amount) filter (where fe.kind = 'CONTRIBUTION'), 0) as contributed,
              coalesce(sum(fe.amount) filter (where fe.kind = 'PAYOUT'), 0) as paid,
              ${rule ? sql`exists (select 1 from (select a.id as alliance_id) fe where ${rule})` : sql`true`} as visible
            from patent_alliance a left join alliance_fund_entry fe on fe.alliance_id = a.id
            where ${anyOf(sql`a.id`, ids)} group by a.id`,
      );
      return ids.map((id) => {
        const r = rows.find((x) => x.alliance_id === id);
        if (!r || !r.visible) return null;
        const contributed = Number(r.contributed);
        const paidOut = Number(r.paid);
        return { balance: Math.round((contributed - paidOut) * 100) / 100, contributed, paidOut };
      });
    }),
    /** A project's reports the viewer sees, latest delivered first (a project has a few). */
    reportsByProject: new DataLoader<string, NavigationReport[]>(async (ids) => {
      const rows = await new LeanQuery(em, NavigationReport, 'nr', [and(anyOf(trusted('nr.project_id'), ids), reportVisibility(viewer, today, 'nr'))]).getResultList();
      const sorted = rows.sort((a, b) => (a.deliveredOn < b.deliveredOn ? 1 : a.deliveredOn > b.deliveredOn ? -1 : a.id < b.id ? 1 : -1));
      return ids.map((id) => sorted.filter((r) => r.project.id === id));
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    navigation: ReturnType<typeof createNavigationLoaders>;
  }
}
