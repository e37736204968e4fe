import DataLoader from 'dataloader';
import { defineModule, type LoaderContext } from '../../common/module.js';
import { fetchByIds, fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { applicationPolicy, noticeVisibility, objectionVisibility, packageVisibility } from './application.policy.js';
import { factsOf, hasFullEnterpriseAccess } from '../enterprise/enterprise.policy.js';
import { DemonstrationApplication } from './application.entity.js';
import { ApplicationWindow } from './application-window.entity.js';
import { RecommendationPackage } from './recommendation-package.entity.js';
import { Objection, PublicNotice } from './public-notice.entity.js';
import { ApplicationResolver, EnterpriseApplicationsResolver } from './application.resolver.js';
import { ProvincialResolver } from './provincial.resolver.js';
import { NationalResolver, ObjectionResolver } from './national.resolver.js';
import { DeadlineResolver } from './deadlines.js';

export { DemonstrationApplication, ApplicationRoute, ApplicationStatus } from './application.entity.js';
export { ApplicationWindow } from './application-window.entity.js';

function createApplicationLoaders({ em }: LoaderContext) {
  return {
    /** Each enterprise's applications, newest year first. */
    byEnterprise: new DataLoader<string, DemonstrationApplication[]>(async (ids) => {
      const rows = await em.find(DemonstrationApplication, { enterprise: { $in: [...ids] } }, { orderBy: { year: 'desc' } });
      return ids.map((id) => rows.filter((r) => r.enterprise.id === id));
    }),
  };
}

export const applicationModule = defineModule({
  name: 'application',
  entities: [ApplicationWindow, DemonstrationApplication, RecommendationPackage, PublicNotice, Objection],
  createLoaders: createApplicationLoaders,
  policy: applicationPolicy,
  resolvers: [ApplicationResolver, EnterpriseApplicationsResolver, ProvincialResolver, NationalResolver, ObjectionResolver, DeadlineResolver],
  nodes: {
    PublicNotice: fetchVisibleByIds(PublicNotice, 'public_notice', 'n', noticeVisibility),
    Objection: fetchVisibleByIds(Objection, 'objection', 'o', objectionVisibility),
    RecommendationPackage: fetchVisibleByIds(RecommendationPackage, 'recommendation_package', 'rp', packageVisibility),
    // An application is visible with the whole record of its enterprise.
    DemonstrationApplication: async (ctx, keys) => {
      const found = await fetchByIds(DemonstrationApplication)(ctx, keys);
      const entries = [...found] as [string, DemonstrationApplication][];
      const owners = await Promise.all(entries.map(([, a]) => ctx.loaders.enterprise.visibleById.load(a.enterprise.id)));
      return new Map(entries.filter((_, i) => !!owners[i] && hasFullEnterpriseAccess(ctx.viewer, factsOf(owners[i]!))));
    },
  },
});

declare module '../../common/module.js' {
  interface ModuleLoaders {
    application: ReturnType<typeof createApplicationLoaders>;
  }
}
