// The text of `tracker usage --by session`: one line per agent session, as ccusage's `session` report, with a total: pure.
import { escapeControls, renderTable } from '../../kernel/index.js';
import { formatCountCells, formatTotalCells } from './usage-figures.js';
import type { SessionRow } from './usage-inputs.js';

export interface SessionView {
  by: 'session';
  timeZone: string;
  rows: SessionRow[];
}

const HEADER = [
  'Session',
  'Provider',
  'Models',
  'Input',
  'Output',
  'Cache read',
  'Cache create',
  'Total',
  'Cost (USD)',
  'Last activity',
  'Source',
];
const RIGHT = new Set([3, 4, 5, 6, 7, 8]);

export function renderSessionUsage(view: SessionView): string {
  const lines = [`Token usage by session, ${view.timeZone}`];
  if (view.rows.length === 0) {
    lines.push(
      '  no tokens in the ledger for these days (proxy telemetry, the agents’ OpenTelemetry, ingests of Claude Code’s transcripts, Codex’s rollouts, Gemini’s sessions or ccusage, token snapshots)',
    );
    return `${lines.join('\n')}\n`;
  }
  const body = view.rows.map((row) => [
    // Session ids, providers and models come from the ledger (a client's header, an ingested file): shown, never obeyed.
    escapeControls(row.session ?? '(no session id)'),
    escapeControls(row.provider),
    escapeControls(row.models.join(', ') || '(not named)'),
    ...formatCountCells(row),
    row.last_day,
    row.source,
  ]);
  const unpriced = view.rows.filter((row) => row.usd === null);
  body.push(['Total', '', '', ...formatTotalCells(view.rows), '', '']);
  lines.push(
    ...renderTable([HEADER, ...body], { indent: '  ', ruleUnderHeader: true, align: (column) => (RIGHT.has(column) ? 'right' : 'left') }),
  );
  if (unpriced.length > 0) {
    const first = unpriced[0] as SessionRow;
    lines.push(escapeControls(`  n/a cost: ${unpriced.length} row(s), e.g. ${first.session ?? first.provider}: ${first.usd_reason}`));
  }
  const unsplit = [...new Set(view.rows.filter((row) => row.session === null).map((row) => row.source))];
  if (unsplit.length > 0)
    lines.push(
      `  (no session id): tokens whose source names no session (${unsplit.join(', ')}), counted per provider, not split (docs/usage.md).`,
    );
  return `${lines.join('\n')}\n`;
}
