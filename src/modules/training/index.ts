import type { AppModule } from '../../common/module.js';
import { EnrolmentResolver, EnterpriseTrainingResolver, TrainingResolver } from './training.resolver.js';

export { TrainingProgram, TrainingSession, Enrolment } from './training.entity.js';

export const trainingModule: AppModule = { name: 'training', resolvers: [TrainingResolver, EnrolmentResolver, EnterpriseTrainingResolver], nodes: {} };
