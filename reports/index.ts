// Public API of the reports: pure functions over ledger views (no file system access).
export { computeEfficiency, createPreviewBuilder, type Preview, type PreviewBuilder, type PreviewFilter, type PreviewWindow } from './build-preview.js';
export { renderPreview } from './render-preview.js';
export { addSample, computeMeanInterval, createRunningStats, type MeanInterval, type RunningStats } from './running-stats.js';
export { computeQuantile, computeQuantiles } from './compute-quantile.js';
export {
  buildProxyRollup,
  isErrorSample,
  ROUTED_BACKEND,
  summarizeProxyTelemetry,
  type BackendShare,
  type ProxyRollup,
  type ProxySummary,
  type ProxyWindowSummary,
  type TelemetrySample,
} from './summarize-proxy-telemetry.js';
export { formatProxyFigures, renderProxyBlock } from './render-proxy-block.js';
export { compareCost, type ArmTotals, type CostComparison, type CostSample, type FeatureCostComparison } from './compare-cost.js';
export { formatUsd, renderCostComparison } from './render-compare-cost.js';
