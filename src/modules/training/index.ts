import { defineModule } from '../../common/module.js';
import { trainingReporting } from './training.reporting.js';
import { fetchByIds, fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { Attendance, Certificate, Enrolment, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { createTrainingLoaders } from './training.loaders.js';
import { enrolmentVisibility, trainingPolicy } from './training.policy.js';
import { CatalogueResolver, TrainingProgramResolver } from './catalogue.resolver.js';
import { EnrolmentResolver, EnterpriseEnrolmentsResolver, RosterResolver } from './enrolment.resolver.js';
import { AttendanceResolver, EnterpriseTrainingRecordsResolver } from './attendance.resolver.js';

export { TrainingProgram, TrainingSession, Enrolment, TrainingTextbook } from './training.entity.js';

/**
 * Tiered training [D 四(四)二, A 四(四)], by sub-feature: the catalogue (bases, textbooks, programs,
 * sessions, instructors: catalogue.*), enrolment (enrol, review, allocation, cancellation, rosters:
 * enrolment.*) and attendance (attendance, completion, certificates, records, summary: attendance.*).
 */
export const trainingModule = defineModule({
  name: 'training',
  entities: [TrainingTextbook, TrainingProgram, TrainingSession, Enrolment, Attendance, Certificate],
  createLoaders: createTrainingLoaders,
  policy: trainingPolicy,
  reporting: trainingReporting,
  resolvers: [CatalogueResolver, TrainingProgramResolver, EnrolmentResolver, RosterResolver, EnterpriseEnrolmentsResolver, AttendanceResolver, EnterpriseTrainingRecordsResolver],
  nodes: {
    // Programs, sessions and textbooks are the public catalogue.
    TrainingProgram: fetchByIds(TrainingProgram),
    TrainingSession: fetchByIds(TrainingSession),
    TrainingTextbook: fetchByIds(TrainingTextbook),
    // An enrolment only for those who may see it.
    Enrolment: fetchVisibleByIds(Enrolment, 'en', enrolmentVisibility),
  },
});
