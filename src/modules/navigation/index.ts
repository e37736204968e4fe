import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { PriorityExaminationQuota, PriorityExaminationRequest } from './priority.entity.js';
import { PriorityExaminationResolver } from './priority.resolver.js';
import { navigationPolicy, priorityVisibility } from './navigation.policy.js';

/** Patent navigation and IP operation [D 四(一), A 二(一)(二), A 四(一)]: priority-examination recommendations (R21), navigation projects and pilots: docs/navigation.md. */
export const navigationModule = defineModule({
  name: 'navigation',
  entities: [PriorityExaminationRequest, PriorityExaminationQuota],
  policy: navigationPolicy,
  resolvers: [PriorityExaminationResolver],
  nodes: {
    PriorityExaminationRequest: fetchVisibleByIds(PriorityExaminationRequest, 'pe', priorityVisibility),
  },
});
