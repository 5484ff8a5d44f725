// The plan advisor (`tracker plans`): portfolios of plans replayed against recorded use, and their text.
export { advisePlans, type PlansAdvice, type Portfolio } from './advise-plans.js';
export { type BacktestWeek, backtestPlans, type PlansBacktest } from './backtest-plans.js';
export {
  buildPlansAdvice,
  collectAccountHistories,
  type ObservedLimit,
  type PlansLedger,
  type PlansOptions,
  type PlansReport,
  type SeatEvidence,
} from './build-plans-advice.js';
export { type ExperimentWindow, measureWorkPerToken, type WorkPerToken } from './measure-work-per-token.js';
export type { AccountHistory, PlanCandidate, PlanOutcome, Spread } from './price-plan-outcome.js';
export { collectHeadroom, collectHeadroomBases, type HeadroomSources } from './collect-headroom.js';
export { readOtelTaskUse, readProxyTaskUse, readTaskUses, type TaskUse } from './collect-tasks.js';
export { renderBacktest } from './render-backtest.js';
export { renderPlans } from './render-plans.js';
export { type DemandColumns, type ReplayedBar, replayLimits } from './replay-limits.js';
