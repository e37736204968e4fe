import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { ServiceOrganization } from './organization.entity.js';
import { organizationPolicy, organizationVisibility } from './organization.policy.js';
import { OrganizationResolver } from './organization.resolver.js';
import { createOrganizationLoaders } from './organization.loaders.js';

export { ServiceOrganization, OrganizationKind, OrganizationStatus, SERVICE_KINDS } from './organization.entity.js';

export const organizationModule = defineModule({
  name: 'organization',
  entities: [ServiceOrganization],
  createLoaders: createOrganizationLoaders,
  policy: organizationPolicy,
  resolvers: [OrganizationResolver],
  // Service organisations are a public directory (their contact details are not: organization.policy.ts).
  nodes: { ServiceOrganization: fetchVisibleByIds(ServiceOrganization, 'o', organizationVisibility) },
});
