import type { AppModule } from '../../common/module.js';
import { TalentResolver } from './talent.resolver.js';

export { PoolMembership, TalentPool, MembershipStatus } from './pool-membership.entity.js';

export const talentModule: AppModule = { name: 'talent', resolvers: [TalentResolver], nodes: {} };
