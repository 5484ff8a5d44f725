// `tracker usage [daily|weekly]`: tokens and dollars per provider and model (as ccusage shows them), then each bar's limit changes.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { readUsageInputs } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { buildLimitChanges, buildUsageTable, narrowUsageInputs, renderUsage, selectUsagePeriods } from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { loadPriceFile } from '../load-price-file.js';
import { printNote, printResult } from '../print-output.js';

interface UsageFlags {
  since?: string;
  until?: string;
  provider?: string;
  tz?: string;
  prices?: string;
}

const REPORTS: Record<string, 'day' | 'week'> = { daily: 'day', weekly: 'week' };

export function createUsageCommand(): Command {
  return new Command('usage')
    .description(
      'daily or weekly tokens and dollars per provider and model, each token counted once (proxy, Codex rollouts, ccusage, snapshots), and the tokens 1% of each bar bought over time, with any shift (docs/usage.md)',
    )
    .argument('[report]', 'daily or weekly (ISO weeks)', 'daily')
    .option('--since <date>', 'first day to show, YYYY-MM-DD or YYYYMMDD')
    .option('--until <date>', 'last day to show, YYYY-MM-DD or YYYYMMDD')
    .option('--provider <ids>', 'only these providers, comma-separated (claude, codex, glm, ...)')
    .option('--tz <zone>', 'time zone of the days and weeks, an IANA name (default: the machine’s)')
    .option('--prices <file>', 'JSON price table consulted before the defaults (USD per million tokens; see tracker compare-cost --help)')
    .action(function (this: Command, report: string, flags: UsageFlags) {
      const ctx = resolveContext(this);
      const by = REPORTS[report];
      if (by === undefined) throw new AppError('BAD_USAGE', `expected daily or weekly, got ${JSON.stringify(report)}`, { where: 'report' });
      const since = readDay(flags.since, '--since');
      const until = readDay(flags.until, '--until');
      if (since !== null && until !== null && since > until)
        throw new AppError('BAD_USAGE', `--since ${since} is after --until ${until}`, { where: '--since' });
      const providers = (flags.provider ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const timeZone = flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      checkTimeZone(timeZone);
      if (!existsSync(ctx.dataDir))
        throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: ctx.dataDir });
      const inputs = { ...narrowUsageInputs(readUsageInputs(ctx.dataDir), providers), prices: loadPriceFile(flags.prices) };
      for (const problem of inputs.problems.slice(0, 3)) printNote(`skipped ${problem}`);
      if (inputs.problems.length > 3) printNote(`and ${inputs.problems.length - 3} more line(s) skipped`);
      const view = selectUsagePeriods(
        { by, timeZone, rows: buildUsageTable(inputs, by, timeZone), limits: buildLimitChanges(inputs, by, timeZone) },
        since,
        until,
      );
      printResult(ctx.json, view, (shown) => renderUsage(shown));
    });
}

/** ccusage's YYYYMMDD or an ISO date, as YYYY-MM-DD; a day that does not exist is refused. */
function readDay(text: string | undefined, where: string): string | null {
  if (text === undefined) return null;
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text.trim());
  const day = match ? `${match[1]}-${match[2]}-${match[3]}` : null;
  const parsed = day === null ? Number.NaN : Date.parse(`${day}T00:00:00Z`);
  // 2026-02-30 parses as March 2: only a day that comes back as written exists.
  if (day === null || !Number.isFinite(parsed) || new Date(parsed).toISOString().slice(0, 10) !== day)
    throw new AppError('BAD_USAGE', `expected a date such as 2026-11-24 or 20261124, got ${JSON.stringify(text)}`, { where });
  return day;
}

/** A zone Intl does not know is a bad flag, named as such (the reports would refuse it too, without naming --tz). */
function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new AppError('BAD_USAGE', `unknown time zone ${JSON.stringify(timeZone)} (use an IANA name such as Europe/Paris or UTC)`, {
      where: '--tz',
    });
  }
}
