// The dashboard of `experiment status --watch`: runs with their ETA, the last arms, the live bars with time to limit.
import { readReportLedger, type BarInputs } from '../../ledger/index.js';
import { escapeControls, escapeStrings } from '../../kernel/index.js';
import {
  BAR_PERIOD_MS,
  buildReport,
  collectBarSeries,
  describeDecision,
  projectBars,
  type BarProjection,
  type ExperimentReport,
} from '../../reports/index.js';
import { describeProjection, formatClock, formatTimeUntil } from '../format-bars.js';
import type { InfrastructureFailure } from '../../ledger/runs/index.js';
import { describeVerdictContrast, firstSentence } from './dashboard-verdict.js';
import { formatStartHint } from './shell-hints.js';
import { wrapLine } from '../wrap-line.js';
import { readEverydayCalibrations } from '../read-everyday-calibrations.js';
import { createPriceTable } from '../../budget/prices/index.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { estimateFinish } from './estimate-finish.js';

/** What the view reads of a plan's status (experiment-status.ts's PlanStatus has it). */
export interface WatchedPlan {
  plan_id: string;
  state: string;
  stopped_by: string | null;
  done: number;
  open: number;
  arms: number;
  pending: number;
  arm_states: WatchedArm[];
  infrastructure_failures: InfrastructureFailure[];
}

export interface WatchedArm {
  arm_index: number;
  period: number;
  task_id: string;
  provider: string;
  state: string;
  outcome: string | null;
  quality: number | null;
  capacity_delta: number | null;
  /** When its window was finalized (the window row's ts); null while it runs or waits. */
  finished_at: string | null;
}

/** What one look shows; two looks with the same view print nothing new (`at` and `ended` aside). */
export interface WatchView {
  at: string;
  plans: {
    plan_id: string;
    state: string;
    stopped_by: string | null;
    done: number;
    running: number;
    arms: number;
    pending: number;
    infrastructure_failures: number;
    /** When the remaining arms should be done at the recent pace; null with eta_reason when it cannot be told. */
    eta: string | null;
    eta_reason: string | null;
  }[];
  estimate: string | null;
  sequence: string | null;
  /** The verdict's headline; the whole verdict is printed once the run has ended. */
  verdict: string | null;
  last_arms: (WatchedArm & { plan_id: string })[];
  /** Bars with a reading younger than their period whose reset has not passed. */
  bars: BarProjection[];
  /** Each live bar's account: the tasks like its last 20 left before a bar binds (docs/plans.md#headroom-as-tasks). */
  headroom: string[];
}

const LAST_ARMS = 5;
const BAR_THRESHOLDS = [80, 95];

/** `bars`: the bar inputs as the ledger has them now (a watcher passes its incremental reader's read). */
export function buildDashboard(
  dataDir: string,
  statuses: WatchedPlan[],
  plan: string | undefined,
  now: Date,
  bars: BarInputs,
  catalog: ProviderCatalog,
): { view: WatchView; report: ExperimentReport | null } {
  const at = now.toISOString();
  const plans = statuses.map((s) => ({
    plan_id: s.plan_id,
    state: s.state,
    stopped_by: s.stopped_by,
    done: s.done,
    running: s.open,
    arms: s.arms,
    pending: s.pending,
    infrastructure_failures: s.infrastructure_failures.length,
    ...estimateFinish(s, now),
  }));
  const lastArms = statuses
    .flatMap((s) => s.arm_states.filter((arm) => arm.state !== 'pending').map((arm) => ({ ...arm, plan_id: s.plan_id })))
    .sort((a, b) => (a.finished_at ?? '\uffff').localeCompare(b.finished_at ?? '\uffff') || a.arm_index - b.arm_index)
    .slice(-LAST_ARMS);
  const live = projectBars(collectBarSeries(bars), now, BAR_THRESHOLDS).filter((p) => isLive(p, now));
  const base: WatchView = { at, plans, estimate: null, sequence: null, verdict: null, last_arms: lastArms, bars: live, headroom: [] };
  if (statuses.every((status) => status.done === 0)) return { view: base, report: null };
  // Few resamples: the live view needs the estimate and the verdict, not a publication-grade bootstrap.
  // Ledger text one line each before the report composes with it (the verdict quotes a stop's reason), so a forged line cannot reach the terminal.
  const report = buildReport(escapeStrings(readReportLedger(dataDir)), {
    generatedAt: at,
    tasks: null,
    resamples: 1000,
    planId: plan ?? statuses.at(-1)?.plan_id,
    // The report's own prices (every reading of each plan), so the live verdict is the report's.
    prices: createPriceTable(catalog),
    calibrations: readEverydayCalibrations(dataDir, catalog, undefined, 0.95),
  });
  const decision = report.stop.verdict_pair;
  return {
    view: {
      ...base,
      estimate: describeVerdictContrast(report),
      sequence: decision ? `${decision.a} vs ${decision.b}: ${describeDecision(decision)}` : null,
      verdict: firstSentence(report.verdict),
    },
    report,
  };
}

function isLive(p: BarProjection, now: Date): boolean {
  if (p.at === null) return false;
  return now.getTime() - Date.parse(p.at) <= BAR_PERIOD_MS[p.bar] && (p.resets_at === null || Date.parse(p.resets_at) > now.getTime());
}

/**
 * The dashboard as lines, each escaped (a plan id, a stop reason or a failure from the ledger cannot move the cursor
 * or forge a line), cut to `width` on a terminal. `stamp`: prefix each run line with the time (a log, not a redraw).
 */
export function renderDashboard(
  view: WatchView,
  options: { dataDir: string; stamp: boolean; width: number | null; waiting: string | null },
): string {
  const now = new Date(view.at);
  const lines: string[] = [];
  if (options.waiting !== null) lines.push(options.waiting);
  for (const p of view.plans) {
    const eta =
      p.eta !== null
        ? `, ETA ${formatClock(p.eta, now)} (${formatTimeUntil(p.eta, now)})`
        : p.eta_reason && (p.state === 'running' || p.state === 'elsewhere')
          ? `, ETA n/a (${p.eta_reason})`
          : '';
    const infra =
      p.infrastructure_failures > 0
        ? `, ${p.infrastructure_failures} infrastructure failure${p.infrastructure_failures === 1 ? '' : 's'}`
        : '';
    const state = p.stopped_by ? `${p.state}: ${p.stopped_by}` : p.state;
    lines.push(
      `${options.stamp ? `${view.at} ` : ''}plan ${p.plan_id}: ${p.done}/${p.arms} arms done, ${p.running} running, ${p.pending} pending${infra}; ${state}${eta}`,
    );
  }
  if (view.estimate) lines.push(`  primary: ${view.estimate}`);
  if (view.sequence) lines.push(`  stop rule: ${view.sequence}`);
  if (view.verdict) lines.push(`  verdict so far: ${view.verdict}`);
  if (view.last_arms.length > 0) lines.push('  last arms:');
  // Columns as wide as what they show (up to the old fixed widths): 80 columns hold an arm's line.
  const widest = (pick: (arm: WatchedArm) => string, most: number): number =>
    Math.min(most, Math.max(0, ...view.last_arms.map((arm) => pick(arm).length)));
  const taskWidth = widest((arm) => arm.task_id, 22);
  const providerWidth = widest((arm) => arm.provider, 14);
  const outcomeWidth = widest((arm) => String(arm.outcome), 15);
  for (const arm of view.last_arms) {
    const detail =
      arm.state === 'done'
        ? `${String(arm.outcome).padEnd(outcomeWidth)} quality ${arm.quality?.toFixed(2) ?? 'n/a'}  delta ${arm.capacity_delta === null ? 'n/a' : `${arm.capacity_delta}%`}`
        : 'running';
    lines.push(
      `    #${String(arm.arm_index + 1).padStart(3, '0')} p${arm.period} ${arm.task_id.padEnd(taskWidth)} ${arm.provider.padEnd(providerWidth)} ${detail}`,
    );
  }
  if (view.bars.length > 0) lines.push('  bars:');
  for (const bar of view.bars) lines.push(`    ${describeProjection(bar, now)}`);
  if (view.headroom.length > 0) lines.push('  headroom:', ...view.headroom.map((line) => `    ${line}`));
  if (view.plans.length === 0) lines.push(formatStartHint(options.dataDir));
  const width = options.width;
  return `${lines
    .map((line) => escapeControls(line))
    .flatMap((line) => (width === null ? [line] : wrapLine(line, width)))
    .join('\n')}\n`;
}
