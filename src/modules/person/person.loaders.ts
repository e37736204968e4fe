import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { FALSE } from '../../common/sql.js';
import { Person } from './person.entity.js';
import { personVisibility } from './person.policy.js';

/** Per-request batching for person records. */
export function createPersonLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** Person records by id, only those the viewer may see (personVisibility; others are null): at most one query per batch. */
    visibleById: new DataLoader<string, Person | null>(async (ids) => {
      const visibility = personVisibility(viewer, clock.today(), 'p');
      if (visibility === FALSE) return ids.map(() => null);
      const qb = em.createQueryBuilder(Person, 'p').where({ id: { $in: [...ids] } });
      if (visibility) qb.andWhere(visibility.sql, [...visibility.params]);
      const rows = await qb.getResultList();
      const byId = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    person: ReturnType<typeof createPersonLoaders>;
  }
}
