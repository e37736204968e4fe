import { defineModule } from '../../common/module.js';
import { designationReporting } from './designation.reporting.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { Designation } from './designation.entity.js';
import { DesignationResolver } from './designation.resolver.js';
import { RevocationResolver } from './revocation.resolver.js';
import { ReexaminationResolver } from './reexamination.resolver.js';
import { RevocationIncident } from './incident.entity.js';
import { ApplicationBan } from './ban.entity.js';
import { createDesignationLoaders } from './designation.loaders.js';
import { designationPolicy, designationVisibility } from './designation.policy.js';
import { enterpriseRecordVisibility } from '../enterprise/enterprise.policy.js';

export { Designation, DesignationLevel, DesignationStatus } from './designation.entity.js';
export { RevocationIncident, IncidentKind, PenaltyArea } from './incident.entity.js';
export { ApplicationBan, BanReason } from './ban.entity.js';

export const designationModule = defineModule({
  name: 'designation',
  entities: [Designation, RevocationIncident, ApplicationBan],
  createLoaders: createDesignationLoaders,
  policy: designationPolicy,
  reporting: designationReporting,
  resolvers: [DesignationResolver, RevocationResolver, ReexaminationResolver],
  nodes: {
    // A designation is visible with its enterprise; incidents and bans with its whole record.
    Designation: fetchVisibleByIds(Designation, 'd', designationVisibility),
    RevocationIncident: fetchVisibleByIds(RevocationIncident, 'ri', enterpriseRecordVisibility),
    ApplicationBan: fetchVisibleByIds(ApplicationBan, 'ab', enterpriseRecordVisibility),
  },
});
