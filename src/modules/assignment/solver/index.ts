/** The liaison-officer assignment solver: pure optimisation, no database. */
export * from './problem.js';
export { assignmentObjective, createObjective } from './objective.js';
export { HARD_TIMEOUT_GRACE_SECONDS, solveAssignment, solveAssignmentInline, stopAssignmentWorker, type SolveControl } from './run.js';
