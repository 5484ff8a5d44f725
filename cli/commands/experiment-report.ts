// `experiment report [--out FILE]`: the markdown report (verdict, providers, crossover, power, stop rules, gates, ledgers) with SVG charts beside it.
import { Command, Option } from 'commander';
import { ProviderIdSchema } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { decideGateExit } from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { parsePositiveInt, parseWithSchema } from '../parse-flags.js';
import { printNote, printResult } from '../print-output.js';
import { writeExperimentReport } from '../write-experiment-report.js';
import { formatRunCommand } from './shell-hints.js';

interface ReportFlags {
  out?: string;
  baseline?: string;
  unit?: 'usd' | 'bars';
  gate?: boolean;
  providers?: string;
  prices?: string;
  tasks?: string;
  alpha?: string;
  minEffect?: string;
  seed: string;
  resamples: string;
  plannedTasks?: string;
  plan?: string;
  charts: boolean;
  pool?: boolean;
  calibration: 'windows' | 'readings';
}

export function createReportCommand(): Command {
  return new Command('report')
    .description(
      'write the experiment report: a verdict paragraph, per-provider metrics, crossover, power, stop rules, gates G1-G3 and the seat decision, anomalies, proxy and budget, with SVG charts beside it',
    )
    .option('--out <file>', 'markdown file to write, charts beside it (default: <data dir>/reports/report.md)')
    .option(
      '--baseline <id>',
      "provider the gates and the preview's power compare with (default: the plan's reference, else the first provider by name)",
    )
    .option('--plan <id>', 'the recorded plan whose pre-registered analysis is primary (default: the one with the most windows)')
    .option(
      '--pool',
      "read every window of the data dir (pricing calibration, providers, gates), not only the plan's (listed as a deviation)",
    )
    .option(
      '--providers <a,b,...>',
      "the providers of the primary analysis, the first two paired in the secondary ones (default: the plan's; a change is shown as a deviation)",
    )
    .option('--prices <file>', 'JSON price table merged over the defaults (as for `tracker compare-cost`)')
    .addOption(
      new Option(
        '--calibration <from>',
        "what prices each plan: every pair of its bar readings in the data dir (the windows' captures, the proxy's headers, statusLine, watch, quota, rollouts) with the use recorded between them (readings: as `tracker calibrate` and the viewer; the plan's windows where they give no price), or the plan's own windows alone (windows: a deviation)",
      )
        .choices(['windows', 'readings'])
        .default('readings'),
    )
    .option(
      '--tasks <dir>',
      'your backlog for G2: DIR/<feature>/task.json with "status" and "blocked_by" (without it G2 is not evaluable; no folder is read by default)',
    )
    .option('--alpha <p>', "two-sided significance level (intervals are 1 - alpha; default: the plan's pre-registered one, else 0.05)")
    .option(
      '--min-effect <fraction>',
      "smallest relevant difference in work per dollar, as a fraction (0.2: 1.2x; default: the plan's, else 0.2)",
    )
    .option('--seed <seed>', 'seed of the secondary bootstrap and the power simulation', 'experiment-report')
    .option('--resamples <n>', 'bootstrap resamples', '10000')
    .option(
      '--planned-tasks <n>',
      "planned tasks: what the power figures plan for (default: the plan's, else the tasks in the data, at least 12)",
    )
    .addOption(
      new Option(
        '--unit <unit>',
        "efficiency per dollar of subscription (usd; needs every window priced, else bars with the reason) or per bar unit (bars); default: the plan's estimand, else usd",
      ).choices(['usd', 'bars']),
    )
    .option('--no-charts', 'write the markdown only')
    .option(
      '--gate',
      'exit 0 when the decision is to add a seat, 1 to stay lean (G1 or G2 fails), 3 when it cannot be decided yet (for CI)',
    )
    .action(async function (this: Command, flags: ReportFlags) {
      const ctx = resolveContext(this);
      const written = await writeExperimentReport({
        dataDir: ctx.dataDir,
        // The providers its providers.json declares (back ends, profiles, plans, prices): docs/providers.md.
        catalog: loadProviderCatalog(ctx.dataDir),
        out: flags.out,
        tasksDir: flags.tasks,
        pricesFile: flags.prices,
        charts: flags.charts,
        options: {
          baseline: flags.baseline === undefined ? undefined : parseWithSchema(ProviderIdSchema, flags.baseline, '--baseline'),
          providers: parseProviders(flags.providers),
          planId: flags.plan,
          pool: flags.pool === true,
          alpha: flags.alpha === undefined ? undefined : parseOpenFraction(flags.alpha, '--alpha'),
          minEffect: flags.minEffect === undefined ? undefined : parseOpenFraction(flags.minEffect, '--min-effect'),
          seed: flags.seed,
          resamples: atLeast(parsePositiveInt(flags.resamples, '--resamples'), 1, '--resamples'),
          plannedTasks:
            flags.plannedTasks === undefined
              ? undefined
              : atLeast(parsePositiveInt(flags.plannedTasks, '--planned-tasks'), 1, '--planned-tasks'),
          unit: flags.unit,
          calibrationSource: flags.calibration,
        },
      });
      printNote(
        `wrote ${written.markdownPath}${written.chartPaths.length > 0 ? ` and ${written.chartPaths.length} chart${written.chartPaths.length === 1 ? '' : 's'} beside it` : ''}`,
      );
      // An empty data dir's report says only "stay lean": the note says what to do first, with this data dir.
      if (written.report.windows.completed === 0)
        printNote(`no completed windows yet: run an experiment first: ${formatRunCommand(ctx.dataDir)}`);
      const { recent: _recent, ...windows } = written.report.windows;
      printResult(
        ctx.json,
        { ...written.report, windows, files: { markdown: written.markdownPath, charts: written.chartPaths } },
        () => written.markdown,
      );
      if (flags.gate) process.exitCode = decideGateExit(written.report.gates);
    });
}

function parseProviders(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((name) => name.trim());
  if (names.length < 2 || new Set(names).size !== names.length)
    throw new AppError('BAD_USAGE', `expected two or more different providers such as claude,codex, got ${JSON.stringify(value)}`, {
      where: '--providers',
    });
  return names.map((name) => parseWithSchema(ProviderIdSchema, name, '--providers'));
}

function parseOpenFraction(value: string, flag: string): number {
  const number = Number(value);
  if (!/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(value) || !(number > 0 && number < 1))
    throw new AppError('BAD_USAGE', `expected a number between 0 and 1 such as 0.05, got ${JSON.stringify(value)}`, { where: flag });
  return number;
}

function atLeast(value: number, min: number, flag: string): number {
  if (value < min) throw new AppError('BAD_USAGE', `expected a whole number >= ${min}, got ${value}`, { where: flag });
  return value;
}
