// Experiment runs as the ledger records them (a sub-face of ledger/): arm window ids, each plan's progress, the run lock and the last run's record.
export { nameArmWindow, readArmIndex } from './arm-window-id.js';
export { findDoneArms, findRunProgress, type OpenAttempt, type RunProgress } from './find-run-progress.js';
export { readRunLock, takeRunLock, type RunLock, type RunLockInfo } from './run-lock.js';
export {
  describeInfrastructureFailures,
  readRunRecord,
  writeRunRecord,
  type InfrastructureFailure,
  type RunRecord,
} from './run-record.js';
export { readRegisteredAnalyses } from './read-registered-analysis.js';
export { readPlanStatuses, type ArmState, type ArmStatus, type PlanStatus } from './read-plan-statuses.js';
export { ageOutPlanState, decidePlanState, ELSEWHERE_MS, type PlanState, type PlanStateFacts } from './decide-plan-state.js';
