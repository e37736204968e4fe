import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { OverseasWorkstation, WorkstationCalendarDay } from './workstation.entity.js';
import { OverseasWorkstationResolver } from './workstation.resolver.js';
import { caseVisibility, consultationVisibility, creditVisibility, observerReportVisibility, overseasPolicy, publicationVisibility } from './overseas.policy.js';
import { OverseasPublication } from './publication.entity.js';
import { OverseasPublicationResolver } from './publication.resolver.js';
import { ObserverReport, OverseasObserver } from './observer.entity.js';
import { ObserverReportResolver, OverseasObserverResolver } from './observer.resolver.js';
import { createOverseasLoaders } from './overseas.loaders.js';
import { overseasReporting } from './overseas.reporting.js';
import { ProtectionCase, ProtectionCaseDeadline, ProtectionCaseEvent } from './case.entity.js';
import { ProtectionCaseParticipant, ProtectionCaseTarget } from './case-parts.entity.js';
import { CreditRecord } from './credit.entity.js';
import { OverseasConsultation } from './consultation.entity.js';
import { OverseasConsultationResolver } from './consultation.resolver.js';
import { CreditRecordResolver } from './credit.resolver.js';
import { CaseDeadlineResolver, CaseEventResolver, CaseParticipantResolver, ProtectionCaseResolver } from './case.resolver.js';

/** Overseas protection [D 四(二), A 四(三)]: the overseas workstations, their coverage and business calendars, protection cases (abroad and at the assistance centres) with deadlines in business time, observers, and the guides and environment reports (docs/overseas.md). */
export const overseasModule = defineModule({
  name: 'overseas',
  entities: [OverseasWorkstation, WorkstationCalendarDay, OverseasPublication, OverseasObserver, ObserverReport, ProtectionCase, ProtectionCaseDeadline, ProtectionCaseEvent, ProtectionCaseParticipant, ProtectionCaseTarget, CreditRecord, OverseasConsultation],
  createLoaders: createOverseasLoaders,
  policy: overseasPolicy,
  reporting: overseasReporting,
  resolvers: [OverseasWorkstationResolver, OverseasPublicationResolver, OverseasObserverResolver, ObserverReportResolver, ProtectionCaseResolver, CaseDeadlineResolver, CaseEventResolver, CaseParticipantResolver, CreditRecordResolver, OverseasConsultationResolver],
  nodes: {
    OverseasWorkstation: fetchVisibleByIds(OverseasWorkstation, 'ow', () => null),
    OverseasPublication: fetchVisibleByIds(OverseasPublication, 'op', publicationVisibility),
    OverseasObserver: fetchVisibleByIds(OverseasObserver, 'oo', () => null),
    ObserverReport: fetchVisibleByIds(ObserverReport, 'orp', observerReportVisibility),
    ProtectionCase: fetchVisibleByIds(ProtectionCase, 'pc', caseVisibility),
    CreditRecord: fetchVisibleByIds(CreditRecord, 'cr', creditVisibility),
    OverseasConsultation: fetchVisibleByIds(OverseasConsultation, 'oc', consultationVisibility),
  },
});
