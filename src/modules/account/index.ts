import { defineModule } from '../../common/module.js';
import { isNational, isUser, jurisdictionOf } from '../../common/viewer.policy.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { User } from './user.entity.js';
import { Session } from './session.entity.js';
import { accountPolicy } from './account.policy.js';
import { AccountResolver } from './account.resolver.js';
import { IN_JURISDICTION } from './jurisdiction.js';

export { User, UserRole } from './user.entity.js';
export { Session } from './session.entity.js';

export const accountModule = defineModule({
  name: 'account',
  entities: [User, Session],
  policy: accountPolicy,
  resolvers: [AccountResolver],
  nodes: {
    // A user record: the national admin, the user, or a provincial admin for users of its jurisdiction.
    User: async (ctx, keys) => {
      const v = ctx.viewer;
      if (!isUser(v)) return new Map();
      const found = await fetchByIds(User)(ctx, keys);
      if (isNational(v)) return found;
      const region = jurisdictionOf(v);
      let inRegion = new Set<string>();
      if (region && found.size) {
        const rows = await ctx.em
          .execute<{ id: string }[]>(`select u.id from app_user u where u.id in (?) and ${IN_JURISDICTION}`, [[...found.keys()], region, region, region]);
        inRegion = new Set(rows.map((r) => r.id));
      }
      return new Map([...found].filter(([id]) => id === v.userId || inRegion.has(id)));
    },
  },
});
