import { defineModule } from '../../common/module.js';
import { fetchByIds, UUID } from '../../common/fetch-by-ids.js';
import { EnrolmentResolver, EnterpriseTrainingResolver, TrainingProgramResolver, TrainingResolver } from './training.resolver.js';
import { Attendance, Certificate, Enrolment, TrainingProgram, TrainingSession, TrainingTextbook } from './training.entity.js';
import { createTrainingLoaders } from './training.loaders.js';
import { findVisibleEnrolments } from './training.service.js';
import { Sql } from '../../common/sql.js';

export { TrainingProgram, TrainingSession, Enrolment, TrainingTextbook } from './training.entity.js';

export const trainingModule = defineModule({
  name: 'training',
  entities: [TrainingTextbook, TrainingProgram, TrainingSession, Enrolment, Attendance, Certificate],
  createLoaders: createTrainingLoaders,
  policy: { actions: [] },
  resolvers: [TrainingResolver, TrainingProgramResolver, EnrolmentResolver, EnterpriseTrainingResolver],
  nodes: {
    // Programs, sessions and textbooks are the public catalogue.
    TrainingProgram: fetchByIds(TrainingProgram),
    TrainingSession: fetchByIds(TrainingSession),
    TrainingTextbook: fetchByIds(TrainingTextbook),
    // An enrolment only for those who may see it (see enrolmentVisibility).
    Enrolment: async (ctx, keys) => {
      const ids = keys.filter((k) => UUID.test(k));
      if (!ids.length) return new Map();
      const found = await findVisibleEnrolments(ctx.em, ctx.viewer, new Sql('en.id in (?)', [ids]));
      return new Map(found.map((e) => [e.id, e as object]));
    },
  },
});
