// `tracker mcp`'s usage tool: the rows `tracker usage --json` gives, by day, week, month, session, project or account.
import * as z from 'zod';
import { PROVIDER_ID_PATTERN } from '../../ledger/vocabulary/index.js';
import type { UsageRow } from '../../reports/index.js';
import { readUsageDay, readUsageView } from '../read-usage-view.js';
import { boundRows, DEFAULT_ROWS, MAX_ROWS, sendAnswer, type ToolAnswer } from './bound-answer.js';

/** A provider id, or one account of it (`claude@acct-…`): no path, no space, no control. */
export const ProviderArg = z
  .string()
  .max(64)
  .regex(
    new RegExp(`${PROVIDER_ID_PATTERN.source.slice(0, -1)}(?:@acct-[0-9a-f]{10})?$`),
    'expected a provider id such as claude, or claude@acct-0123456789',
  );
const DayArg = z.string().regex(/^\d{4}-?\d{2}-?\d{2}$/, 'expected a day such as 2026-11-24');

export const UsageArgs = z
  .object({
    by: z
      .enum(['day', 'week', 'month', 'session', 'project', 'subagent', 'account'])
      .default('day')
      .describe(
        'what a row adds up: a day, ISO week or month per provider and model; an agent session; a project; a sub-agent; or an account over the whole span',
      ),
    since: DayArg.optional().describe('first day, YYYY-MM-DD'),
    until: DayArg.optional().describe('last day, YYYY-MM-DD'),
    providers: z.array(ProviderArg).max(20).optional().describe('only these providers (or provider@acct-… accounts)'),
    tz: z.string().max(64).optional().describe('IANA time zone of the days (default: the machine’s)'),
    limit: z.number().int().min(1).max(MAX_ROWS).default(DEFAULT_ROWS).describe(`rows at most (${MAX_ROWS} the most)`),
  })
  .strict();

/** The rows, bounded: the latest periods and sessions, the largest projects and accounts; `truncated` says when cut. */
export function answerUsage(dataDir: string, args: z.infer<typeof UsageArgs>): ToolAnswer {
  const account = args.by === 'account';
  const view = readUsageView(dataDir, {
    by: args.by === 'account' ? 'day' : args.by,
    since: readUsageDay(args.since, 'since'),
    until: readUsageDay(args.until, 'until'),
    providers: args.providers ?? [],
    timeZone: args.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    providerWhere: 'providers',
  });
  if (account && 'limits' in view) {
    const rows = sumAccounts(view.rows);
    return sendAnswer({
      by: 'account',
      timeZone: view.timeZone,
      since: args.since ?? null,
      until: args.until ?? null,
      ...boundRows(rows, args.limit, 'first'),
    });
  }
  const keep = view.by === 'project' || view.by === 'subagent' ? 'first' : 'last';
  return sendAnswer({ ...view, ...boundRows<unknown>(view.rows, args.limit, keep) });
}

/** Each account's days added up (`tracker usage`'s rows, every model), the largest first; one unpriced day makes its dollars unknown. */
function sumAccounts(rows: readonly UsageRow[]): Record<string, unknown>[] {
  type Sum = Pick<UsageRow, 'provider' | 'input' | 'output' | 'cache_read' | 'cache_creation' | 'total' | 'usd'> & {
    days: Set<string>;
    models: Set<string>;
  };
  const sums = new Map<string, Sum>();
  for (const row of rows) {
    const sum = sums.get(row.provider) ?? {
      provider: row.provider,
      input: 0,
      output: 0,
      cache_read: 0,
      cache_creation: 0,
      total: 0,
      usd: 0,
      days: new Set(),
      models: new Set(),
    };
    sum.input += row.input;
    sum.output += row.output;
    sum.cache_read += row.cache_read;
    sum.cache_creation += row.cache_creation;
    sum.total += row.total;
    sum.usd = sum.usd === null || row.usd === null ? null : sum.usd + row.usd;
    sum.days.add(row.period);
    if (row.model !== null) sum.models.add(row.model);
    sums.set(row.provider, sum);
  }
  return [...sums.values()]
    .sort((a, b) => b.total - a.total || (a.provider < b.provider ? -1 : 1))
    .map(({ days, models, ...sum }) => ({ ...sum, days: days.size, models: [...models].sort() }));
}
