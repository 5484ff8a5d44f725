// Tokens and dollars per agent session, as ccusage's `session` report shows them, each token counted once: pure.
import { createEmptyCounts } from './collect-token-uses.js';
import { addUse } from './build-usage-table.js';
import { collectCountedUses, isCounted, SOURCE_ORDER } from './usage-sources.js';
import { createAccountLabeler } from './account-keys.js';
import type { SessionRow, UsageInputs } from './usage-inputs.js';

export interface SessionTableOptions {
  /** First and last day to count (`YYYY-MM-DD` in the table's zone); a session keeps only its uses within them. */
  since?: string | null;
  until?: string | null;
}

/**
 * The same uses the daily table counts (each provider's day from one source: usage-sources.ts), grouped by the
 * agent's session instead of the day, so the two tables' totals agree. A source that names no session (ccusage's
 * daily report, window snapshots) gives one row per provider with session null: its tokens are counted, not split.
 * Sorted by the last activity, oldest first.
 */
export function buildSessionTable(input: UsageInputs, timeZone: string, options: SessionTableOptions = {}): SessionRow[] {
  const { uses, winners } = collectCountedUses(input, timeZone, 'session');
  const label = createAccountLabeler(uses.map((use) => use.provider));
  const rows = new Map<string, SessionRow & { sources: Set<string>; modelSet: Set<string> }>();
  for (const use of uses) {
    if (!isCounted(winners, use)) continue;
    if ((options.since && use.day < options.since) || (options.until && use.day > options.until)) continue;
    const session = use.session ?? null;
    // Tokens without a session are kept apart per source: "no session" from the proxy is not ccusage's day total.
    const provider = label(use.provider);
    const key = `${provider}\u0000${session ?? `\u0001${use.source}`}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        session,
        provider,
        models: [],
        ...createEmptyCounts(),
        last_day: use.day,
        last_at: null,
        source: '',
        sources: new Set(),
        modelSet: new Set(),
      };
      rows.set(key, row);
    }
    addUse(row, use);
    if (use.model) row.modelSet.add(use.model);
    if (use.day > row.last_day) row.last_day = use.day;
    if (use.last_at && (row.last_at === null || Date.parse(use.last_at) > Date.parse(row.last_at))) row.last_at = use.last_at;
  }
  return [...rows.values()]
    .map(({ sources, modelSet, ...row }) => ({
      ...row,
      models: [...modelSet].sort(),
      source: SOURCE_ORDER.filter((source) => sources.has(source)).join('+'),
    }))
    .sort(compareSessions);
}

/** Oldest activity first: by the last day, then the last instant (a row with only a day goes last on its day), provider, session. */
function compareSessions(a: SessionRow, b: SessionRow): number {
  if (a.last_day !== b.last_day) return a.last_day < b.last_day ? -1 : 1;
  const at = (row: SessionRow) => (row.last_at === null ? Number.POSITIVE_INFINITY : Date.parse(row.last_at));
  if (at(a) !== at(b)) return at(a) < at(b) ? -1 : 1;
  if (a.provider !== b.provider) return a.provider < b.provider ? -1 : 1;
  const [x, y] = [a.session ?? '', b.session ?? ''];
  return x === y ? 0 : x < y ? -1 : 1;
}
