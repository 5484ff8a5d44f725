// What the viewer computes from the ledger off the request path: the arms' rows, the pre-registered analyses, the reports.
import {
  type AnalysisPlanRow,
  collectDeadIds,
  type FoldableRow,
  LEDGER_FILES,
  type ReportLedger,
  type ReportWindow,
  readReportLedger,
  scanLedger,
  WindowTestsSchema,
} from '../ledger/index.js';
import { readRunRecord } from '../ledger/runs/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import { buildChartSpecs, buildReport, type ChartSpec, renderReportMarkdown, type ChartFiles } from '../reports/index.js';
import { type ArmRow, buildArmRow, countTests, type WindowExtras } from './arm-rows.js';
import type { ViewLedger } from './read-view-ledger.js';

export interface LedgerView {
  arms: ArmRow[];
  analysis_plans: AnalysisPlanRow[];
  /** Plans in the order their first window or analysis row appears: the reports computed next, one each. */
  plan_ids: string[];
  skipped_count: number;
  torn_tails: string[];
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
 * Takes the windows out of `read` (build the usage views from it first). `extras`: readWindowExtras.
 */
export function readLedgerView(
  read: ViewLedger,
  extras: ReadonlyMap<string, WindowExtras>,
): { problems: LedgerProblems; view: LedgerView } {
  const { ledger } = read;
  const counts = new Map<string, number>();
  for (const row of ledger.analysisPlans) counts.set(row.plan_id, counts.get(row.plan_id) ?? 0);
  for (const window of ledger.windows) if (window.plan_id) counts.set(window.plan_id, (counts.get(window.plan_id) ?? 0) + 1);
  const planIds = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  // Each window is let go as its arm is made, so the windows and the arms are not both held whole.
  const windows = ledger.windows;
  ledger.windows = [];
  const arms: ArmRow[] = new Array(windows.length);
  for (let index = windows.length - 1; index >= 0; index -= 1)
    arms[index] = buildArmRow(windows.pop() as ReportWindow, read.folded.windowUsage, extras);
  const { skipped, skippedCount, tornTails } = ledger;
  return {
    problems: { skipped, skippedCount, tornTails },
    view: {
      arms,
      analysis_plans: ledger.analysisPlans,
      plan_ids: planIds,
      skipped_count: skippedCount,
      torn_tails: tornTails,
    },
  };
}

/**
 * The tests each window recorded by identity, counted (windows.jsonl; the latest live row of a window wins). Each
 * row's tests are checked and counted as they are read, not held whole until the fold (a copy of every window's tests).
 */
export function readWindowExtras(dataDir: string): Map<string, WindowExtras> {
  const rows: (FoldableRow & { window_id: unknown; tests: WindowExtras['tests'] | null })[] = [];
  scanLedger(dataDir, LEDGER_FILES.windows, (row) => {
    if (row.tests === undefined && row.kind === 'window') return;
    const { id, kind, supersedes, target_id, window_id } = row as FoldableRow & Record<string, unknown>;
    const tests = WindowTestsSchema.safeParse(row.tests);
    rows.push({ id, kind, supersedes, target_id, window_id, tests: tests.success ? countTests(tests.data) : null });
  });
  const dead = collectDeadIds(rows);
  const extras = new Map<string, WindowExtras>();
  for (const row of rows) {
    if (row.kind !== 'window' || dead.has(row.id) || typeof row.window_id !== 'string' || row.tests === null) continue;
    extras.set(row.window_id, { tests: row.tests });
  }
  return extras;
}

/**
 * One report per plan (the plan with the most windows first), each from that plan's own rows read for it alone, or
 * one over everything when no plan is recorded (the caller asks only when the ledger has windows). `problems`: the whole ledger's unusable lines, which every report
 * states as `experiment report` does.
 */
export function* buildReportViews(
  dataDir: string,
  planIds: readonly string[],
  now: Date,
  problems?: LedgerProblems,
): Generator<ReportView> {
  const plans = planIds.length === 0 ? [undefined] : planIds.slice(0, MAX_REPORTS);
  for (const planId of plans) {
    const ledger = { ...readReportLedger(dataDir, planId === undefined ? {} : { planId }), ...problems };
    yield buildReportView(dataDir, ledger, planId, now);
  }
}

function buildReportView(dataDir: string, ledger: ReportLedger, planId: string | undefined, now: Date): ReportView {
  const report = buildReport(ledger, {
    generatedAt: now.toISOString(),
    prices: createPriceTable(),
    tasks: null,
    planId,
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
