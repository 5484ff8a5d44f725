// One task-level WindowMetrics for the metrics and gate tests: a plan's window of `provider` on `feature`, in `period`.
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';

/** Efficiency `efficiency` per 1% of a 10% delta, completed an hour after the period's start, quality 1 unless given. */
export function makeWindowMetrics(
  provider: string,
  feature: string,
  period: number | null,
  efficiency: number | null,
  extra: Partial<WindowMetrics> = {},
): WindowMetrics {
  const at = new Date(Date.parse('2026-11-21T08:00:00Z') + (period ?? 0) * 3_600_000).toISOString();
  return {
    agent_id: 'main',
    provider,
    window_id: `${provider}-${feature}-${period ?? 'x'}`,
    feature_id: feature,
    unit: 'pct_5h',
    capacity_unit: 'pct_5h',
    capacity_before: 0,
    capacity_after: 10,
    capacity_delta: 10,
    tokens: null,
    tokens_source: null,
    cost_usd: null,
    requests: 0,
    quality: 1,
    outcome: 'success',
    success: true,
    duration_ms: null,
    efficiency,
    efficiency_per_mtok: null,
    usd: null,
    usd_binding: null,
    usd_reason: null,
    usd_calibrated: false,
    plan: null,
    capacity_flags: [],
    started_at: at,
    ended_at: at,
    completed_at: at,
    sequence: null,
    period,
    plan_id: 'plan-1',
    epoch: null,
    errors: [],
    ...extra,
  };
}
