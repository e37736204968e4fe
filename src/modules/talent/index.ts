import { defineModule } from '../../common/module.js';
import { TalentResolver } from './talent.resolver.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { membershipVisibility, talentPolicy } from './talent.policy.js';
import { PoolMembership } from './pool-membership.entity.js';

export { PoolMembership, TalentPool, MembershipStatus } from './pool-membership.entity.js';

export const talentModule = defineModule({
  name: 'talent',
  entities: [PoolMembership],
  resolvers: [TalentResolver],
  nodes: { PoolMembership: fetchVisibleByIds(PoolMembership, 'pool_membership', 'm', membershipVisibility) },
  policy: talentPolicy,
});
