// What the viewer computes from the ledger off the request path: the arms' rows, the pre-registered analyses, the reports.
import { type AnalysisPlanRow, type ReportLedger, type ReportWindow, readReportLedger, SIMULATED_MARK } from '../ledger/index.js';
import { readRunRecord } from '../ledger/runs/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import {
  buildChartSpecs,
  buildReport,
  type ChartSpec,
  renderReportMarkdown,
  type ChartFiles,
  type ProviderCalibration,
} from '../reports/index.js';
import { type ArmPart, createArmPacker, rankTexts } from './arm-parts.js';
import { buildArmRow } from './arm-rows.js';
import type { ViewLedger } from './read-view-ledger.js';

/** What the viewer holds of a reading beside its arms (which come as parts: arm-parts.ts). */
export interface LedgerView {
  analysis_plans: AnalysisPlanRow[];
  /** Plans in the order their first window or analysis row appears: the reports computed next, one each. */
  plan_ids: string[];
  skipped_count: number;
  torn_tails: string[];
  /** Each plan's providers whose windows say the scripted model server answered them (SIMULATED_MARK). */
  simulated: Record<string, string[]>;
}

/** What every plan's report says of the whole ledger's unusable lines (a plan's own reading does not see them all). */
export type LedgerProblems = Pick<ReportLedger, 'skipped' | 'skippedCount' | 'tornTails'>;

export interface ReportView {
  plan_id: string | null;
  generated_at: string;
  /** The verdict's two-line headline (who is ahead; what to do next). */
  headline: string[];
  verdict: string;
  /** The report's markdown; a chart is an image whose address is `chart:<key>`. */
  markdown: string;
  charts: ChartSpec[];
}

/** Reports are computed for this many plans at most (the ones with the most windows come first). */
const MAX_REPORTS = 8;

/**
 * The arms of every plan, from the reading the capacity view shares (the reports read each plan's rows on their own).
 * Takes the windows out of `read` (build the usage views from it first).
 */
export function readLedgerView(read: ViewLedger): { problems: LedgerProblems; view: LedgerView; arms: ArmPart[] } {
  const { ledger } = read;
  const counts = new Map<string, number>();
  for (const row of ledger.analysisPlans) counts.set(row.plan_id, counts.get(row.plan_id) ?? 0);
  for (const window of ledger.windows) if (window.plan_id) counts.set(window.plan_id, (counts.get(window.plan_id) ?? 0) + 1);
  const planIds = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  // Each window is let go as its arm is packed, so the windows and the arms are not both held whole.
  const windows = ledger.windows;
  const simulated = collectSimulatedProviders(windows);
  const packer = createArmPacker({
    ids: rankTexts(windows, (window) => window.window_id),
    times: rankTexts(windows, (window) => window.completed_at),
  });
  windows.reverse();
  ledger.windows = [];
  while (windows.length > 0) packer.add(buildArmRow(windows.pop() as ReportWindow, read.folded.windowUsage));
  const { skipped, skippedCount, tornTails } = ledger;
  return {
    problems: { skipped, skippedCount, tornTails },
    arms: packer.finish(),
    view: {
      analysis_plans: ledger.analysisPlans,
      plan_ids: planIds,
      skipped_count: skippedCount,
      torn_tails: tornTails,
      simulated,
    },
  };
}

/** Per plan, the providers with a window the scripted model server answered (`experiment run` prints them SIMULATED). */
function collectSimulatedProviders(windows: readonly ReportWindow[]): Record<string, string[]> {
  const byPlan = new Map<string, Set<string>>();
  for (const window of windows) {
    if (!window.plan_id || !window.methodology.includes(SIMULATED_MARK)) continue;
    byPlan.set(window.plan_id, (byPlan.get(window.plan_id) ?? new Set()).add(window.provider));
  }
  return Object.fromEntries([...byPlan].map(([plan, providers]) => [plan, [...providers].sort()]));
}

/**
 * One report per plan (the plan with the most windows first), each from that plan's own rows read for it alone, or
 * one over everything when no plan is recorded (the caller asks only when the ledger has windows). `problems`: the whole ledger's unusable lines, which every report
 * states as `experiment report` does.
 */
export function* buildReportViews(
  dataDir: string,
  catalog: ProviderCatalog,
  planIds: readonly string[],
  now: Date,
  problems?: LedgerProblems,
  calibrations?: ReadonlyMap<string, ProviderCalibration>,
): Generator<ReportView> {
  const plans = planIds.length === 0 ? [undefined] : planIds.slice(0, MAX_REPORTS);
  for (const planId of plans) {
    const ledger = { ...readReportLedger(dataDir, planId === undefined ? {} : { planId }), ...problems };
    yield buildReportView(dataDir, catalog, ledger, planId, now, calibrations);
  }
}

function buildReportView(
  dataDir: string,
  catalog: ProviderCatalog,
  ledger: ReportLedger,
  planId: string | undefined,
  now: Date,
  calibrations: ReadonlyMap<string, ProviderCalibration> | undefined,
): ReportView {
  const report = buildReport(ledger, {
    generatedAt: now.toISOString(),
    prices: createPriceTable(catalog),
    tasks: null,
    planId,
    calibrations,
    infrastructureFailures: planId === undefined ? [] : (readRunRecord(dataDir, planId)?.infrastructure_failures ?? []),
  });
  const charts = buildChartSpecs(report);
  const files: ChartFiles = Object.fromEntries(charts.map((chart) => [chart.key, `chart:${chart.key}`]));
  return {
    plan_id: planId ?? null,
    generated_at: now.toISOString(),
    headline: report.verdict.split('\n').slice(0, 2),
    verdict: report.verdict,
    markdown: renderReportMarkdown(report, files),
    charts,
  };
}
