// Public API of the runner: task bank, plans, provider profiles, drivers, arms and whole experiment runs.
export { measureChurn } from './churn/measure-churn.js';
export { parseNumstat, type Churn } from './churn/parse-numstat.js';
export { parseSchedule, type ScheduledWindow, type ScheduleResult } from './schedule/parse-schedule.js';
export { runSchedule, type ScheduleAction, type ScheduleOutcome } from './schedule/run-schedule.js';
export { renderScheduleIcs } from './schedule/render-schedule-ics.js';
export { buildPlan, derivePlanId, MAX_EPOCHS, type Plan, type PlanArm, type PlanRequest, type PlanTask } from './plan/build-plan.js';
export { readTaskIds } from './plan/read-task-ids.js';
export { buildAnalysisSettings, type AnalysisRequest, type AnalysisSettings } from './plan/analysis-settings.js';
export { recordPlan, type RecordOutcome } from './plan/record-plan.js';
export { createWilliamsRows } from './plan/williams-rows.js';
export {
  BUILTIN_PROFILES,
  DEFAULT_PROVIDERS,
  findSecondSubscription,
  isPortfolioId,
  isSimulated,
  listPortfolioMembers,
  loadProfiles,
  pickProfiles,
  type ProviderProfile,
  type SecondSubscription,
} from './providers/provider-profiles.js';
export { loadTaskBank, type BankTask } from './task-bank/load-task-bank.js';
export { nameWorker, runExperiment, type ExperimentRequest } from './run/run-experiment.js';
export { findDoneArms, findRunProgress, type OpenAttempt, type RunProgress } from '../ledger/runs/index.js';
export type { RunEvent, RunSummary } from './run/run-events.js';
export type { ArmActivity, ArmJob, ArmResult, ArmServices } from './arm/arm-types.js';
export type { QuotaSource } from './arm/capture-from-quota.js';
export type { SubagentQuota } from './arm/capture-subagent-capacity.js';
export {
  AGENT_CLIS,
  AGENT_DRIVERS,
  type AgentCliName,
  type AgentLauncher,
  type RunnableCli,
  checkAgentCliComplete,
  listUsageReaders,
} from './drivers/agent-clis.js';
export { claudeDriver } from './drivers/claude-driver.js';
export { codexDriver } from './drivers/codex-driver.js';
export { scriptedDriver } from './drivers/scripted-driver.js';
export { DRIVER_NAMES, type Driver, type DriverName } from './drivers/driver.js';
export { killTrackedProcessGroups, trackProcessGroup } from './process-groups.js';
export { sweepSandboxes } from './sandbox/sweep-sandboxes.js';
export { TaskMetaSchema, TaskStatusFieldsSchema, type TaskMeta } from './task-bank/task-schema.js';
export {
  describeDataDirSearch,
  describeIsolation,
  ISOLATION_MODES,
  resolveIsolation,
  type IsolationMode,
  type IsolationPlan,
} from './isolation/resolve-isolation.js';
export {
  checkPodmanExposures,
  checkReachable,
  findUnreachable,
  handOverSandbox,
  type SandboxCommand,
  wrapCommand,
} from './isolation/wrap-command.js';
export { findCommandFile, findInstallDir } from './isolation/find-command-file.js';
export { probeAgentCli } from './isolation/probe-agent-cli.js';
export { importTasks, type ImportRequest, type ImportSummary, type KeptTask, type RejectedCandidate } from './task-import/import-tasks.js';
export { DEFAULT_LIMITS, type ChangeLimits } from './task-import/judge-change.js';
export { classifyReason, countReasons } from './task-import/group-reasons.js';
export { verifyImportedTask, type StagedVerdict } from './task-import/verify-imported-task.js';
export {
  synthesizeTasks,
  type RejectedMutation,
  type SynthesizedTask,
  type SynthesizeRequest,
  type SynthesizeSummary,
} from './task-synthesize/synthesize-tasks.js';
export { MUTATION_KINDS, type MutationKind } from './task-synthesize/mutation.js';
export { verifyTask, type TaskVerdict, type VerifyOptions, type VerifyScore } from './task-bank/verify-task.js';
export { checkNpmCacheDir, type NpmCacheSource } from './task-bank/npm-offline-cache.js';
export { createSharedCaches, type SharedCaches } from './task-bank/shared-caches.js';
export { SETUP_NETWORK_HINT } from './task-bank/run-task-setup.js';
export { ARM_REFUSED, createArmRefusedError } from './arm/arm-refused-error.js';
export { type AgentOutcome, type AgentResult, type AgentRun, runAgentWithBudget } from './budget/run-agent-with-budget.js';
