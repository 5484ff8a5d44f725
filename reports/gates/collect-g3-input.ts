// Gathers what G3 judges from proxy telemetry and windows: cost by matched feature, reliability per arm, quality per arm: pure.
import { computeScaledMean } from '../stats/scaled-moments.js';
import type { PriceTable } from '../../budget/prices/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { compareCost, type CostComparison } from '../compare-cost.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { ROUTED_BACKEND, summarizeProxyTelemetry, type ProxySummary } from '../preview/summarize-proxy-telemetry.js';

export interface G3Input {
  cost: CostComparison;
  /** Sub-agent requests of the matched features, per arm: GLM, and every other back end (the baseline). */
  glm: ProxySummary | null;
  baseline: ProxySummary | null;
  /** Quality of the matched features' windows per arm, and per feature the mean GLM quality minus the mean baseline quality. */
  quality: { glm: number[]; baseline: number[]; diffs: number[] };
}

/**
 * Cost as `tracker compare-cost` computes it. A window belongs to the GLM arm when its sub-agent requests
 * all went to GLM (or, without telemetry, when its provider is `glm`), to the baseline when none did;
 * windows with both are left out of the quality comparison.
 */
export function collectG3Input(rows: readonly TelemetryRow[], windows: readonly WindowMetrics[], prices: PriceTable): G3Input {
  const cost = compareCost(rows, prices);
  const matched = new Set(cost.features.map((feature) => feature.feature_id));
  const subagent = rows.filter((row) => row.subagent_id !== null && row.feature_id && matched.has(row.feature_id));
  const glmRows = subagent.filter((row) => row.backend_provider === ROUTED_BACKEND);
  const baseRows = subagent.filter((row) => row.backend_provider !== ROUTED_BACKEND);
  const armOfWindow = new Map<string, { glm: number; baseline: number }>();
  for (const row of rows) {
    if (row.subagent_id === null || !row.window_id) continue;
    const arm = armOfWindow.get(row.window_id) ?? { glm: 0, baseline: 0 };
    arm[row.backend_provider === ROUTED_BACKEND ? 'glm' : 'baseline'] += 1;
    armOfWindow.set(row.window_id, arm);
  }
  const perFeature = new Map<string, { glm: number[]; baseline: number[] }>();
  const quality = { glm: [] as number[], baseline: [] as number[], diffs: [] as number[] };
  for (const window of windows) {
    if (window.feature_id === null || !matched.has(window.feature_id)) continue;
    const counts = armOfWindow.get(window.window_id);
    const arm = counts
      ? counts.baseline === 0
        ? 'glm'
        : counts.glm === 0
          ? 'baseline'
          : null
      : window.provider === ROUTED_BACKEND
        ? 'glm'
        : 'baseline';
    if (arm === null) continue;
    quality[arm].push(window.quality);
    const feature = perFeature.get(window.feature_id) ?? { glm: [], baseline: [] };
    feature[arm].push(window.quality);
    perFeature.set(window.feature_id, feature);
  }
  for (const feature of perFeature.values()) {
    if (feature.glm.length > 0 && feature.baseline.length > 0) quality.diffs.push(average(feature.glm) - average(feature.baseline));
  }
  return {
    cost,
    glm: glmRows.length === 0 ? null : summarizeProxyTelemetry(glmRows),
    baseline: baseRows.length === 0 ? null : summarizeProxyTelemetry(baseRows),
    quality,
  };
}

function average(values: readonly number[]): number {
  return computeScaledMean(values);
}
