// The text of `tracker usage`: a ccusage-like table, then each bar's latest tokens per 1% and any shift: pure.
import { escapeControls, renderTable } from '../../kernel/index.js';
import { roundAbout } from './build-limit-changes.js';
import { findIsoWeek, toPeriod, type UsagePeriod } from './period-keys.js';
import { formatCountCells, formatTotalCells } from './usage-figures.js';
import type { LimitChanges, LimitPoint } from './usage-inputs.js';
import type { UsageRow } from './usage-inputs.js';

export interface UsageView {
  by: UsagePeriod;
  timeZone: string;
  rows: UsageRow[];
  limits: LimitChanges;
}

/** Rows and limit points of the periods from `since` to `until` (days; a week is kept when it holds either end or lies between). */
export function selectUsagePeriods(view: UsageView, since: string | null, until: string | null): UsageView {
  const bound = (day: string | null) => (day === null ? null : view.by === 'week' ? findIsoWeek(day) : toPeriod(day, view.by));
  const low = bound(since);
  const high = bound(until);
  const keep = (period: string) => (low === null || period >= low) && (high === null || period <= high);
  const shifted = view.limits.points.filter((point) => point.shift);
  const shifts = view.limits.shifts.filter((_, index) => keep(shifted[index]?.period ?? ''));
  return {
    ...view,
    rows: view.rows.filter((row) => keep(row.period)),
    limits: { points: view.limits.points.filter((point) => keep(point.period)), shifts },
  };
}

const HEADER = ['Period', 'Provider', 'Model', 'Input', 'Output', 'Cache read', 'Cache create', 'Total', 'Cost (USD)', 'Source'];
const RIGHT = new Set([3, 4, 5, 6, 7, 8]);

export function renderUsage(view: UsageView): string {
  const unit = { day: 'Daily', week: 'Weekly (ISO weeks)', month: 'Monthly' }[view.by];
  const lines = [`${unit} token usage, ${view.timeZone}`];
  if (view.rows.length === 0)
    lines.push(
      '  no tokens in the ledger for these periods (proxy telemetry, the agents’ OpenTelemetry, ingests of Claude Code’s transcripts, Codex’s rollouts, Gemini’s sessions or ccusage, token snapshots)',
    );
  else {
    const body = view.rows.map((row) => [
      row.period,
      // Provider and model names come from the ledger (an ingested file, a back end's answer): shown, never obeyed.
      escapeControls(row.provider),
      escapeControls(row.model ?? '(all models)'),
      ...formatCountCells(row),
      row.source,
    ]);
    const unpriced = view.rows.filter((row) => row.usd === null);
    body.push(['Total', '', '', ...formatTotalCells(view.rows), '']);
    lines.push(
      ...renderTable([HEADER, ...body], { indent: '  ', ruleUnderHeader: true, align: (column) => (RIGHT.has(column) ? 'right' : 'left') }),
    );
    if (unpriced.length > 0)
      lines.push(
        escapeControls(
          `  n/a cost: ${unpriced.length} row(s), e.g. ${unpriced[0]?.period} ${unpriced[0]?.model ?? unpriced[0]?.provider}: ${unpriced[0]?.usd_reason}`,
        ),
      );
    if (view.rows.some((row) => row.source.includes('snapshots')))
      lines.push('  Snapshots count a total only: their input, output and cache columns show 0 (docs/usage.md).');
  }
  lines.push('', ...renderLimits(view.limits));
  return `${lines.join('\n')}\n`;
}

function renderLimits(limits: LimitChanges): string[] {
  if (limits.points.length === 0)
    return ['Limit changes: n/a (no completed window in these periods has both a bar delta and a token count)'];
  const latest = new Map<string, LimitPoint>();
  for (const point of limits.points) latest.set(`${point.provider} ${point.bar}`, point);
  const lines = ['Limit changes (tokens one percent of each bar bought, latest period, 95% interval):'];
  for (const point of latest.values()) {
    const figure =
      point.tokens_per_pct === null
        ? `n/a (${point.reason})`
        : `about ${roundAbout(point.tokens_per_pct)} per 1%` +
          (point.low === null
            ? ` (${point.reason})`
            : ` (${roundAbout(point.low)} to ${point.high === null ? 'unbounded' : roundAbout(point.high)}, ${point.n} windows)`);
    lines.push(escapeControls(`  ${point.provider} ${point.bar === 'five_hour' ? '5h' : point.bar} in ${point.period}: ${figure}`));
  }
  if (limits.shifts.length === 0) lines.push('  No shift: no period left the level of the periods before it.');
  else lines.push(...limits.shifts.map((shift) => escapeControls(`  Shift: ${shift}`)));
  return lines;
}
