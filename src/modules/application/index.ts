import { defineModule } from '../../common/module.js';
import { applicationReporting } from './application.reporting.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { applicationPolicy, applicationVisibility, noticeVisibility, objectionVisibility, packageVisibility } from './application.policy.js';
import { createApplicationLoaders } from './application.loaders.js';
import { DemonstrationApplication } from './application.entity.js';
import { ApplicationWindow } from './application-window.entity.js';
import { RecommendationPackage } from './recommendation-package.entity.js';
import { Objection, PublicNotice } from './public-notice.entity.js';
import { ApplicationResolver, EnterpriseApplicationsResolver } from './application.resolver.js';
import { ProvincialResolver } from './provincial.resolver.js';
import { NationalResolver } from './national.resolver.js';
import { NoticeResolver, ObjectionResolver } from './notice.resolver.js';
import { DeadlineResolver } from './deadlines.resolver.js';

export { DemonstrationApplication, ApplicationRoute, ApplicationStatus } from './application.entity.js';
export { ApplicationWindow } from './application-window.entity.js';

export const applicationModule = defineModule({
  name: 'application',
  entities: [ApplicationWindow, DemonstrationApplication, RecommendationPackage, PublicNotice, Objection],
  createLoaders: createApplicationLoaders,
  policy: applicationPolicy,
  reporting: applicationReporting,
  resolvers: [ApplicationResolver, EnterpriseApplicationsResolver, ProvincialResolver, NationalResolver, NoticeResolver, ObjectionResolver, DeadlineResolver],
  nodes: {
    PublicNotice: fetchVisibleByIds(PublicNotice, 'n', noticeVisibility),
    Objection: fetchVisibleByIds(Objection, 'o', objectionVisibility),
    RecommendationPackage: fetchVisibleByIds(RecommendationPackage, 'rp', packageVisibility),
    // An application is visible with the whole record of its enterprise.
    DemonstrationApplication: fetchVisibleByIds(DemonstrationApplication, 'a', applicationVisibility),
  },
});
