// `tracker plans --backtest` as text: each week predicted from the weeks before it, and the errors over the history (pure).
import type { PlansBacktest } from './backtest-plans.js';

export function renderBacktest(backtest: PlansBacktest): string {
  const lines = [
    "Backtest: each week's limit hits from its use against the bars sized on the weeks before it, and its tokens as the mean week before it",
    '',
    'provider  plan                  week  start       fitted on  hits predicted  hits seen  tokens predicted  tokens',
  ];
  for (const week of backtest.weeks) {
    const hits =
      week.predicted_hits === null
        ? `n/a: ${week.na ?? 'not sized'}`
        : week.predicted_hits.low === null || week.predicted_hits.high === null
          ? `${week.predicted_hits.estimate}`
          : `${week.predicted_hits.estimate} [${week.predicted_hits.low}, ${week.predicted_hits.high}]`;
    lines.push(
      `${week.provider.padEnd(9)} ${week.plan.padEnd(21)} ${String(week.week).padStart(4)}  ${week.start.slice(0, 10)}  ${`${week.fitted_weeks} wk`.padStart(9)}  ${hits.padEnd(14)}  ${String(week.seen_hits).padStart(9)}  ${(week.predicted_tokens === null ? 'n/a' : week.predicted_tokens.toLocaleString('en-US')).padStart(16)}  ${week.tokens.toLocaleString('en-US')}${week.days < 7 ? ` (${week.days} of 7 days in the history)` : ''}`,
    );
  }
  if (backtest.weeks.length === 0) lines.push('(no week to predict)');
  lines.push('');
  lines.push(
    `Error over the history: hits ${backtest.hits_mean_abs_error === null ? 'n/a (no week predicted)' : `${backtest.hits_mean_abs_error.toFixed(2)} a week (mean absolute)`}; tokens ${backtest.tokens_mean_abs_pct_error === null ? 'n/a (no week with use)' : `${(backtest.tokens_mean_abs_pct_error * 100).toFixed(1)}% (mean absolute)`}`,
  );
  const coverage = backtest.headroom_coverage;
  lines.push(
    coverage.share === null
      ? 'Headroom coverage: n/a (no reading before a bar reached its limit)'
      : `Headroom coverage: at ${coverage.readings} readings before a bar reached its limit, the tasks done before it fell in the predicted interval ${coverage.covered} times (${(coverage.share * 100).toFixed(0)}%)`,
  );
  // Each bar apart: a bar that binds often can hide one whose interval fails.
  for (const bar of coverage.bars)
    lines.push(`  ${bar.provider} ${bar.bar}: ${bar.covered} of ${bar.readings} readings (${(bar.share * 100).toFixed(0)}%)`);
  for (const note of backtest.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}
