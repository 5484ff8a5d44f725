// `tracker calibrate`'s text: each bar's rate per list dollar and tokens per 1%, each plan's price, what the data cannot show (pure).
import { type AccountNames, describeAccountNames, findBaseProvider } from '../usage/account-keys.js';
import { renderTable } from '../../kernel/index.js';
import { BAR_KINDS } from '../../ledger/schemas/index.js';
import type { EverydayBar } from './calibrate-everyday.js';
import type { EverydayResult } from './build-everyday-calibration.js';
import { describeUnnamedRows, describeWithoutUse } from './describe-account-gaps.js';

export function renderEverydayCalibration(result: EverydayResult, confidence: number, names?: AccountNames): string {
  const span = `${result.since ?? 'the first reading'} to ${result.until ?? 'the last'}`;
  const level = `${Math.round(confidence * 100)}%`;
  // A login read and never sized, or rows no login holds: a line each, with or without a table.
  const gaps = [...(result.without_use ?? []).map(describeWithoutUse), ...(result.unnamed ?? []).map(describeUnnamedRows)];
  if (result.calibrations.length === 0)
    return `${[...gaps, ''].join('\n')}No provider has both bar readings and recorded use (${span}). Record bars (tracker statusline, tracker watch, tracker quota --record, or the proxy) while the use is recorded (the proxy, the agents' own OpenTelemetry through tracker otel, or Claude Code's transcripts through tracker ingest claude-transcripts), or ingest Codex's rollouts (tracker ingest codex-rollout: both at once), then run this again.\n`;
  const rows = [['provider', 'plan', 'bar', 'pairs', `% per list $ [${level}]`, `tokens per 1% [${level}]`, 'moves without use']];
  for (const calibration of result.calibrations)
    for (const bar of calibration.bars)
      rows.push([
        calibration.provider,
        calibration.plan ?? '-',
        BAR_KINDS[bar.bar].label,
        String(bar.pairs),
        bar.per_usd === null
          ? 'n/a'
          : `${formatNumber(bar.per_usd.pct_per_unit)} [${formatNumber(bar.per_usd.low)}, ${formatNumber(bar.per_usd.high)}]`,
        formatTokens(bar.tokens_per_pct),
        bar.unrecorded_moves === 0 ? '0' : `${bar.unrecorded_moves} (${formatNumber(bar.unrecorded_pct)}%)`,
      ]);
  const logins = describeAccountNames([...result.calibrations.map((one) => one.provider), ...(result.without_use ?? [])], names);
  const lines = [
    `Everyday calibration: each pair of readings of a bar in one period, with the use recorded between them (${span}).`,
    ...(logins ? [logins] : []),
    '',
    ...renderTable(rows, { align: (column) => (column >= 3 ? 'right' : 'left') }),
    '',
  ];
  for (const calibration of result.calibrations) {
    const from =
      calibration.plan_from === 'flag'
        ? '--plan'
        : calibration.plan_from === 'login'
          ? `the ${findBaseProvider(calibration.provider)} CLI’s login`
          : 'its last window';
    const used = calibration.sources.length === 0 ? '' : ` Use from: ${calibration.sources.join(', ')}.`;
    if (calibration.price === null)
      lines.push(`${calibration.provider}: no plan (pass --plan ${calibration.provider}=PLAN for its price).${used}`);
    else if (calibration.price.usd_per_list_usd === null) lines.push(`${calibration.price.unknown_reason}.${used}`);
    else {
      const rate = calibration.price.usd_per_list_usd;
      lines.push(
        `${calibration.provider} on ${calibration.plan} (plan from ${from}): $${formatNumber(rate.estimate)} of subscription per list-price $ [${formatNumber(rate.low)}, ${formatNumber(rate.high)}], on the ${BAR_KINDS[rate.binding].label} bar, which binds.${used}`,
      );
    }
  }
  if (result.calibrations.some((calibration) => calibration.bars.some((bar) => bar.unrecorded_moves > 0)))
    lines.push(
      "Moves without use: a bar moved while nothing was recorded, so something else used the account (a web chat shares the bars; an agent neither behind the proxy nor exporting its OpenTelemetry). That bar's rate of moving with nothing recorded (% an hour over the hours between such readings) is taken off every pair for its hours, and its own error widens the interval: the rates above are the recorded use's. Record all of the account's use to need no model.",
    );
  for (const calibration of result.calibrations)
    for (const bar of calibration.bars) {
      if (bar.era)
        lines.push(
          `${calibration.provider} ${BAR_KINDS[bar.bar].label}: its rate stepped on ${bar.era.since.slice(0, 16).replace('T', ' ')} UTC (a change of plan?): ${formatTokens(bar.era.before)} tokens per 1% before, ${formatTokens(bar.tokens_per_pct)} since; every figure above is from the readings since.`,
        );
      const left = describeLeftOut(bar);
      if (left !== '') lines.push(`${calibration.provider} ${BAR_KINDS[bar.bar].label}: ${left}.`);
    }
  lines.push(...gaps);
  if (result.unpriced > 0)
    lines.push(
      `${result.unpriced} use(s) have no list price (their model is not in the table; --prices FILE adds it): left out of the dollars.`,
    );
  return `${lines.join('\n')}\n`;
}

/** What reconciling the bar's readings left out, in words (empty when nothing was). */
function describeLeftOut(bar: EverydayBar): string {
  if (bar.borrowed_from)
    return `no pair of its own with recorded use between its readings: sized through its ${BAR_KINDS[bar.borrowed_from].label} bar, read at the same instants (how far that bar moved per 1% of this one, its rounding in the interval)`;
  if (bar.two_series)
    return `its readings jump between two series in one period (${bar.reconciled.jumps} jumps of 5 points or more): two accounts under one name? no figure is given from them`;
  const { coarser, stale, near } = bar.reconciled;
  const parts = [
    coarser > 0 ? `${coarser} reading(s) of a coarser source in periods a finer source reads (its precision kept)` : '',
    stale > 0 ? `${stale} stale reading(s) below what the period had already shown (another terminal's older value)` : '',
    near > 0 ? `${near} reading(s) within 10 s of one that disagreed with no use between them (one instant: the higher kept)` : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? '' : `left out ${parts.join('; ')}`;
}

function formatTokens(value: EverydayBar['tokens_per_pct']): string {
  if (value === null) return 'n/a';
  const count = (n: number | null): string => (n === null ? 'n/a' : Math.round(n).toLocaleString('en-US'));
  return `${count(value.estimate)} [${count(value.low)}, ${count(value.high)}]`;
}

function formatNumber(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
