// Renders the preview's "Subagent Proxy" block from a proxy rollup: one line overall, then one per recent window.
import type { ProxyRollup, ProxySummary } from './summarize-proxy-telemetry.js';

/** Lines of the block (no trailing blank line); per-window lines only when there is more than one window. */
export function renderProxyBlock(rollup: ProxyRollup, options: { recent?: number } = {}): string[] {
  const lines = ['Subagent Proxy:', `  - ${formatProxyFigures(rollup.overall)}`];
  if (rollup.probes > 0) lines.push(`    (${rollup.probes} of those are the runner's one-token capacity probes, not listed per window)`);
  if (rollup.other_requests > 0)
    lines.push(
      `    (${rollup.other_requests} other ${rollup.other_requests === 1 ? 'request was' : 'requests were'} no model call, such as Claude Code's start-up HEAD /api/hello: in no figure)`,
    );
  if (rollup.windows.length < 2) return lines;
  const recent = options.recent ?? 20;
  const shown = recent > 0 ? rollup.windows.slice(-recent) : [];
  if (shown.length < rollup.windows.length) lines.push(`    (latest ${shown.length} of ${rollup.windows.length} windows)`);
  const width = Math.max(...shown.map((window) => labelWindow(window.window_id).length));
  for (const window of shown) lines.push(`    ${`${labelWindow(window.window_id)}:`.padEnd(width + 1)} ${formatProxyFigures(window)}`);
  return lines;
}

/** `routed_to_glm=64% (prompts=128), latency=820 ms p50 / 1600 ms p95, errors=0.9%` (the seed's line). */
export function formatProxyFigures(summary: ProxySummary): string {
  const routed = summary.pct_routed_to_glm === null ? 'n/a' : `${Math.round(summary.pct_routed_to_glm)}%`;
  const errors = summary.error_rate === null ? 'n/a' : `${(summary.error_rate * 100).toFixed(1)}%`;
  return `routed_to_glm=${routed} (prompts=${summary.total_prompts}), latency=${formatMs(summary.p50_latency_ms)} p50 / ${formatMs(summary.p95_latency_ms)} p95, errors=${errors}`;
}

function formatMs(value: number | null): string {
  return value === null ? 'n/a' : `${Math.round(value)} ms`;
}

function labelWindow(windowId: string | null): string {
  return windowId ?? '(no window)';
}
