// Reads the ledger, builds the report and writes report.md with its SVG charts beside it: the I/O edge of `experiment report`.
import { readRunRecord } from '../ledger/runs/index.js';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadPriceFile } from './load-price-file.js';
import { ensureDir, readReportLedger } from '../ledger/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { AppError, escapeControls, escapeStrings } from '../kernel/index.js';
import {
  buildChartSpecs,
  buildReport,
  renderChartSvg,
  renderReportMarkdown,
  type ChartFiles,
  type ExperimentReport,
  type ReportOptions,
} from '../reports/index.js';
import { checkProviderHasWindows } from './check-provider-has-windows.js';
import { readTaskStatuses } from './read-task-statuses.js';
import { countBuiltinTasks } from './count-builtin-tasks.js';
import { readEverydayCalibrations } from './read-everyday-calibrations.js';
import { rememberPlanPower } from './remember-plan-power.js';

export interface WriteReportRequest {
  dataDir: string;
  /** The data dir's provider catalog (load-provider-catalog.ts): its plans and prices price the report. */
  catalog: ProviderCatalog;
  /** Default `<dataDir>/reports/report.md`. */
  out?: string | undefined;
  /** The user's backlog for G2 (`DIR/<task>/task.json` with status and blocked_by); none: G2 is not evaluable. */
  tasksDir?: string | undefined;
  pricesFile?: string | undefined;
  charts?: boolean | undefined;
  now?: Date | undefined;
  options?: Omit<ReportOptions, 'generatedAt' | 'prices' | 'tasks'>;
}

export interface WrittenReport {
  report: ExperimentReport;
  markdown: string;
  markdownPath: string;
  chartPaths: string[];
}

/** Also what `experiment run` should call at the end of a run (the runner itself may not import cli/). */
export async function writeExperimentReport(request: WriteReportRequest): Promise<WrittenReport> {
  const markdownPath = resolve(request.out ?? join(request.dataDir, 'reports', 'report.md'));
  const report = buildExperimentReport(request);
  const dir = ensureDir(dirname(markdownPath));
  const prefix = basename(markdownPath).replace(/\.md$/i, '');
  const files: ChartFiles = {};
  const chartPaths: string[] = [];
  if (request.charts !== false) {
    for (const chart of buildChartSpecs(report)) {
      const name = `${prefix}-${chart.key}.svg`;
      writeTextAtomically(join(dir, name), await renderChartSvg(chart.spec));
      files[chart.key] = name;
      chartPaths.push(join(dir, name));
    }
  }
  const markdown = renderReportMarkdown(report, files);
  writeTextAtomically(markdownPath, markdown);
  return { report, markdown, markdownPath, chartPaths };
}

/** The report `experiment report` writes, built from the data dir without writing anything (`tracker mcp` reads it so). */
export function buildExperimentReport(request: Omit<WriteReportRequest, 'out' | 'charts'>): ExperimentReport {
  // A read command never creates a data dir: a mistyped --data-dir must not give an empty report that looks real.
  if (!existsSync(request.dataDir))
    throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: request.dataDir });
  // Ledger text reaches the report, and the terminal that prints it, one line each with its controls visible (a run-stop
  // reason with `ESC]0;...BEL` was kept raw). Escaped here, before anything is built, so text the report composes from
  // it (the verdict quotes a stop's reason) is too. Its own words stay (--json carries `a>b`, not `a&gt;b`): report.md
  // shows a row's HTML as text through renderReportMarkdown.
  const ledger = escapeStrings(readReportLedger(request.dataDir));
  checkNamedProviders(
    ledger.windows.map((window) => window.provider),
    request.options,
  );
  const planId = request.options?.planId === undefined ? undefined : escapeControls(request.options.planId);
  const knownPlans = [
    ...new Set([
      ...ledger.analysisPlans.map((row) => row.plan_id),
      ...ledger.windows.flatMap((window) => (window.plan_id ? [window.plan_id] : [])),
    ]),
  ];
  if (planId !== undefined && !knownPlans.includes(planId)) {
    throw new AppError('BAD_USAGE', `no plan ${JSON.stringify(planId)} in this data (it has ${knownPlans.join(', ') || 'none'})`, {
      where: '--plan',
    });
  }
  // G2 reads the user's own backlog only, never a task bank found by chance (the bundled one would always pass it).
  const tasks = request.tasksDir === undefined ? null : escapeStrings(readTaskStatuses(resolve(request.tasksDir)));
  if (request.tasksDir !== undefined && tasks === null)
    throw new AppError('BAD_USAGE', 'no task.json in any sub-folder (expected DIR/<task>/task.json)', { where: request.tasksDir });
  // The runner's record of arms that could not run (the named plan's, or the only plan's): listed, never scored.
  const recordPlan = planId ?? (knownPlans.length === 1 ? knownPlans[0] : undefined);
  const infrastructureFailures =
    recordPlan === undefined ? [] : escapeStrings(readRunRecord(request.dataDir, recordPlan)?.infrastructure_failures ?? []);
  // One price per plan, from every reading of it, unless --calibration windows asked otherwise.
  const source = request.options?.calibrationSource ?? 'readings';
  return buildReport(ledger, {
    ...request.options,
    calibrationSource: source,
    calibrations: source === 'readings' ? readEverydayCalibrations(request.dataDir, request.catalog, request.pricesFile, 0.95) : undefined,
    planId,
    infrastructureFailures,
    generatedAt: (request.now ?? new Date()).toISOString(),
    prices: loadPriceFile(request.catalog, request.pricesFile),
    tasks,
    builtinTasks: countBuiltinTasks(),
    rememberPower: rememberPlanPower,
  });
}

/** `--baseline` and `--providers` must name providers the data has: a typo would silently change the figures. */
function checkNamedProviders(present: readonly string[], options: WriteReportRequest['options']): void {
  checkProviderHasWindows(options?.baseline, present, '--baseline');
  for (const id of options?.providers ?? []) checkProviderHasWindows(id, present, '--providers');
}

/** Through a temp file and a rename, so a reader (a browser, a CI artifact upload) never sees half a report. */
function writeTextAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new AppError('IO', `cannot write the report (${code})`, { where: path, cause: error });
  }
}
