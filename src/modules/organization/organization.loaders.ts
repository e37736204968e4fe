import DataLoader from 'dataloader';
import type { LoaderContext } from '../../common/module.js';
import { LeanQuery } from '../../common/pagination.js';
import { anyOf, trusted } from '../../common/sql.js';
import { ServiceOrganization } from './organization.entity.js';
import { organizationVisibility } from './organization.policy.js';

/** Per-request batching for service organisations: every module that shows one asks here. */
export function createOrganizationLoaders({ em, viewer, clock }: LoaderContext) {
  return {
    /** Organisations by id, through their visibility (a public directory): one statement per batch. */
    byId: new DataLoader<string, ServiceOrganization | null>(async (ids) => {
      const rows = await new LeanQuery(em, ServiceOrganization, 'o', [anyOf(trusted('o.id'), ids), organizationVisibility(viewer, clock.today(), 'o')]).getResultList();
      const found = new Map(rows.map((o) => [o.id, o]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}

declare module '../../common/module.js' {
  interface ModuleLoaders {
    organization: ReturnType<typeof createOrganizationLoaders>;
  }
}
