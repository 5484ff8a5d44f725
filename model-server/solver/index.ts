// The scripted server's task-aware solver: answers coding agents by writing each task's reference solution.
export { createSolver, type Solver, type SolverAnswer, type SolverOptions, type SolverRequest } from './create-solver.js';
export { decideSolverTurn, type SolverTurn, type TurnInput } from './decide-solver-turn.js';
export { buildSolverStep, describeTurn } from './build-solver-step.js';
export { buildWriteCommand, pickDelimiter, quoteShell } from './build-write-command.js';
export { findTaskId } from './find-task-id.js';
export { listSolutionFiles, type SolutionFile } from './list-solution-files.js';
export {
  DEFAULT_SOLVER_PROFILE,
  SOLVER_PROFILES,
  decideSolves,
  hashSolveRoll,
  selectSolverProfile,
  type SolverProfile,
} from './solver-profiles.js';
export {
  SOLVER_BAR_LIMITS,
  buildSolverBarHeaders,
  createSolverBars,
  measureUnits,
  selectAccount,
  selectBarLimits,
  type BarKeeping,
  type BarState,
  type SolverBars,
} from './solver-bars.js';
export { computeSolverUsage, measureSolverAnswer } from './solver-usage.js';
export {
  QuotaStateSchema,
  countUnits,
  createQuotaState,
  liftUnits,
  readQuotaState,
  rewindCharges,
  settleCharges,
  writeQuotaState,
  type QuotaState,
} from './quota-state.js';
export { resolveTasksDir } from './resolve-tasks-dir.js';
