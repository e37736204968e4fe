import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from './context.js';
import type { Clock } from './common/clock.js';
import { createEnterpriseLoaders } from './modules/enterprise/enterprise.loaders.js';
import { createDesignationLoaders } from './modules/designation/designation.loaders.js';
import { createApplicationLoaders } from './modules/application/index.js';
import { createHistoryLoader } from './modules/audit/history.js';
import { createTrainingLoaders } from './modules/training/training.loaders.js';

/** A fresh set of loaders for one request, from every module. */
export function createLoaders(em: EntityManager, viewer: Viewer, clock: Clock) {
  return {
    ...createEnterpriseLoaders(em, viewer, clock),
    ...createDesignationLoaders(em),
    ...createApplicationLoaders(em),
    ...createTrainingLoaders(em, viewer, clock),
    historyByObject: createHistoryLoader(em),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
