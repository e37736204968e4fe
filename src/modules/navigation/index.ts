import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { PriorityExaminationQuota, PriorityExaminationRequest } from './priority.entity.js';
import { PriorityExaminationResolver } from './priority.resolver.js';
import { cooperationVisibility, industryReportVisibility, navigationPolicy, operationVisibility, priorityVisibility, projectVisibility, reportVisibility } from './navigation.policy.js';
import { NavigationProject, NavigationReport } from './project.entity.js';
import { NavigationPilotResolver, NavigationProjectResolver, NavigationReportResolver } from './project.resolver.js';
import { createNavigationLoaders } from './navigation.loaders.js';
import { navigationReporting } from './navigation.reporting.js';
import { IpOperation } from './operation.entity.js';
import { IpOperationResolver } from './operation.resolver.js';
import { AllianceFundEntry, PatentAlliance, PatentAllianceMember } from './alliance.entity.js';
import { AllianceFundEntryResolver, PatentAllianceMemberResolver, PatentAllianceResolver } from './alliance.resolver.js';
import { CollaborationAgreement, StandardParticipation } from './cooperation.entity.js';
import { CollaborationAgreementResolver, StandardParticipationResolver } from './cooperation.resolver.js';
import { IndustryAnalysisReport } from './industry-report.entity.js';
import { IndustryAnalysisReportResolver } from './industry-report.resolver.js';

/** Patent navigation and IP operation [D 四(一), A 二(一)(二), A 四(一)]: priority-examination recommendations (R21), navigation projects and pilots, IP operation records, patent alliances and their defence funds: docs/navigation.md. */
export const navigationModule = defineModule({
  name: 'navigation',
  entities: [PriorityExaminationRequest, PriorityExaminationQuota, NavigationProject, NavigationReport, IpOperation, PatentAlliance, PatentAllianceMember, AllianceFundEntry, CollaborationAgreement, StandardParticipation, IndustryAnalysisReport],
  createLoaders: createNavigationLoaders,
  policy: navigationPolicy,
  reporting: navigationReporting,
  resolvers: [PriorityExaminationResolver, NavigationProjectResolver, NavigationReportResolver, NavigationPilotResolver, IpOperationResolver, PatentAllianceResolver, PatentAllianceMemberResolver, AllianceFundEntryResolver, CollaborationAgreementResolver, StandardParticipationResolver, IndustryAnalysisReportResolver],
  nodes: {
    PriorityExaminationRequest: fetchVisibleByIds(PriorityExaminationRequest, 'pe', priorityVisibility),
    NavigationProject: fetchVisibleByIds(NavigationProject, 'np', projectVisibility),
    NavigationReport: fetchVisibleByIds(NavigationReport, 'nr', reportVisibility),
    IpOperation: fetchVisibleByIds(IpOperation, 'io', operationVisibility),
    // Alliances and their members are public; their funds are not (PatentAlliance.fund).
    PatentAlliance: fetchVisibleByIds(PatentAlliance, 'pa', () => null),
    CollaborationAgreement: fetchVisibleByIds(CollaborationAgreement, 'ca', cooperationVisibility),
    StandardParticipation: fetchVisibleByIds(StandardParticipation, 'sp', cooperationVisibility),
    IndustryAnalysisReport: fetchVisibleByIds(IndustryAnalysisReport, 'ir', industryReportVisibility),
  },
});
