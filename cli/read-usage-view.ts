// What `tracker usage --json` prints, read from a data dir: shared by the command and `tracker mcp`'s usage tool.
import { existsSync } from 'node:fs';
import { readUsageInputs } from '../ledger/index.js';
import { AppError } from '../kernel/index.js';
import {
  buildGroupTable,
  buildLimitChanges,
  buildSessionTable,
  buildUsageTable,
  describeDivergentWindows,
  type GroupView,
  narrowUsageInputs,
  type SessionView,
  selectUsagePeriods,
  type UsageGroup,
  type UsagePeriod,
  type UsageView,
} from '../reports/index.js';
import { checkReadProviders } from './check-known-provider.js';
import { loadProviderCatalog } from './load-provider-catalog.js';
import { loadPriceFile } from './load-price-file.js';
import { printNote } from './print-output.js';

export type UsageBy = UsagePeriod | UsageGroup | 'session';

export interface UsageQuery {
  by: UsageBy;
  /** First and last day, YYYY-MM-DD (readUsageDay). */
  since: string | null;
  until: string | null;
  providers: readonly string[];
  timeZone: string;
  /** A price file (`--prices`). */
  prices?: string | undefined;
  /** The flag each value came from, named in a refusal (`--provider`, or a tool's argument). */
  providerWhere?: string;
}

/** The table `by` asks for, its notes (skipped lines, divergent windows) on stderr; a bad query is refused naming it. */
export function readUsageView(dataDir: string, query: UsageQuery): UsageView | SessionView | GroupView {
  if (query.since !== null && query.until !== null && query.since > query.until)
    throw new AppError('BAD_USAGE', `--since ${query.since} is after --until ${query.until}`, { where: '--since' });
  checkTimeZone(query.timeZone);
  if (!existsSync(dataDir))
    throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: dataDir });
  const catalog = loadProviderCatalog(dataDir);
  checkReadProviders(catalog, dataDir, query.providers, query.providerWhere ?? '--provider');
  const inputs = narrowUsageInputs({ ...readUsageInputs(dataDir), prices: loadPriceFile(catalog, query.prices) }, query.providers);
  for (const problem of inputs.problems.slice(0, 3)) printNote(`skipped ${problem}`);
  if (inputs.problems.length > 3) printNote(`and ${inputs.problems.length - 3} more line(s) skipped`);
  // A window whose ccusage count and bars disagree is named beside the tables (invariant 6).
  const divergent = describeDivergentWindows(inputs.windows);
  if (divergent) printNote(divergent);
  const { by, timeZone, since, until } = query;
  if (by === 'project' || by === 'subagent') return { by, timeZone, rows: buildGroupTable(inputs, by, timeZone, { since, until }) };
  if (by === 'session') return { by, timeZone, rows: buildSessionTable(inputs, timeZone, { since, until }) };
  return selectUsagePeriods(
    { by, timeZone, rows: buildUsageTable(inputs, by, timeZone), limits: buildLimitChanges(inputs, by, timeZone) },
    since,
    until,
  );
}

/** ccusage's YYYYMMDD or an ISO date, as YYYY-MM-DD; a day that does not exist is refused. */
export function readUsageDay(text: string | undefined, where: string): string | null {
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
