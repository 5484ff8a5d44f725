// The text of `tracker usage --by project` and `--by subagent`: one line per project or sub-agent and provider, with a total: pure.
import { escapeControls, renderTable } from '../../kernel/index.js';
import { formatCountCells, formatTotalCells } from './usage-figures.js';
import type { GroupRow } from './usage-inputs.js';
import { UNKNOWN_GROUP, type UsageGroup } from './build-group-table.js';

export interface GroupView {
  by: UsageGroup;
  timeZone: string;
  rows: GroupRow[];
}

const RIGHT = new Set([3, 4, 5, 6, 7, 8]);

export function renderGroupUsage(view: GroupView): string {
  const title = view.by === 'project' ? 'Project' : 'Sub-agent';
  const lines = [`Token usage by ${view.by === 'project' ? 'project' : 'sub-agent'}, ${view.timeZone}`];
  if (view.rows.length === 0) {
    lines.push(
      '  no tokens in the ledger for these days (proxy telemetry, the agents’ OpenTelemetry, ingests of Claude Code’s transcripts, Codex’s rollouts, Gemini’s sessions or ccusage, token snapshots)',
    );
    return `${lines.join('\n')}\n`;
  }
  const header = [title, 'Provider', 'Models', 'Input', 'Output', 'Cache read', 'Cache create', 'Total', 'Cost (USD)', 'Source'];
  // Working directories, sub-agent ids and models come from the agents' files and headers: shown, never obeyed.
  const body = view.rows.map((row) => [
    escapeControls(row.group),
    escapeControls(row.provider),
    escapeControls(row.models.join(', ') || '(not named)'),
    ...formatCountCells(row),
    row.source,
  ]);
  body.push(['Total', '', '', ...formatTotalCells(view.rows), '']);
  lines.push(
    ...renderTable([header, ...body], { indent: '  ', ruleUnderHeader: true, align: (column) => (RIGHT.has(column) ? 'right' : 'left') }),
  );
  const unpriced = view.rows.filter((row) => row.usd === null);
  if (unpriced.length > 0) {
    const first = unpriced[0] as GroupRow;
    lines.push(escapeControls(`  n/a cost: ${unpriced.length} row(s), e.g. ${first.group}: ${first.usd_reason}`));
  }
  const unknown = [...new Set(view.rows.filter((row) => row.group === UNKNOWN_GROUP).map((row) => row.source))];
  if (unknown.length > 0)
    lines.push(
      `  ${UNKNOWN_GROUP}: tokens whose source does not name the ${view.by === 'project' ? 'working directory' : 'sub-agent'} (${unknown.join(', ')}), counted, not split (docs/usage.md).`,
    );
  return `${lines.join('\n')}\n`;
}
