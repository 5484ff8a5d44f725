// Public API of the budget domain: policy (flags, config file, prices), the tracker, usage readers, rows and displays.
export * from './budget-contract.js';
export {
  buildBudgetId,
  DEFAULT_METRIC,
  DEFAULT_MODE,
  DEFAULT_WARN_AT,
  isTokenMetric,
  normalizeBudgetKey,
  tidyWarnAt,
  type BudgetPolicy,
} from './budget-policy.js';
export { normalizeCommand } from './normalize-command.js';
export { parseBudgetFlags, type BudgetFlags } from './parse-budget-flags.js';
export {
  BudgetConfigLimitSchema,
  BudgetConfigSchema,
  buildConfigLimits,
  parseBudgetConfig,
  readBudgetFile,
  type BudgetConfig,
  type BudgetConfigLimit,
  type LimitDefaults,
} from './budget-config.js';
export { checkAmount, describeAmount, parseBudgetMetric, parseBudgetMode, parseWarnAt, readAmountText } from './parse-budget-values.js';
export { describePolicy } from './describe-policy.js';
export { buildTaskBudgetLimits, isTaskBudget } from './task-budget-limits.js';
export { abbreviateMetric, describeMetricUnit, formatAmount, formatCount, formatPercent } from './format-budget-values.js';
export { addUsage, isZeroUsage, maxUsage, measureTokens, subtractUsage, ZERO_USAGE } from './measure-usage.js';
export { BudgetTracker, type BudgetUsage, type RestoredBudget } from './budget-tracker.js';
export { StreamCharge, type ReserveWait } from './stream-charge.js';
export { CumulativeUsage } from './cumulative-usage.js';
export {
  type AgentStreamReader,
  type AgentUsage,
  type AgentUsageReader,
  type CreateStreamReader,
  createAgentUsageReader,
} from './agent-event-usage.js';
export { ClaudeEventUsage, readAnthropicUsage } from './claude-event-usage.js';
export { CodexEventUsage, readCodexUsage } from './codex-event-usage.js';
export { GeminiEventUsage } from './gemini-event-usage.js';
export { buildBudgetEventRow, type BudgetRowWriter } from './build-budget-event-row.js';
export { readTelemetryContext, readTelemetryUsage, type TelemetryUsageFields } from './read-telemetry-usage.js';
export { rebuildUsage, type RebuildOptions, type RebuildSummary } from './rebuild-usage.js';
export { renderBudgetBars, type BudgetBarInput } from './render-budget-bars.js';
export { computeUsageCost, type UsageCost, type UsageTokens } from './prices/cost-of-usage.js';
export { createPriceTable, findModelPrice, parsePriceOverride, type PriceOverride, type PriceTable } from './prices/price-table.js';
export { DEFAULT_MAX_OUTPUT, findMaxOutput } from './prices/max-output.js';
export * from './plans/index.js';
export { type LedgerRebuild, rebuildFromLedger } from './rebuild-from-ledger.js';
