import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { StandardImplementation } from './standard.entity.js';
import { implementationVisibility, standardPolicy } from './standard.policy.js';
import { createStandardLoaders } from './standard.loaders.js';
import { EnterpriseStandardResolver, StandardImplementationResolver } from './standard.resolver.js';

/** Standard-implementation matching [A 四(二)]: docs/standard.md. */
export const standardModule = defineModule({
  name: 'standard',
  entities: [StandardImplementation],
  createLoaders: createStandardLoaders,
  policy: standardPolicy,
  resolvers: [StandardImplementationResolver, EnterpriseStandardResolver],
  nodes: { StandardImplementation: fetchVisibleByIds(StandardImplementation, 'i', implementationVisibility) },
});
