// Tokens and dollars per project (the agent's working directory) or per sub-agent, each token counted once: pure.
import { createEmptyCounts } from './collect-token-uses.js';
import { addUse } from './build-usage-table.js';
import { collectCountedUses, isCounted, SOURCE_ORDER } from './usage-sources.js';
import { createAccountLabeler } from './account-keys.js';
import type { GroupRow, TokenUse, UsageInputs } from './usage-inputs.js';

/** What a group table splits by. */
export type UsageGroup = 'project' | 'subagent';

/** Where a source cannot tell the project or sub-agent: its tokens are shown, not dropped. */
export const UNKNOWN_GROUP = '(unknown)';
/** The main agent's own tokens in the per-sub-agent table. */
export const MAIN_AGENT = '(main)';

/**
 * The same uses the daily table counts (each provider's day from one source: usage-sources.ts), grouped by project or
 * sub-agent, so the tables' totals agree. A project is the working directory a Claude Code transcript names; a
 * sub-agent is a transcript's sidechain, or the proxy's and OpenTelemetry's `subagent_id`. Sorted by tokens, most first.
 */
export function buildGroupTable(
  input: UsageInputs,
  by: UsageGroup,
  timeZone: string,
  options: { since?: string | null; until?: string | null } = {},
): GroupRow[] {
  const { uses, winners } = collectCountedUses(input, timeZone, by === 'subagent' ? 'subagent' : 'none');
  const label = createAccountLabeler(uses.map((use) => use.provider));
  const rows = new Map<string, GroupRow & { sources: Set<string>; modelSet: Set<string> }>();
  for (const use of uses) {
    if (!isCounted(winners, use)) continue;
    if ((options.since && use.day < options.since) || (options.until && use.day > options.until)) continue;
    const group = nameGroup(use, by);
    const provider = label(use.provider);
    const key = `${provider}\u0000${group}`;
    let row = rows.get(key);
    if (!row) {
      row = { group, provider, models: [], ...createEmptyCounts(), source: '', sources: new Set(), modelSet: new Set() };
      rows.set(key, row);
    }
    addUse(row, use);
    if (use.model) row.modelSet.add(use.model);
  }
  return [...rows.values()]
    .map(({ sources, modelSet, ...row }) => ({
      ...row,
      models: [...modelSet].sort(),
      source: SOURCE_ORDER.filter((source) => sources.has(source)).join('+'),
    }))
    .sort((a, b) => b.total - a.total || (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.group < b.group ? -1 : 1));
}

/** The use's project or sub-agent as the table shows it. */
function nameGroup(use: TokenUse, by: UsageGroup): string {
  const value = by === 'project' ? use.project : use.subagent;
  if (value === undefined || (by === 'project' && value === null)) return UNKNOWN_GROUP;
  return value ?? MAIN_AGENT;
}
