import { defineModule } from '../../common/module.js';
import { talentReporting } from './talent.reporting.js';
import { TalentResolver } from './talent.resolver.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { membershipVisibility, talentPolicy } from './talent.policy.js';
import { PoolMembership } from './pool-membership.entity.js';
import { createTalentLoaders } from './talent.loaders.js';

export { PoolMembership, TalentPool, MembershipStatus } from './pool-membership.entity.js';

export const talentModule = defineModule({
  name: 'talent',
  entities: [PoolMembership],
  createLoaders: createTalentLoaders,
  resolvers: [TalentResolver],
  nodes: { PoolMembership: fetchVisibleByIds(PoolMembership, 'm', membershipVisibility) },
  policy: talentPolicy,
  reporting: talentReporting,
});
