// Gathers what G3 judges: the sub-agent arm against its matched baseline arm on the tasks both ran (cost, reliability, quality): pure.
import { computeScaledMean } from '../stats/scaled-moments.js';
import type { PriceTable } from '../../budget/prices/index.js';
import type { ReportTelemetryRow } from '../../ledger/index.js';
import { compareCost, type CostComparison, type CostSample } from '../compare-cost.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { isErrorSample, ROUTED_BACKEND, summarizeProxyTelemetry, type ProxySummary } from '../preview/summarize-proxy-telemetry.js';

/** One sub-agent request, as the reliability checks read it. */
export interface RequestSample {
  latency_ms: number;
  error: boolean;
}

export interface G3Input {
  cost: CostComparison;
  /** The provider routing sub-agent requests to GLM and its matched baseline; null (with `reason`) when there is none. */
  arms: { subagent: string; baseline: string } | null;
  reason: string | null;
  /** Tasks both arms ran (`plan:feature`, or the feature outside a plan). */
  matched_tasks: string[];
  /** Sub-agent requests of the matched tasks' windows, per arm. */
  glm: ProxySummary | null;
  baseline: ProxySummary | null;
  /** Per matched task the arm's mean quality, and the sub-agent arm's minus the baseline's. */
  quality: { glm: number[]; baseline: number[]; diffs: number[] };
  /** Per matched task (in `matched_tasks` order) each arm's sub-agent requests: the reliability checks resample tasks. */
  requests: { glm: RequestSample[][]; baseline: RequestSample[][] };
}

type Side = typeof ROUTED_BACKEND | 'baseline';
type Arm = Side | 'mixed';

/**
 * Seed 001: "≥2× token cost reduction on subagent work vs baseline (Codex/Claude) for matched tasks". The
 * sub-agent arm is the provider whose windows sent sub-agent requests to GLM (claude+glm); its baseline arm is
 * the same provider without that routing: the provider named without `+glm` (claude), else the same provider's
 * windows whose sub-agent requests went elsewhere, else the one other provider whose did. Only tasks both arms
 * ran count, and only those arms' windows and requests: a provider that never routes (codex, glm) is no
 * baseline. `windows` are runs, one per epoch (measure-plan-windows.ts `runs`): the telemetry names the window
 * each request was sent from, and a task-level window of epoch means has no requests of its own. The task is the
 * unit, as in the report: each arm's quality is a mean over its runs of the task, and so are its sub-agent tokens
 * and dollars (each request weighs 1 / the arm's runs of the task), so the cost reduction is the ratio of sums
 * over the tasks of those means: the baseline's over GLM's, the form of the report's work per $ (sum over sum).
 * With the same number of runs on both arms of every task it is `tracker compare-cost`'s total.
 */
export function collectG3Input(rows: readonly ReportTelemetryRow[], windows: readonly WindowMetrics[], prices: PriceTable): G3Input {
  const armOfWindow = classifyWindows(rows);
  const arms = chooseArms(windows, armOfWindow);
  const empty = { glm: [] as number[], baseline: [] as number[], diffs: [] as number[] };
  const none = { glm: [], baseline: [] };
  if ('reason' in arms)
    return {
      cost: compareCost([], prices),
      arms: null,
      reason: arms.reason,
      matched_tasks: [],
      glm: null,
      baseline: null,
      quality: empty,
      requests: none,
    };
  const inArm = (window: WindowMetrics, side: Side): boolean => {
    const arm = armOfWindow.get(window.window_id);
    const provider = side === ROUTED_BACKEND ? arms.subagent : arms.baseline;
    if (window.provider !== provider || arm === 'mixed') return false;
    // Within one provider only the routing tells the arms apart; across two the provider does.
    return arms.subagent === arms.baseline ? arm === side : arm !== (side === ROUTED_BACKEND ? 'baseline' : ROUTED_BACKEND);
  };
  const tasks = new Map<string, { glm: WindowMetrics[]; baseline: WindowMetrics[] }>();
  for (const window of windows) {
    if (window.feature_id === null) continue;
    const side = inArm(window, ROUTED_BACKEND) ? ROUTED_BACKEND : inArm(window, 'baseline') ? 'baseline' : null;
    if (side === null) continue;
    const subject = window.plan_id === null ? window.feature_id : `${window.plan_id}:${window.feature_id}`;
    const task = tasks.get(subject) ?? { glm: [], baseline: [] };
    task[side].push(window);
    tasks.set(subject, task);
  }
  const matched = [...tasks.entries()]
    .filter(([, task]) => task.glm.length > 0 && task.baseline.length > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  const quality = { glm: [] as number[], baseline: [] as number[], diffs: [] as number[] };
  const requests: G3Input['requests'] = { glm: matched.map(() => []), baseline: matched.map(() => []) };
  const runOfWindow = new Map<string, { side: Side; task: number; runs: number; feature: string }>();
  for (const [index, [, task]] of matched.entries()) {
    const glm = computeScaledMean(task.glm.map((window) => window.quality));
    const baseline = computeScaledMean(task.baseline.map((window) => window.quality));
    quality.glm.push(glm);
    quality.baseline.push(baseline);
    quality.diffs.push(glm - baseline);
    for (const side of [ROUTED_BACKEND, 'baseline'] as const)
      for (const window of task[side])
        runOfWindow.set(window.window_id, { side, task: index, runs: task[side].length, feature: window.feature_id as string });
  }
  // A request's feature is its window's: the window is what matched the task (a request without feature_id counts too).
  const subagentRows = rows.flatMap((row) => {
    const run = row.subagent_id !== null && row.window_id ? runOfWindow.get(row.window_id) : undefined;
    return run ? [{ row: { ...row, feature_id: run.feature }, run }] : [];
  });
  for (const { row, run } of subagentRows) requests[run.side][run.task]?.push({ latency_ms: row.latency_ms, error: isErrorSample(row) });
  const weights = new Map<CostSample, number>(subagentRows.map(({ row, run }) => [row, 1 / run.runs]));
  const ofSide = (side: Side) => subagentRows.filter(({ run }) => run.side === side).map(({ row }) => row);
  const glmRows = ofSide(ROUTED_BACKEND);
  const baseRows = ofSide('baseline');
  return {
    cost: compareCost([...weights.keys()], prices, { weight: (sample) => weights.get(sample) ?? 1 }),
    arms,
    reason: matched.length === 0 ? `${arms.subagent} and ${arms.baseline} ran no task in common` : null,
    matched_tasks: matched.map(([subject]) => subject),
    glm: glmRows.length === 0 ? null : summarizeProxyTelemetry(glmRows),
    baseline: baseRows.length === 0 ? null : summarizeProxyTelemetry(baseRows),
    quality,
    requests,
  };
}

/** Each window with sub-agent requests: `glm` when all went to GLM, `baseline` when none did, else `mixed`. */
function classifyWindows(rows: readonly ReportTelemetryRow[]): Map<string, Arm> {
  const counts = new Map<string, { glm: number; other: number }>();
  for (const row of rows) {
    if (row.subagent_id === null || !row.window_id) continue;
    const count = counts.get(row.window_id) ?? { glm: 0, other: 0 };
    count[row.backend_provider === ROUTED_BACKEND ? ROUTED_BACKEND : 'other'] += 1;
    counts.set(row.window_id, count);
  }
  return new Map([...counts].map(([id, c]) => [id, c.other === 0 ? ROUTED_BACKEND : c.glm === 0 ? 'baseline' : 'mixed']));
}

function chooseArms(
  windows: readonly WindowMetrics[],
  armOfWindow: ReadonlyMap<string, Arm>,
): { subagent: string; baseline: string } | { reason: string } {
  const providersWith = (arm: Arm) =>
    [...new Set(windows.filter((window) => armOfWindow.get(window.window_id) === arm).map((window) => window.provider))].sort();
  const routing = providersWith(ROUTED_BACKEND);
  const subagent = routing[0];
  if (subagent === undefined)
    return { reason: `no feature has sub-agent requests routed to ${ROUTED_BACKEND} (no provider's windows send them there)` };
  if (routing.length > 1)
    return { reason: `several providers route sub-agent requests to ${ROUTED_BACKEND} (${routing.join(', ')}): G3 compares one` };
  const named = subagent.endsWith(`+${ROUTED_BACKEND}`) ? subagent.slice(0, -(ROUTED_BACKEND.length + 1)) : null;
  const present = new Set(windows.map((window) => window.provider));
  if (named !== null && present.has(named)) return { subagent, baseline: named };
  const others = providersWith('baseline');
  if (others.includes(subagent)) return { subagent, baseline: subagent };
  if (others.length === 1) return { subagent, baseline: others[0] as string };
  return {
    reason:
      others.length === 0
        ? `no baseline arm for ${subagent}: no ${named ?? 'other'} provider's windows${named ? '' : ' sent sub-agent requests elsewhere'}`
        : `no single baseline arm for ${subagent}: ${others.join(', ')} all send sub-agent requests elsewhere`,
  };
}
