// The agents' own OpenTelemetry rows as readers see them (a sub-face of ledger/): by time span, provider, model, window.
export { readOtelUsage, type OtelUsage, type OtelUsageFilter } from './read-otel-usage.js';
export {
  compareTokens,
  OTEL_DIVERGENCE_LIMIT,
  sumOtelRequests,
  sumTokenMetrics,
  type OtelRequestSum,
  type TokenGap,
} from './sum-otel-usage.js';
export { summarizeWindowOtel, type WindowOtelQuery } from './summarize-window-otel.js';
export { readUsageOtel, type UsageOtel, type UsageOtelRow } from './read-usage-otel.js';
