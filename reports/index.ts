// Public API of the reports: pure functions over ledger views (no file system access).
export { computeEfficiency, createPreviewBuilder, type Preview, type PreviewBuilder, type PreviewFilter, type PreviewWindow } from './build-preview.js';
export { renderPreview } from './render-preview.js';
export { addSample, computeMeanInterval, createRunningStats, type MeanInterval, type RunningStats } from './running-stats.js';
