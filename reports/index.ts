// Public API of the reports: pure functions over ledger views (no file system access).
export * from './preview/index.js';
export { addSample, computeMeanInterval, createRunningStats, type MeanInterval, type RunningStats } from './running-stats.js';
export { computeQuantile, computeQuantiles } from './compute-quantile.js';
export {
  compareCost,
  type ArmTotals,
  type CompareCostOptions,
  type CostComparison,
  type CostSample,
  type FeatureCostComparison,
} from './compare-cost.js';
export { formatUsd, renderCostComparison } from './render-compare-cost.js';
export { checkSeedStopRule, type ArmHealth, type SeedStopVerdict } from './stats/stop-rules.js';
export {
  DISTRIBUTION_MODELS,
  findDistributionBounds,
  parseDistribution,
  SIMULATED_DISTRIBUTIONS,
  type SimulatedDistribution,
} from './stats/simulate-distributions.js';
export {
  computeMonteCarloMean,
  computeWilsonInterval,
  MONTE_CARLO_CONFIDENCE,
  type MonteCarloMean,
  type RateInterval,
} from './stats/monte-carlo-intervals.js';
export {
  findProviderWindow,
  findSimulationTruth,
  resolveDesign,
  simulateCrossover,
  simulateOneExperiment,
  type CrossoverDesign,
  type RandomSource,
  type SimulatedTask,
  type SimulatedWindow,
} from './stats/simulate-crossover.js';
export { computeTInterval, MIN_INTERVAL_N, type TInterval } from './stats/t-interval.js';
export {
  bootstrapStatistic,
  bootstrapStatistics,
  MIN_BOOTSTRAP_N,
  type BootstrapOptions,
  type BootstrapResult,
  type LeaveOneOut,
  type WeightedStatistic,
} from './stats/bootstrap.js';
export {
  computeBcaInterval,
  computeJackknifeAcceleration,
  computePercentileInterval,
  interpolateSortedQuantile,
  type BcaInterval,
} from './stats/bootstrap-intervals.js';
export { bootstrapRatio, sumWeighted, type PairedTask, type RatioBootstrap, type RatioTerms } from './stats/bootstrap-ratio.js';
export { createSeededRandom, drawResampleWeights, type SeededRandom } from './stats/seeded-random.js';
export { computeIncompleteBeta } from './stats/incomplete-beta.js';
export { computeStudentTCdf, computeStudentTDensity, computeStudentTQuantile } from './stats/student-t.js';
export { computeNoncentralTCdf } from './stats/noncentral-t.js';
export {
  checkDesignInput,
  checkProbability,
  checkSampleSize,
  computePower,
  computePowerFromNoncentrality,
  computeTestDistribution,
  MIN_SAMPLE,
  SAMPLE_UNITS,
  STUDY_DESIGNS,
  type PowerInput,
  type PowerResult,
  type StudyDesign,
} from './stats/power.js';
export { computeSampleSize, MAX_SAMPLE_SIZE, type SampleSizeInput, type SampleSizeResult } from './stats/sample-size.js';
export { buildTEstimate, checkAlpha, computeStudentQuantile, type TEstimate } from './stats/crossover-estimate.js';
export {
  analyzeCrossover,
  CARRYOVER_NOTE,
  type CrossoverAnalysis,
  type CrossoverGroup,
  type CrossoverSequence,
  type CrossoverSubject,
} from './stats/crossover-grizzle.js';
export { pairCrossoverPeriods, type CrossoverPeriodRow, type PairedPeriods } from './stats/crossover-pair-periods.js';
export { findAliasedColumns, fitLeastSquares, type ColumnAliasing, type LeastSquaresFit } from './stats/crossover-least-squares.js';
export { adjustHolm } from './stats/adjust-holm.js';
export { computeFisherExactP, type TwoByTwo } from './stats/crossover-fisher-exact.js';
export { analyzeMainlandGart, type MainlandGartAnalysis, type OddsRatioEstimate } from './stats/mainland-gart.js';
export { createWilliamsDesign, isWilliamsDesign, type WilliamsDesignLabel } from './stats/williams-design.js';
export {
  analyzeWilliams,
  describeDesign,
  type CarryoverEstimate,
  type CarryoverOption,
  type CarryoverResult,
  type PairwiseContrast,
  type PeriodObservation,
  type TreatmentContrast,
  type WilliamsAnalysis,
} from './stats/williams-analysis.js';
export { renderCrossoverAnalysis, renderMainlandGart, renderWilliamsAnalysis } from './stats/crossover-render.js';
export { computeWindowMetrics, type WindowMetrics, type WindowMetricsResult } from './metrics/compute-window-metrics.js';
export {
  createWindowUsageFold,
  summarizeWindowUsage,
  type TelemetryUsageRow,
  type WindowUsage,
  type WindowUsageFold,
} from './metrics/summarize-window-usage.js';
export {
  computeEfficiencyInterval,
  summarizeProviderMetrics,
  type EfficiencyInterval,
  type ProviderMetrics,
} from './metrics/summarize-provider-metrics.js';
export { choosePairProviders, pairWindows, type PairingResult, type TaskPair } from './metrics/pair-windows.js';
export { analyzePairs, type AnalyzeOptions, type PairedComparison } from './metrics/analyze-pairs.js';
export { describeStopStatus, findOrientedDecision, type StopStatus } from './metrics/check-stop-status.js';
export { checkRunStop } from './metrics/check-run-stop.js';
export { decidePlanStop, describeDecision, isSettled, type PlanStop, type SeedCheck } from './metrics/decide-plan-stop.js';
export { resolvePlanRule } from './metrics/resolve-plan-rule.js';
export { analyzeWorkPerDollar, type ProviderWork, type WorkPerDollar } from './metrics/analyze-work-per-dollar.js';
export { type DecideOptions, decideRatioPair, type PairDecision, type PairLook, type PairOutcome } from './metrics/decide-ratio-pair.js';
export { pairRatioTasks, readCost, type RatioPair, type RatioPairTask } from './metrics/pair-ratio-tasks.js';
export { resolveBudgetCaps } from './metrics/resolve-budget-caps.js';
export { compareRatioOfSums, summarizeRatioOfSums, type PairedRatio, type RatioSummary, type RatioTask } from './stats/ratio-of-sums.js';
export { scopeLedgerToPlan } from './metrics/scope-plan-ledger.js';
export { summarizeAnomalies, summarizeBudgetEvents, type AnomalySummary, type BudgetSummary } from './metrics/summarize-ledger-events.js';
export * from './gates/index.js';
export { buildReport, DEFAULT_PLANNED_TASKS, type ReportOptions } from './report/build-report.js';
export type { RememberPower } from './report/plan-contest-power.js';
export { evaluateSeatGates, type SeatGates } from './report/evaluate-seat-gates.js';
export type { ExperimentReport } from './report/experiment-report.js';
export { writeVerdict } from './report/write-verdict.js';
export { renderReportMarkdown, type ChartFiles } from './report/render-report-markdown.js';
export { describeTaskSources } from './report/render-primary-section.js';
export { buildChartSpecs, type ChartKey, type ChartOptions, type ChartSpec } from './report/build-chart-specs.js';
export { renderChartSvg } from './report/render-chart-svg.js';
export { reduceEpochs, type EpochReduction } from './metrics/reduce-epochs.js';
export { summarizeEpochs, type EpochSummary } from './metrics/summarize-epochs.js';
export { computeVarianceComponents, type VarianceComponents } from './stats/variance-components.js';
export type {
  FoldedTelemetry,
  GroupRow,
  LimitChanges,
  LimitPoint,
  SessionRow,
  TokenUse,
  UsageInputs,
  UsageReading,
  UsageRow,
  UsageSource,
  UsageTelemetry,
} from './usage/usage-inputs.js';
export { createProxyUseFold, type ProxyUseFold, type ProxyUseOptions } from './usage/fold-proxy-uses.js';
export { buildUsageTable, narrowUsageInputs } from './usage/build-usage-table.js';
export { sumUsageTotal } from './usage/usage-figures.js';
export { EVERYDAY_SOURCE_ORDER } from './usage/usage-sources.js';
export { selectCountedOtelRows } from './usage/collect-otel-uses.js';
export { buildSessionTable, type SessionTableOptions } from './usage/build-session-table.js';
export { renderUsage, selectUsagePeriods, type UsageView } from './usage/render-usage.js';
export { renderSessionUsage, type SessionView } from './usage/render-session-usage.js';
export { buildGroupTable, type UsageGroup } from './usage/build-group-table.js';
export { renderGroupUsage, type GroupView } from './usage/render-group-usage.js';
export { buildLimitChanges, roundAbout } from './usage/build-limit-changes.js';
export { describeDivergentWindows } from './usage/describe-divergent-windows.js';
export { createDayKeyer, findIsoWeek, toPeriod, type UsagePeriod } from './usage/period-keys.js';
export { nameBackendProvider } from './name-backend-provider.js';
export {
  BAR_NAMES,
  BAR_PERIOD_MS,
  type BarName,
  type BarPoint,
  type BarProjection,
  type BarSeries,
  type BarThreshold,
} from './bars/bar-types.js';
export { type BarSeriesCollector, collectBarSeries, createBarSeriesCollector, SAME_INSTANT_MS } from './bars/collect-bar-series.js';
export { type AccountNames, createAccountLabeler, describeAccountNames, findBaseProvider, keyAccount } from './usage/account-keys.js';
export { findCurrentPeriod, projectBars, RESET_DROP_PCT } from './bars/project-bars.js';
export { fitBurnRate, type BurnFit } from './bars/fit-burn-rate.js';
export { findBarCrossings, type AlertMarks, type BarAlert } from './bars/find-bar-crossings.js';
export { findPaceCrossings, PACE_MIN_READINGS, type PaceAlert } from './bars/find-pace-crossings.js';
export { parseThresholds } from './bars/parse-thresholds.js';
export { BAR_HISTORY_MS, trimBarHistory } from './bars/trim-bar-history.js';
export {
  DECISION_SHAPES,
  NULL_DECISION_SHAPES,
  parseDecisionShape,
  describeTailFamilies,
  SHAPE_DESCRIPTIONS,
  type DecisionShape,
} from './metrics/simulate-experiments/build-shape-model.js';
export {
  DEFAULT_BUDGET_MULTIPLE,
  simulateDecisionCell,
  type DecisionCell,
  type DecisionCellRequest,
} from './metrics/simulate-experiments/simulate-decision-cell.js';
export { renderDecisionCell } from './metrics/simulate-experiments/render-decision-cell.js';
export { measureWindows, keepFinishedTasks, type MeasuredWindows } from './metrics/measure-plan-windows.js';
export { planRatioPower, TARGET_POWER, type RatioPowerInput } from './metrics/plan-ratio-power.js';
export { MAX_POWER_TASKS } from './metrics/simulate-ratio-power.js';
export type { RatioPowerPlan } from './metrics/ratio-power-plan.js';
export {
  buildEverydayCalibration,
  calibrateAccounts,
  selectPlanPrices,
  type AccountsInput,
  type EverydayLedger,
  type EverydayOptions,
  type EverydayResult,
} from './metrics/build-everyday-calibration.js';
export { renderEverydayCalibration } from './metrics/render-everyday-calibration.js';
export type { UnnamedRows } from './metrics/describe-account-gaps.js';
export { mapRealAccounts } from './metrics/map-real-accounts.js';
export type { EverydayBar, EverydayCalibration, TokensPerPercent } from './metrics/calibrate-everyday.js';
export type { ListPriceRate, ProviderCalibration } from './metrics/calibrate-provider.js';
export {
  createEverydayUseFold,
  type EverydayUseFold,
  type EverydayUses,
  readOtelTimedUse,
  readProxyTimedUse,
  readReadingTimedUses,
  type TimedUse,
} from './metrics/collect-everyday-uses.js';
export { createUseColumns, type UseColumns } from './metrics/everyday-samples.js';
export type {
  FailoverMove,
  LedgerMetrics,
  MetricSample,
  MetricsInputs,
  MetricsOptions,
  PlanProgress,
} from './exposition/ledger-metrics.js';
export { summarizeLedgerMetrics } from './exposition/summarize-ledger-metrics.js';
