import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Designation } from './designation.entity.js';

/** Per-request batching for designations. */
export function createDesignationLoaders(em: EntityManager) {
  return {
    /** All designations of each enterprise, newest first: one query per batch. */
    designationsByEnterprise: new DataLoader<string, Designation[]>(async (enterpriseIds) => {
      const rows = await em.find(
        Designation,
        { enterprise: { $in: [...enterpriseIds] } },
        { orderBy: { validFrom: 'desc', level: 'desc', id: 'desc' } },
      );
      const byEnterprise = new Map<string, Designation[]>(enterpriseIds.map((id) => [id, []]));
      for (const row of rows) byEnterprise.get(row.enterprise.id)?.push(row);
      return enterpriseIds.map((id) => byEnterprise.get(id) ?? []);
    }),
  };
}
