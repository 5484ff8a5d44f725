// `tracker calibrate`: each plan's price and each bar's tokens per 1% from everyday bar readings and recorded use, no experiment needed.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { priceSubscription } from '../../budget/index.js';
import { readBarInputs, readUsageInputs, type WindowSubscription } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { buildEverydayCalibration, mapRealAccounts, renderEverydayCalibration } from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { declareDataDirProviders } from '../declare-providers.js';
import { loadPriceFile } from '../load-price-file.js';
import { printNote, printResult } from '../print-output.js';
import { loadPlanTable } from '../resolve-subscriptions.js';

interface CalibrateFlags {
  plan: string[];
  plans?: string;
  prices?: string;
  since?: string;
  until?: string;
  provider?: string;
  tz?: string;
  confidence: string;
}

export function createCalibrateCommand(): Command {
  return new Command('calibrate')
    .description(
      "each plan's dollars of subscription per list-price dollar, and the tokens 1% of each bar buys, from the bar readings (statusline, watch, quota, proxy, Codex rollouts) and the use recorded between them (the proxy's counts, else the agents’ own OpenTelemetry: tracker otel, else Codex's rollouts: tracker ingest codex-rollout), over days of everyday work: no experiment needed (docs/bars.md#everyday-calibration)",
    )
    .option(
      '--plan <provider=plan>',
      'the plan a provider is on, e.g. claude=claude-max-20x (repeatable; default: the plan of its last window)',
      collect,
      [],
    )
    .option('--plans <file>', 'a plans file that adds or overrides plans (docs/providers.md)')
    .option('--prices <file>', 'JSON price table consulted before the defaults (USD per million tokens)')
    .option('--since <time>', 'only readings and use from this day or ISO time on')
    .option('--until <time>', 'only readings and use up to this day (its end) or ISO time')
    .option('--provider <ids>', 'only these providers, comma-separated')
    .option('--tz <zone>', 'time zone of the days (which source a day is taken from), an IANA name (default: the machine’s)')
    .option('--confidence <level>', 'level of the intervals', '0.95')
    .action(function (this: Command, flags: CalibrateFlags) {
      const ctx = resolveContext(this);
      // The providers its providers.json declares (back ends, profiles, plans, prices): docs/providers.md.
      declareDataDirProviders(ctx.dataDir);
      if (!existsSync(ctx.dataDir))
        throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: ctx.dataDir });
      const confidence = Number(flags.confidence);
      if (!/^0?\.\d+$/.test(flags.confidence) || !(confidence >= 0.5 && confidence < 1))
        throw new AppError('BAD_USAGE', `expected a level from 0.5 to below 1, got ${JSON.stringify(flags.confidence)}`, {
          where: '--confidence',
        });
      const table = loadPlanTable(flags.plans);
      const plans = new Map<string, WindowSubscription>();
      for (const value of flags.plan) {
        const eq = value.indexOf('=');
        if (eq <= 0 || value.slice(eq + 1).trim() === '')
          throw new AppError('BAD_USAGE', `expected PROVIDER=PLAN such as claude=claude-max-20x, got ${JSON.stringify(value)}`, {
            where: '--plan',
          });
        plans.set(value.slice(0, eq).trim(), priceSubscription(table, value.slice(eq + 1).trim(), '--plan'));
      }
      const usage = readUsageInputs(ctx.dataDir);
      // A run's codex-chatgpt arms and your own Codex spend one ChatGPT account: calibrated together, as `codex`.
      const accounts = mapRealAccounts(usage.windows, plans.keys());
      for (const problem of usage.problems.slice(0, 3)) printNote(`skipped ${problem}`);
      const result = buildEverydayCalibration(
        {
          bars: readBarInputs(ctx.dataDir),
          telemetry: usage.telemetry,
          otel: usage.otel,
          readings: usage.readings,
          windows: usage.windows,
        },
        {
          prices: loadPriceFile(flags.prices),
          plans,
          since_ms: readTime(flags.since, '--since', 'start'),
          until_ms: readTime(flags.until, '--until', 'end'),
          timeZone: flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
          confidence,
          providers: (flags.provider ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
          accounts,
        },
      );
      printResult(ctx.json, result, (shown) => renderEverydayCalibration(shown, confidence));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A day (its start or its end, UTC) or an ISO time, as milliseconds; anything else is refused naming the flag. */
function readTime(text: string | undefined, where: string, edge: 'start' | 'end'): number | null {
  if (text === undefined) return null;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text.trim());
  const ms = Date.parse(day ? `${text.trim()}T00:00:00Z` : text.trim());
  if (!Number.isFinite(ms))
    throw new AppError('BAD_USAGE', `expected a day such as 2026-11-24 or an ISO time, got ${JSON.stringify(text)}`, { where });
  return day && edge === 'end' ? ms + 86_400_000 - 1 : ms;
}
