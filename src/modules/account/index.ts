import type { AppModule } from '../../common/module.js';
import { isNational, isUser, jurisdictionOf } from '../../common/access.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { User } from './user.entity.js';
import { AccountResolver } from './account.resolver.js';

export { User, UserRole } from './user.entity.js';
export { Session } from './session.entity.js';

export const accountModule: AppModule = {
  name: 'account',
  resolvers: [AccountResolver],
  nodes: {
    // A user record: the national admin, the user, or a provincial admin (who sees users of its region;
    // the users() list applies the precise jurisdiction rule).
    User: async (ctx, keys) => {
      const v = ctx.viewer;
      if (!isUser(v)) return new Map();
      const found = await fetchByIds(User)(ctx, keys);
      return new Map([...found].filter(([id]) => isNational(v) || id === v.userId || jurisdictionOf(v) !== null));
    },
  },
};
