import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { User } from './user.entity.js';
import { Session } from './session.entity.js';
import { accountPolicy, userVisibility } from './account.policy.js';
import { createAccountLoaders } from './account.loaders.js';
import { AuthenticationResolver } from './authentication.resolver.js';
import { UserAdminResolver } from './user-admin.resolver.js';

export { User, UserRole } from './user.entity.js';
export { Session } from './session.entity.js';

export const accountModule = defineModule({
  name: 'account',
  entities: [User, Session],
  createLoaders: createAccountLoaders,
  policy: accountPolicy,
  resolvers: [AuthenticationResolver, UserAdminResolver],
  // A user account: the national admin, the user, or a provincial admin for users of its jurisdiction.
  nodes: { User: fetchVisibleByIds(User, 'u', userVisibility) },
});
