// Turns the report's windows into crossover observations (task = subject, run order = period) for 2+ providers: pure.
import type { EfficiencyUnit } from '../../ledger/index.js';
import type { PeriodObservation } from '../stats/williams-analysis.js';
import type { WindowMetrics } from './compute-window-metrics.js';

/** What went into the model and what was left out, and why. */
export interface ProviderObservations {
  observations: PeriodObservation[];
  /** The efficiency unit compared; windows in another one are left out. */
  unit: EfficiencyUnit | null;
  /** Providers with at least one observation (sorted), the requested ones only when a subset was asked for. */
  providers: string[];
  subjects: { used: number; complete: number; incomplete: number; dropped: number };
  windows: { used: number; no_task: number; no_efficiency: number; other_unit: number; repeats: number };
}

/**
 * Like pair-windows.ts, for any number of providers: the subject is the task (`plan:feature`, or the
 * feature without a plan), a provider's first window on a task is used and later ones are repeats, the
 * period is the windows' `period` when every window of the task has a distinct one, else the start order.
 * Windows without efficiency or in another unit (default: the unit of most windows) give no outcome, but
 * they still ran, so they stay in the run order and count as the next window's previous treatment.
 * Tasks left with fewer than two outcomes are dropped: they say nothing about a difference within a task.
 */
export function collectProviderObservations(
  windows: readonly WindowMetrics[],
  options: { providers?: readonly string[]; unit?: EfficiencyUnit } = {},
): ProviderObservations {
  const tasks = new Map<string, Map<string, WindowMetrics>>();
  const counts = { used: 0, no_task: 0, no_efficiency: 0, other_unit: 0, repeats: 0 };
  for (const window of windows) {
    if (window.feature_id === null) {
      counts.no_task += 1;
      continue;
    }
    const subject = window.plan_id === null ? window.feature_id : `${window.plan_id}:${window.feature_id}`;
    const byProvider = tasks.get(subject) ?? new Map<string, WindowMetrics>();
    tasks.set(subject, byProvider);
    if (byProvider.has(window.provider)) counts.repeats += 1;
    else byProvider.set(window.provider, window);
  }
  const kept = [...tasks.values()].flatMap((byProvider) => [...byProvider.values()]);
  const unit = options.unit ?? chooseUnit(kept);
  const wanted = options.providers ? new Set(options.providers) : null;
  const observations: PeriodObservation[] = [];
  const subjects = { used: 0, complete: 0, incomplete: 0, dropped: 0 };
  for (const [subject, byProvider] of tasks) {
    const ordered = orderRuns([...byProvider.values()]);
    const usable = ordered.filter(
      ({ window }) => (!wanted || wanted.has(window.provider)) && window.efficiency !== null && window.unit === unit,
    );
    for (const { window } of ordered) {
      if (wanted && !wanted.has(window.provider)) continue;
      if (window.efficiency === null) counts.no_efficiency += 1;
      else if (window.unit !== unit) counts.other_unit += 1;
    }
    if (usable.length < 2) {
      subjects.dropped += 1;
      continue;
    }
    subjects.used += 1;
    counts.used += usable.length;
    for (const run of usable) {
      const before = ordered.find((other) => other.period === run.period - 1);
      const first = ordered.indexOf(run) === 0 && run.period === 1;
      observations.push({
        subject,
        period: run.period,
        treatment: run.window.provider,
        y: run.window.efficiency as number,
        previousTreatment: before ? before.window.provider : first ? null : undefined,
      });
    }
  }
  const providers = [...new Set(observations.map((o) => o.treatment))].sort();
  for (const subject of new Set(observations.map((o) => o.subject))) {
    if (observations.filter((o) => o.subject === subject).length === providers.length) subjects.complete += 1;
    else subjects.incomplete += 1;
  }
  return { observations, unit, providers, subjects, windows: counts };
}

/** The unit most windows with an efficiency are in (ties: alphabetical), so one odd window cannot set it. */
function chooseUnit(windows: readonly WindowMetrics[]): EfficiencyUnit | null {
  const counts = new Map<EfficiencyUnit, number>();
  for (const w of windows) if (w.efficiency !== null && w.unit !== null) counts.set(w.unit, (counts.get(w.unit) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0]?.[0] ?? null;
}

/**
 * The task's windows with their period: the plan's `period` when every window has one and they differ,
 * else 1, 2, ... in start order (ties: completion, then provider), as pair-windows.ts does for two.
 */
function orderRuns(windows: WindowMetrics[]): { window: WindowMetrics; period: number }[] {
  const planned = windows.every((w) => w.period !== null) && new Set(windows.map((w) => w.period)).size === windows.length;
  if (planned) return windows.map((window) => ({ window, period: window.period as number })).sort((x, y) => x.period - y.period);
  const sorted = [...windows].sort(
    (x, y) =>
      readStart(x) - readStart(y) || Date.parse(x.completed_at) - Date.parse(y.completed_at) || x.provider.localeCompare(y.provider),
  );
  return sorted.map((window, i) => ({ window, period: i + 1 }));
}

function readStart(window: WindowMetrics): number {
  const at = Date.parse(window.started_at ?? window.completed_at);
  return Number.isNaN(at) ? 0 : at;
}
