// `tracker usage [daily|weekly|monthly|session]` (or --by): tokens and dollars per period or session, as ccusage shows them, then each bar's limit changes.
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { readUsageInputs } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import {
  buildGroupTable,
  buildLimitChanges,
  buildSessionTable,
  buildUsageTable,
  describeDivergentWindows,
  narrowUsageInputs,
  renderGroupUsage,
  renderSessionUsage,
  renderUsage,
  selectUsagePeriods,
  type UsageGroup,
  type UsagePeriod,
} from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { checkReadProviders } from '../check-known-provider.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { loadPriceFile } from '../load-price-file.js';
import { printNote, printResult } from '../print-output.js';

interface UsageFlags {
  by?: string;
  since?: string;
  until?: string;
  provider?: string;
  tz?: string;
  prices?: string;
}

/** ccusage's report names, and what `--by` takes. */
const REPORTS: Record<string, UsagePeriod | 'session'> = { daily: 'day', weekly: 'week', monthly: 'month', session: 'session' };
const BY = ['session', 'project', 'subagent', 'day', 'week', 'month'] as const;

export function createUsageCommand(): Command {
  return new Command('usage')
    .description(
      'tokens and dollars per agent session, project or sub-agent, or per day, ISO week or month, provider and model, each token counted once (proxy, the agents’ own OpenTelemetry, Claude Code transcripts, Codex rollouts, Gemini sessions, ccusage, snapshots), with totals; the periods also show the tokens 1% of each bar bought over time, with any shift (docs/usage.md)',
    )
    .argument('[report]', 'daily, weekly (ISO weeks), monthly or session, as ccusage names its reports (default: daily)')
    .option('--by <what>', `what a row adds up: ${BY.join(', ')} (the same as the report names)`)
    .option('--since <date>', 'first day to show, YYYY-MM-DD or YYYYMMDD')
    .option('--until <date>', 'last day to show, YYYY-MM-DD or YYYYMMDD')
    .option('--provider <ids>', 'only these providers, comma-separated (claude, codex, glm, ...; claude@acct-… for one account)')
    .option('--tz <zone>', 'time zone of the days and weeks, an IANA name (default: the machine’s)')
    .option('--prices <file>', 'JSON price table consulted before the defaults (USD per million tokens; see tracker compare-cost --help)')
    .action(function (this: Command, report: string | undefined, flags: UsageFlags) {
      const ctx = resolveContext(this);
      const by = readBy(report, flags.by);
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
      const catalog = loadProviderCatalog(ctx.dataDir);
      checkReadProviders(catalog, ctx.dataDir, providers, '--provider');
      const inputs = { ...narrowUsageInputs(readUsageInputs(ctx.dataDir), providers), prices: loadPriceFile(catalog, flags.prices) };
      for (const problem of inputs.problems.slice(0, 3)) printNote(`skipped ${problem}`);
      if (inputs.problems.length > 3) printNote(`and ${inputs.problems.length - 3} more line(s) skipped`);
      // A window whose ccusage count and bars disagree is named beside the tables (invariant 6).
      const divergent = describeDivergentWindows(inputs.windows);
      if (divergent) printNote(divergent);
      if (by === 'project' || by === 'subagent') {
        const rows = buildGroupTable(inputs, by, timeZone, { since, until });
        printResult(ctx.json, { by, timeZone, rows }, (shown) => renderGroupUsage(shown));
        return;
      }
      if (by === 'session') {
        const rows = buildSessionTable(inputs, timeZone, { since, until });
        printResult(ctx.json, { by, timeZone, rows }, (shown) => renderSessionUsage(shown));
        return;
      }
      const view = selectUsagePeriods(
        { by, timeZone, rows: buildUsageTable(inputs, by, timeZone), limits: buildLimitChanges(inputs, by, timeZone) },
        since,
        until,
      );
      printResult(ctx.json, view, (shown) => renderUsage(shown));
    });
}

/** The report's name (daily, ...) or --by (day, ...); both given, they must agree. */
function readBy(report: string | undefined, by: string | undefined): UsagePeriod | UsageGroup | 'session' {
  const named = report === undefined ? undefined : REPORTS[report];
  if (report !== undefined && named === undefined)
    throw new AppError('BAD_USAGE', `expected daily, weekly, monthly or session, got ${JSON.stringify(report)}`, { where: 'report' });
  if (by !== undefined && !(BY as readonly string[]).includes(by))
    throw new AppError('BAD_USAGE', `expected ${BY.join(', ')}, got ${JSON.stringify(by)}`, { where: '--by' });
  const chosen = by as (typeof BY)[number] | undefined;
  if (named !== undefined && chosen !== undefined && named !== chosen)
    throw new AppError('BAD_USAGE', `the report ${report} adds up by ${named}, not ${chosen}: give one of them`, { where: '--by' });
  return chosen ?? named ?? 'day';
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
