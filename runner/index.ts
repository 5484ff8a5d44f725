// Public API of the runner (so far: code churn between commits).
export { measureChurn } from './churn/measure-churn.js';
export { parseNumstat, type Churn } from './churn/parse-numstat.js';
export { parseSchedule, type ScheduledWindow, type ScheduleResult } from './schedule/parse-schedule.js';
export { runSchedule, type ScheduleAction, type ScheduleOutcome } from './schedule/run-schedule.js';
export { buildPlan, derivePlanId, type Plan, type PlanArm, type PlanRequest, type PlanTask } from './plan/build-plan.js';
export { readTaskIds } from './plan/read-task-ids.js';
export { recordPlan, type RecordOutcome } from './plan/record-plan.js';
export { createWilliamsRows } from './plan/williams-rows.js';
