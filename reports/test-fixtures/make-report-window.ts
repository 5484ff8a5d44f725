// A completed window with a capacity delta (5h %), as the report reads it, for tests that build a ledger by hand.
import type { ReportWindow } from '../../ledger/index.js';

/** `provider` on task `feature`, starting at `start` (ms), 40 minutes long, using `delta` % of the 5h window. */
export function makeReportWindow(provider: string, feature: string, delta: number, start: number, quality = 0.9): ReportWindow {
  return {
    agent_id: 'main',
    provider,
    window_id: `${provider}-${feature}`,
    feature_id: feature,
    methodology: 'manual',
    quality,
    outcome: 'success',
    errors: [],
    capacity: { unit: 'pct_5h', before: 10, after: 10 + delta, delta },
    started_at: new Date(start).toISOString(),
    ended_at: new Date(start + 40 * 60_000).toISOString(),
    completed_at: new Date(start + 41 * 60_000).toISOString(),
  };
}
