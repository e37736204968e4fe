import { defineModule } from '../../common/module.js';
import { serviceReporting } from './service.reporting.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { OrganizationMember, SelectedServiceTeam } from './team.entity.js';
import { ServiceStation } from './station.entity.js';
import { CommissionerDispatch } from './dispatch.entity.js';
import { ServiceRecord } from './service-record.entity.js';
import { dispatchVisibility, memberVisibility, recordVisibility, selectionVisibility, servicePolicy, stationVisibility } from './service.policy.js';
import { createServiceLoaders } from './service.loaders.js';
import { OrganizationMemberResolver, OrganizationMembersResolver, SelectedServiceTeamResolver } from './team.resolver.js';
import { ServiceStationResolver } from './station.resolver.js';
import { CommissionerDispatchResolver } from './dispatch.resolver.js';
import { EnterpriseServiceResolver, ServiceRecordResolver } from './record.resolver.js';

/** The third work measure [D 四(三), A 四(二)]: service teams' members, selected teams, stations, commissioners, service records (docs/service.md). */
export const serviceModule = defineModule({
  name: 'service',
  entities: [OrganizationMember, SelectedServiceTeam, ServiceStation, CommissionerDispatch, ServiceRecord],
  createLoaders: createServiceLoaders,
  policy: servicePolicy,
  reporting: serviceReporting,
  resolvers: [OrganizationMemberResolver, OrganizationMembersResolver, SelectedServiceTeamResolver, ServiceStationResolver, CommissionerDispatchResolver, ServiceRecordResolver, EnterpriseServiceResolver],
  nodes: {
    OrganizationMember: fetchVisibleByIds(OrganizationMember, 'm', memberVisibility),
    SelectedServiceTeam: fetchVisibleByIds(SelectedServiceTeam, 's', selectionVisibility),
    ServiceStation: fetchVisibleByIds(ServiceStation, 's', stationVisibility),
    CommissionerDispatch: fetchVisibleByIds(CommissionerDispatch, 'd', dispatchVisibility),
    ServiceRecord: fetchVisibleByIds(ServiceRecord, 'r', recordVisibility),
  },
});
