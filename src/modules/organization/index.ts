import { defineModule } from '../../common/module.js';
import { fetchByIds } from '../../common/fetch-by-ids.js';
import { ServiceOrganization } from './organization.entity.js';
import { OrganizationResolver } from './organization.resolver.js';

export { ServiceOrganization, OrganizationKind } from './organization.entity.js';

export const organizationModule = defineModule({
  name: 'organization',
  entities: [ServiceOrganization],
  policy: { actions: [] },
  resolvers: [OrganizationResolver],
  // Service organisations are a public directory (their contact details are not: see the resolver).
  nodes: { ServiceOrganization: fetchByIds(ServiceOrganization) },
});
