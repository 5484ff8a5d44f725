// The content of `experiment report`: one object the markdown, the charts and --json are all made from.
import type { ProviderSummary } from '../../ledger/index.js';
import type { CostComparison } from '../compare-cost.js';
import type { SeatDecision } from '../gates/decide-seat.js';
import type { G1Result } from '../gates/evaluate-g1.js';
import type { G2Result } from '../gates/evaluate-g2.js';
import type { G3Result } from '../gates/evaluate-g3.js';
import type { PairedComparison } from '../metrics/analyze-pairs.js';
import type { StopStatus } from '../metrics/check-stop-status.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import type { PriceSources } from '../metrics/compare-price-sources.js';
import type { RatioPowerPlan } from '../metrics/ratio-power-plan.js';
import type { EpochSummary } from '../metrics/summarize-epochs.js';
import type { ProviderCalibration } from '../metrics/price-window-metrics.js';
import type { AnomalySummary, BudgetSummary } from '../metrics/summarize-ledger-events.js';
import type { ProviderMetrics } from '../metrics/summarize-provider-metrics.js';
import type { ProxyRollup } from '../preview/summarize-proxy-telemetry.js';
import type { WorkPerDollar } from '../metrics/analyze-work-per-dollar.js';
import type { PrimaryPlan } from './resolve-analysis-plan.js';

/** An arm that could not run (its CLI, sandbox or back end failed): never scored, still pending. */
export interface InfrastructureFailureNote {
  provider: string;
  task_id: string;
  /** null: every remaining arm of the provider (skipped by the preflight, or after a failure under --keep-going). */
  arm_index: number | null;
  reason: string;
}

export interface ExperimentReport {
  generated_at: string;
  data_dir: string;
  settings: {
    alpha: number;
    confidence: number;
    /** The smallest efficiency difference worth detecting, as a fraction of the reference's mean. */
    min_effect: number;
    baseline: string | null;
    seed: string;
    resamples: number;
    planned_tasks: number;
    /** The providers compared on matched tasks (A, B). */
    pair: [string, string] | null;
    /** Efficiency per dollar of subscription, or per the bars' own unit (with the reason). */
    unit: 'usd' | 'bars';
    unit_reason: string | null;
    /** Tasks in the package's own bank, when the caller counted them: what `--all-tasks` can add (the advice's count). */
    builtin_tasks: number | null;
  };
  /** The pre-registered primary analysis (or, without one, the report's defaults, said so), with any deviation. */
  analysis: PrimaryPlan;
  /** Its result: each provider's work per dollar, every pair's decision, who is ahead. Every other analysis is secondary. */
  primary: WorkPerDollar;
  /** Each provider's bars calibrated against the list price of its own requests: its $ of subscription per list $. */
  calibrations: ProviderCalibration[];
  /** Each provider priced from every reading, beside its windows' own price, and where the two disagree. */
  price_sources: PriceSources[];
  /** Tasks as the unit: effective n, epochs per task, between- and within-task variance of the pair's difference. */
  epochs: EpochSummary;
  windows: {
    completed: number;
    /** The latest completion among them (ISO), or null: what a plan's report is "as of". */
    last_completed_at: string | null;
    /** With a non-zero capacity delta: the n of the efficiency means. */
    with_capacity: number;
    with_proxy_tokens: number;
    ambiguous_window_ids: string[];
    /** Providers with windows the scripted model server answered (their methodology says SIMULATED). */
    simulated_providers: string[];
    /** The latest windows (for the capacity chart). */
    recent: WindowMetrics[];
  };
  providers: ProviderMetrics[];
  /** What `tracker preview --record` would record now (n, ci_width, power, quality_ratio per provider). */
  current_gate_fields: ProviderSummary[];
  comparison: PairedComparison | null;
  pairing: { a: string; b: string; pairs: number; unpaired: number; repeats: number } | null;
  /** Power and tasks needed for the pair the verdict waits on, simulated on the plan's own decision. */
  plan: RatioPowerPlan | null;
  /** The pair `plan` is for: the contest the verdict still waits on (best provider first). */
  power_pair: [string, string] | null;
  stop: StopStatus;
  gates: { g1: G1Result; g2: G2Result; g3: G3Result };
  /** Sub-agent cost, GLM against the baseline, per matched feature (what G3's cost check reads). */
  cost: CostComparison;
  decision: SeatDecision;
  /** The one paragraph the report opens with. */
  verdict: string;
  anomalies: AnomalySummary;
  proxy: ProxyRollup | null;
  budget: BudgetSummary;
  /** Problems with the data read (skipped lines, torn tails, unattributed telemetry). */
  data_notes: string[];
  /** The plan's arms that could not run, from the runner's record: listed, never scored. */
  infrastructure_failures: InfrastructureFailureNote[];
}
