import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { and, anyOf, query, sql, trusted } from '../../common/sql.js';
import { NavigationProject, NavigationReport } from './project.entity.js';
import { projectVisibility, reportVisibility } from './navigation.policy.js';

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
