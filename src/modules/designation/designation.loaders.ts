import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { Designation } from './designation.entity.js';
import { RevocationIncident } from './incident.entity.js';
import { ApplicationBan } from './ban.entity.js';

/** One query for a batch of enterprise ids, rows grouped back by enterprise. */
function byEnterprise<T extends { enterprise: { id: string } }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T[]>(async (enterpriseIds) => {
    const rows = await load([...enterpriseIds]);
    const grouped = new Map<string, T[]>(enterpriseIds.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.enterprise.id)?.push(row);
    return enterpriseIds.map((id) => grouped.get(id) ?? []);
  });
}

/** Per-request batching for designations. */
export function createDesignationLoaders({ em }: LoaderContext) {
  return {
    /** All designations of each enterprise, newest first: one query per batch. */
    byEnterprise: byEnterprise((ids) =>
      em.find(Designation, { enterprise: { $in: ids } }, { orderBy: { validFrom: 'desc', level: 'desc', id: 'desc' } }),
    ),
    incidentsByEnterprise: byEnterprise((ids) => em.find(RevocationIncident, { enterprise: { $in: ids } }, { orderBy: { occurredOn: 'desc', id: 'desc' } })),
    bansByEnterprise: byEnterprise((ids) => em.find(ApplicationBan, { enterprise: { $in: ids } }, { orderBy: { startsOn: 'desc', id: 'desc' } })),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    designation: ReturnType<typeof createDesignationLoaders>;
  }
}
