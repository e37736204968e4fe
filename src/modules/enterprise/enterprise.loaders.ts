import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { enterpriseVisibility } from './enterprise.policy.js';
import { Enterprise } from './enterprise.entity.js';
import { LeanQuery } from '../../common/pagination.js';
import { anyOf, anyOfGiven, sql } from '../../common/sql.js';
import { EnterpriseStatistics } from './enterprise-statistics.entity.js';

export interface StatisticsKey {
  enterpriseId: string;
  /** null: every year on record. */
  years: readonly number[] | null;
}

/** Per-request batching for enterprises and their statistics. */
export function createEnterpriseLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** Enterprises by id, only those the viewer may see (others are null): one query per batch. */
    visibleById: new DataLoader<string, Enterprise | null>(async (ids) => {
      const rows = await new LeanQuery(em, Enterprise, 'e', [anyOf(sql`e.id`, ids), enterpriseVisibility(viewer, clock.today(), 'e')]).getResultList();
      const byId = new Map(rows.map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** Statistics of each enterprise, oldest year first; one query per distinct set of years in a batch. */
    statisticsByEnterprise: new DataLoader<StatisticsKey, EnterpriseStatistics[], string>(
      async (keys) => {
        const groups = new Map<string, { years: readonly number[] | null; ids: Set<string> }>();
        for (const key of keys) {
          const yearsKey = key.years ? key.years.join(',') : '*';
          const group = groups.get(yearsKey) ?? { years: key.years, ids: new Set<string>() };
          group.ids.add(key.enterpriseId);
          groups.set(yearsKey, group);
        }
        const found = new Map<string, EnterpriseStatistics[]>();
        for (const [yearsKey, group] of groups) {
          const rows = await new LeanQuery(em, EnterpriseStatistics, 's', [anyOf(sql`s.enterprise_id`, [...group.ids]), anyOfGiven(sql`s.year`, group.years)])
            .orderBy([{ year: 'asc' }])
            .getResultList();
          for (const row of rows) {
            const k = `${row.enterprise.id}|${yearsKey}`;
            const list = found.get(k) ?? [];
            list.push(row);
            found.set(k, list);
          }
        }
        return keys.map((key) => found.get(`${key.enterpriseId}|${key.years ? key.years.join(',') : '*'}`) ?? []);
      },
      { cacheKeyFn: (key) => `${key.enterpriseId}|${key.years ? key.years.join(',') : '*'}` },
    ),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    enterprise: ReturnType<typeof createEnterpriseLoaders>;
  }
}
