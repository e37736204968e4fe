import { defineModule } from '../../common/module.js';
import { fetchVisibleByIds } from '../../common/fetch-by-ids.js';
import { LiaisonAssignment } from './assignment.entity.js';
import { LiaisonConflictDeclaration, LiaisonOfficer } from './officer.entity.js';
import { AssignmentPlan, AssignmentPlanRow } from './plan.entity.js';
import { assignmentPolicy, assignmentVisibility, conflictVisibility, officerVisibility, planVisibility } from './assignment.policy.js';
import { createAssignmentLoaders } from './assignment.loaders.js';
import { LiaisonConflictDeclarationResolver, LiaisonOfficerResolver } from './officer.resolver.js';
import { LiaisonAssignmentResolver } from './assignment.resolver.js';
import { AssignmentPlanResolver, AssignmentPlanRowResolver } from './plan.resolver.js';

export { LiaisonAssignment } from './assignment.entity.js';
export { assignmentService } from './assignment.service.js';

/**
 * The bureaus' liaison officers and their assignment to demonstration enterprises [D 五(一), R17]
 * (docs/assignment.md): officers with capacity and knowledge, conflicts of interest (declared and
 * derived), candidates with named factors, manual assignment with history, plans computed with
 * HiGHS (min-cost flow, in a worker thread) and committed in one transaction, events that keep it
 * current, and the figures.
 */
export const assignmentModule = defineModule({
  name: 'assignment',
  entities: [LiaisonOfficer, LiaisonConflictDeclaration, LiaisonAssignment, AssignmentPlan, AssignmentPlanRow],
  createLoaders: createAssignmentLoaders,
  policy: assignmentPolicy,
  resolvers: [LiaisonOfficerResolver, LiaisonConflictDeclarationResolver, LiaisonAssignmentResolver, AssignmentPlanResolver, AssignmentPlanRowResolver],
  nodes: {
    LiaisonOfficer: fetchVisibleByIds(LiaisonOfficer, 'o', officerVisibility),
    LiaisonConflictDeclaration: fetchVisibleByIds(LiaisonConflictDeclaration, 'c', conflictVisibility),
    LiaisonAssignment: fetchVisibleByIds(LiaisonAssignment, 'a', assignmentVisibility),
    AssignmentPlan: fetchVisibleByIds(AssignmentPlan, 'p', planVisibility),
  },
});
