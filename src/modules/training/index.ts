import type { AppModule } from '../../common/module.js';
import { EnrolmentResolver, TrainingResolver } from './training.resolver.js';

export { TrainingProgram, TrainingSession, Enrolment } from './training.entity.js';

export const trainingModule: AppModule = { name: 'training', resolvers: [TrainingResolver, EnrolmentResolver], nodes: {} };
