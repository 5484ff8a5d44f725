// `tracker usage [daily|weekly|monthly|session]` (or --by): tokens and dollars per period or session, as ccusage shows them, then each bar's limit changes.
import { Command } from 'commander';
import { AppError } from '../../kernel/index.js';
import { renderGroupUsage, renderSessionUsage, renderUsage } from '../../reports/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { readUsageDay, readUsageView, type UsageBy } from '../read-usage-view.js';

interface UsageFlags {
  by?: string;
  since?: string;
  until?: string;
  provider?: string;
  tz?: string;
  prices?: string;
}

/** ccusage's report names, and what `--by` takes. */
const REPORTS: Record<string, UsageBy> = { daily: 'day', weekly: 'week', monthly: 'month', session: 'session' };
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
      const view = readUsageView(ctx.dataDir, {
        by: readBy(report, flags.by),
        since: readUsageDay(flags.since, '--since'),
        until: readUsageDay(flags.until, '--until'),
        providers: (flags.provider ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
        timeZone: flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        prices: flags.prices,
      });
      if (view.by === 'session') printResult(ctx.json, view, (shown) => renderSessionUsage(shown));
      else if ('limits' in view) printResult(ctx.json, view, (shown) => renderUsage(shown));
      else printResult(ctx.json, view, (shown) => renderGroupUsage(shown));
    });
}

/** The report's name (daily, ...) or --by (day, ...); both given, they must agree. */
function readBy(report: string | undefined, by: string | undefined): UsageBy {
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
