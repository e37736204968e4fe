import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { hasFullEnterpriseAccess } from '../../common/access.js';
import { DemonstrationApplication } from './application.entity.js';
import { ApplicationResolver, EnterpriseApplicationsResolver } from './application.resolver.js';
import { ProvincialResolver } from './provincial.resolver.js';
import { NationalResolver, ObjectionResolver } from './national.resolver.js';
import { DeadlineResolver } from './deadlines.js';

export { DemonstrationApplication, ApplicationRoute, ApplicationStatus } from './application.entity.js';
export { ApplicationWindow } from './application-window.entity.js';

export function createApplicationLoaders(em: EntityManager) {
  return {
    applicationsByEnterprise: new DataLoader<string, DemonstrationApplication[]>(async (ids) => {
      const rows = await em.find(DemonstrationApplication, { enterprise: { $in: [...ids] } }, { orderBy: { year: 'desc' } });
      return ids.map((id) => rows.filter((r) => r.enterprise.id === id));
    }),
  };
}

export const applicationModule: AppModule = {
  name: 'application',
  resolvers: [ApplicationResolver, EnterpriseApplicationsResolver, ProvincialResolver, NationalResolver, ObjectionResolver, DeadlineResolver],
  nodes: {
    // An application is visible with the whole record of its enterprise.
    DemonstrationApplication: async (ctx, keys) => {
      const found = await fetchByIds(DemonstrationApplication)(ctx, keys);
      const entries = [...found] as [string, DemonstrationApplication][];
      const owners = await Promise.all(entries.map(([, a]) => ctx.loaders.visibleEnterpriseById.load(a.enterprise.id)));
      return new Map(entries.filter((_, i) => !!owners[i] && hasFullEnterpriseAccess(ctx.viewer, { id: owners[i]!.id, regionCode: owners[i]!.region.unwrap().code })));
    },
  },
};
