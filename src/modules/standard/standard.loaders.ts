import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { anyOf, query, sql, trusted } from '../../common/sql.js';
import { StandardImplementation } from './standard.entity.js';
import { implementationVisibility } from './standard.policy.js';

/** Per-request batching for standard implementations: one statement per batch, through their visibility. */
export function createStandardLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** The names of the enterprises of implementations the viewer sees (a team sees the name, not the whole record). */
    enterpriseName: new DataLoader<string, string | null>(async (ids) => {
      const rows = await query<{ id: string; name: string }>(em, sql`select id, name from enterprise where ${anyOf(sql`id`, ids)}`);
      return ids.map((id) => rows.find((r) => r.id === id)?.name ?? null);
    }),
    /** Each enterprise's implementations the viewer sees, newest first. */
    byEnterprise: new DataLoader<string, StandardImplementation[]>(async (ids) => {
      const rows = await new LeanQuery(em, StandardImplementation, 'i', [anyOf(trusted('i.enterprise_id'), ids), implementationVisibility(viewer, clock.today(), 'i')])
        .orderBy([{ createdAt: 'desc' }, { id: 'desc' }])
        .getResultList();
      return ids.map((id) => rows.filter((r) => r.enterprise.id === id));
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    standard: ReturnType<typeof createStandardLoaders>;
  }
}
