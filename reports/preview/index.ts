// The preview (a sub-face of reports/): windows folded into per-provider efficiency, with the proxy's figures, and its
// text. `tracker preview` loads this face alone: reports/index.ts loads every analysis of the report (ADR 0020, 0023).
export {
  computeEfficiency,
  createPreviewBuilder,
  type Preview,
  type PreviewBuilder,
  type PreviewFilter,
  type PreviewWindow,
} from './build-preview.js';
export type { PreviewFoldState, ProviderTally } from './preview-fold-state.js';
export type { BaselineSource, EfficiencyBasis, PreviewUnit } from './efficiency-basis.js';
export { renderPreview } from './render-preview.js';
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
