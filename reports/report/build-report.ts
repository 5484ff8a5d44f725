// Builds the experiment report's content from what the loader read: metrics, comparison, power, stop rules, gates, decision: pure.
import type { PriceTable } from '../../budget/prices/index.js';
import type { ReportLedger } from '../../ledger/index.js';
import { countProviderPairs, summarizeGateFields } from '../gates/summarize-gate-fields.js';
import { decideSeat } from '../gates/decide-seat.js';
import type { TaskStatus } from '../gates/evaluate-g2.js';
import { collectSeatGates } from './evaluate-seat-gates.js';
import { analyzePairs } from '../metrics/analyze-pairs.js';
import { analyzeWorkPerDollar } from '../metrics/analyze-work-per-dollar.js';
import { comparePriceSources } from '../metrics/compare-price-sources.js';
import { chooseOpenContest, chooseVerdictPair } from './choose-verdict-pair.js';
import { pairRatioTasks } from '../metrics/pair-ratio-tasks.js';
import { describeStopStatus } from '../metrics/check-stop-status.js';
import { decidePlanStop, describeCiFinite } from '../metrics/decide-plan-stop.js';
import type { ProviderCalibration } from '../metrics/price-window-metrics.js';
import { keepFinishedTasks, measureWindows } from '../metrics/measure-plan-windows.js';
import { resolveBudgetCaps } from '../metrics/resolve-budget-caps.js';
import { resolvePlanRule } from '../metrics/resolve-plan-rule.js';
import { scopeLedgerToPlan } from '../metrics/scope-plan-ledger.js';
import { summarizeEpochs } from '../metrics/summarize-epochs.js';
import { choosePairProviders, pairWindows } from '../metrics/pair-windows.js';
import { summarizeAnomalies, summarizeBudgetEvents } from '../metrics/summarize-ledger-events.js';
import { summarizeProviderMetrics } from '../metrics/summarize-provider-metrics.js';
import { buildProxyRollup } from '../preview/summarize-proxy-telemetry.js';
import type { ExperimentReport, InfrastructureFailureNote } from './experiment-report.js';
import { resolveAnalysisPlan, UNREGISTERED_PLANNED_TASKS } from './resolve-analysis-plan.js';
import { planContestPower, type RememberPower } from './plan-contest-power.js';
import { describeDataNotes, summarizeWindowCounts } from './summarize-report-ledger.js';
import { writeVerdict } from './write-verdict.js';

export interface ReportOptions {
  /** When the report is made (ISO time). */
  generatedAt: string;
  /** List prices for cost: the caller's catalog's (createPriceTable); required, reports/ holds no default catalog. */
  prices: PriceTable;
  /** Task bank metadata for G2; null when there is no task bank. */
  tasks: TaskStatus[] | null;
  baseline?: string | undefined;
  /** The providers of the primary analysis (the first two are the pair of the secondary AB/BA analyses); default: the plan's. */
  providers?: string[] | undefined;
  /** The registered plan to analyse; default: the one with the most windows. */
  planId?: string | undefined;
  alpha?: number | undefined;
  minEffect?: number | undefined;
  seed?: string | number | undefined;
  resamples?: number | undefined;
  /** Planned tasks: what the power figures plan for; default: the plan's, else the tasks in the data (at least 12). */
  plannedTasks?: number | undefined;
  fallbackSeat?: string | undefined;
  /** Efficiency per dollar of subscription (`usd`, the default, when every window can be priced) or per bar unit (`bars`). */
  unit?: 'usd' | 'bars' | undefined;
  /** How many windows the capacity chart shows (the latest); default 200. */
  chartWindows?: number | undefined;
  /** Pool every window of the data dir (pricing calibration, provider summaries, gates) instead of the plan's own. */
  pool?: boolean | undefined;
  /** Simulated runs per power figure (default 400); 0 leaves power out (live views that refresh often). */
  powerRuns?: number | undefined;
  /** Where the caller keeps simulated power figures between processes (the CLI's cache); absent: simulate. */
  rememberPower?: RememberPower | undefined;
  /** The runner's record of arms that could not run (infrastructure failures): listed in the report, never scored. */
  infrastructureFailures?: InfrastructureFailureNote[] | undefined;
  /**
   * Prices from every reading of each plan (buildEverydayCalibration over the data dir: the captures, the proxy's
   * headers, statusLine, quota, OTel and rollouts), by provider: each replaces the one the plan's windows alone give
   * for a provider on the same plan, when it has a known price. The CLI and the viewer pass them by default.
   */
  calibrations?: ReadonlyMap<string, ProviderCalibration> | undefined;
  /** `--calibration windows`: the caller priced from the plan's windows alone on purpose (a deviation). */
  calibrationSource?: 'readings' | 'windows' | undefined;
  /** Tasks in the package's own bank (the caller counts them): what `--all-tasks` can add to a plan's built-in ones. */
  builtinTasks?: number | undefined;
}

export const DEFAULT_PLANNED_TASKS = UNREGISTERED_PLANNED_TASKS;

/** Everything the markdown and the charts show, computed once; no I/O. */
export function buildReport(all: ReportLedger, options: ReportOptions): ExperimentReport {
  const analysis = resolveAnalysisPlan(all.analysisPlans, all.windows, options);
  // A registered plan's report reads that plan's rows only (pricing calibration included), so it is the same
  // report whatever else the data dir holds; --pool reads everything, said as a deviation.
  const ledger = analysis.plan_id !== null && options.pool !== true ? scopeLedgerToPlan(all, analysis.plan_id) : all;
  if (options.pool === true && analysis.plan_id !== null)
    analysis.deviations.push("every window of the data dir pooled (--pool), not only the plan's");
  const { alpha, min_effect: minEffect } = analysis;
  const seed = options.seed ?? 'experiment-report';
  const { prices } = options;
  const measured = measureWindows(ledger, analysis.estimand, { prices, confidence: 1 - alpha, calibrations: options.calibrations });
  if (options.calibrationSource === 'windows')
    analysis.deviations.push("priced from the plan's windows alone (--calibration windows), not from every reading of each plan");
  const { ambiguous_window_ids, priced } = measured;
  if (priced.unit !== analysis.estimand)
    analysis.deviations.push(`efficiency per bar unit, not per dollar: ${priced.unit_reason ?? 'not every window is priced'}`);
  const runs = measured.runs;
  // The task is the unit: the epochs of each (task, provider) become one window of their means before any
  // analysis, so no interval, test, stop rule or sample size counts a repeat as another task.
  const { windows } = measured;
  const inPlan = (window: { plan_id: string | null }) => analysis.plan_id === null || window.plan_id === analysis.plan_id;
  const planWindows = windows.filter(inPlan);
  const calibrationSe = new Map(priced.calibrations.map((c) => [c.provider, c.usd_per_list_usd?.log_se ?? 0]));
  const providers = summarizeProviderMetrics(windows, 1 - alpha, calibrationSe);
  // One baseline for the gates and the relative figures: the plan's reference, else --baseline, else the first
  // provider by name, as the preview chooses (reports/gates/build-preview-efficiency.ts).
  const present = [...new Set(windows.map((window) => window.provider))].sort();
  const reference = analysis.reference ?? options.baseline ?? present[0] ?? null;
  const baseline = reference;
  const current = summarizeGateFields(planWindows, {
    baseline: reference,
    alpha,
    minEffect,
    pairs: countProviderPairs(analysis.providers.length >= 2 ? analysis.providers.length : present.length),
    calibrationSe,
  });
  const rule = resolvePlanRule({ ...analysis, sequential: analysis.sequential ?? undefined, planned_tasks: analysis.planned_tasks });
  // The runner's own view (reports/metrics/check-run-stop.ts): finished tasks only, so the report's answer is the
  // answer the runner's looks gave, at every moment of a run.
  const maxEpoch = Math.max(1, ...runs.map((run) => run.epoch ?? 1));
  const finished = keepFinishedTasks(runs.filter(inPlan), maxEpoch);
  const budgets = resolveBudgetCaps(analysis.task_budget ?? undefined, priced.calibrations, priced.unit);
  const primary = analyzeWorkPerDollar(finished, {
    providers: analysis.providers,
    unit: priced.unit,
    rule,
    calibrations: priced.calibrations,
    alpha,
    budgets,
  });
  // The secondary AB/BA analyses and the chart follow the verdict: its leader and the nearest rival, else the best two.
  const pair = chooseVerdictPair(primary, analysis.providers) ?? choosePairProviders(planWindows, options.providers);
  const pairing = pair ? pairWindows(planWindows, pair[0], pair[1]) : null;
  const comparison =
    pairing && pairing.pairs.length > 0
      ? analyzePairs(pairing, { alpha, seed, resamples: options.resamples ?? 10_000, unit: priced.unit })
      : null;
  const contest = chooseOpenContest(primary) ?? pair;
  const contestTasks = contest ? (pairRatioTasks(finished, contest)[0]?.tasks ?? []) : [];
  const powerRuns = options.powerRuns ?? 400;
  const plan =
    contest && powerRuns > 0 && primary.unit === priced.unit
      ? planContestPower(contest, contestTasks, {
          analysis,
          rule,
          calibrationSe,
          budgets,
          runs: powerRuns,
          seed,
          remember: options.rememberPower,
        })
      : null;
  const epochs = summarizeEpochs(runs.filter(inPlan), pair, comparison?.pairs.length ?? 0);
  const decided = decidePlanStop(runs, primary, rule, describeCiFinite(primary));
  const recorded = ledger.runStops.filter((row) => row.plan_id === analysis.plan_id).at(-1) ?? null;
  const stop = describeStopStatus(decided, rule, { pair, recorded });
  const { gates, cost } = collectSeatGates(ledger, {
    planId: analysis.plan_id,
    unit: priced.unit,
    reference,
    runs,
    prices,
    tasks: options.tasks,
  });
  const decision = decideSeat(gates, options.fallbackSeat === undefined ? {} : { fallbackSeat: options.fallbackSeat });
  const report: Omit<ExperimentReport, 'verdict'> = {
    generated_at: options.generatedAt,
    data_dir: ledger.dataDir,
    settings: {
      alpha,
      confidence: 1 - alpha,
      min_effect: minEffect,
      baseline,
      seed: String(seed),
      resamples: options.resamples ?? 10_000,
      planned_tasks: rule.planned_tasks,
      pair,
      unit: priced.unit,
      unit_reason: priced.unit_reason,
      builtin_tasks: options.builtinTasks ?? null,
    },
    analysis,
    primary,
    calibrations: priced.calibrations,
    price_sources: comparePriceSources(priced.calibrations, priced.replaced),
    epochs,
    windows: summarizeWindowCounts(ledger, runs, ambiguous_window_ids, options.chartWindows ?? 200),
    providers,
    current_gate_fields: current,
    comparison,
    pairing: pairing
      ? { a: pairing.a, b: pairing.b, pairs: pairing.pairs.length, unpaired: pairing.unpaired, repeats: pairing.repeats }
      : null,
    plan,
    power_pair: contest,
    stop,
    gates,
    cost,
    decision,
    anomalies: summarizeAnomalies(ledger.anomalies),
    proxy: buildProxyRollup(ledger.telemetry),
    budget: summarizeBudgetEvents(ledger.budgetEvents),
    data_notes: describeDataNotes(ledger, ambiguous_window_ids),
    infrastructure_failures: options.infrastructureFailures ?? [],
  };
  return { ...report, verdict: writeVerdict(report) };
}
