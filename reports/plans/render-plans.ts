// `tracker plans` as text: each account's plans against its history, the portfolios, and the two it names (pure).
import type { Portfolio } from './advise-plans.js';
import type { PlansReport } from './build-plans-advice.js';
import { formatSpread, formatTokens } from './format-plan-figures.js';
import { renderFailovers } from './render-failovers.js';

export function renderPlans(advice: PlansReport): string {
  // `until` is the span's exclusive end: its last day is the one before.
  const last = new Date(Date.parse(advice.until) - 1).toISOString().slice(0, 10);
  const lines = [`Plans against your history, ${advice.since.slice(0, 10)} to ${last} (${advice.days.toFixed(1)} days)`];
  for (const account of advice.accounts) {
    lines.push('', `${account.provider} (held: ${account.held ?? 'unknown'}; ${formatTokens(account.asked_tokens)} tokens asked)`);
    lines.push('  plan                     $/month  windows that hit a limit  hours waited');
    for (const outcome of account.outcomes) {
      const head = `  ${outcome.plan.padEnd(24)} ${`$${outcome.usd_per_month}`.padStart(7)}`;
      lines.push(
        outcome.na === null
          ? `${head}  ${formatSpread(outcome.hits, 0).padEnd(24)}  ${formatSpread(outcome.waited_hours, 1)}`
          : `${head}  n/a: ${outcome.na}`,
      );
    }
  }
  const observed = advice.observed_limits.filter((limit) => limit.periods_at_limit > 0);
  if (observed.length > 0)
    lines.push(
      '',
      `Seen at a limit in the history: ${observed.map((limit) => `${limit.provider}'s ${limit.bar} bar in ${limit.periods_at_limit} period(s)`).join(', ')}`,
    );
  if (advice.headroom.length > 0)
    lines.push('', 'Headroom at the end of the history, on the plans held:', ...advice.headroom.map((one) => `  ${one.line}`));
  lines.push('', "Portfolios, cheapest first (hits and hours: at the calibration, [at the bars' largest, smallest size])");
  for (const portfolio of advice.portfolios.slice(0, 20)) lines.push(`  ${formatPortfolio(portfolio)}`);
  if (advice.portfolios.length > 20) lines.push(`  ... ${advice.portfolios.length - 20} more (--json lists them all)`);
  lines.push('');
  lines.push(
    advice.cheapest_covering
      ? `Cheapest without a limit hit: ${advice.cheapest_covering.plans.join(' + ')} ($${advice.cheapest_covering.usd_per_month} a month)${
          advice.cheapest_covering_surely === advice.cheapest_covering
            ? ", even at the bars' smallest size"
            : advice.cheapest_covering_surely
              ? `; at the bars' smallest size, ${advice.cheapest_covering_surely.plans.join(' + ')} ($${advice.cheapest_covering_surely.usd_per_month})`
              : "; at the bars' smallest size none covers it"
        }`
      : `Cheapest without a limit hit: n/a (${describeUncovered(advice.cheapest_covering_unmeasured)})`,
  );
  lines.push(
    advice.most_tokens_per_usd
      ? `Most tokens served per dollar: ${advice.most_tokens_per_usd.plans.join(' + ')} (${formatTokens(advice.most_tokens_per_usd.tokens_per_usd ?? 0)} a $)`
      : 'Most tokens served per dollar: n/a (no portfolio can be sized)',
  );
  if (advice.most_work_per_usd)
    lines.push(
      `Most correct work per dollar: ${advice.most_work_per_usd.plans.join(' + ')} (${formatSpread(advice.most_work_per_usd.work_per_usd, 3)} tasks a month a $)`,
    );
  else if (advice.most_work_undecided) {
    const { leader, overlapping } = advice.most_work_undecided;
    const named = (portfolio: Portfolio): string => `${portfolio.plans.join(' + ')} ${formatSpread(portfolio.work_per_usd, 3)}`;
    lines.push(
      `Most correct work per dollar: not distinguishable yet: ${named(leader)} overlaps ${overlapping.slice(0, 3).map(named).join(', ')}${
        overlapping.length > 3 ? ` and ${overlapping.length - 3} more` : ''
      } (tasks a month a $; more of the experiment's tasks narrow the intervals)`,
    );
  }
  lines.push(...renderFailovers(advice.failover));
  if (advice.seat_evidence) {
    lines.push(
      '',
      "Adding a seat: the experiment's gates (seed 001) are the evidence behind it, the replay above what it would have served",
    );
    for (const gate of advice.seat_evidence.gates)
      lines.push(`  ${gate.id} ${gate.status.replace('-', ' ')}: ${gate.summary.replace(/^not evaluable: /, '')}`);
    lines.push(`  ${advice.seat_evidence.decision}`, `  ${advice.seat_evidence.note}`);
  }
  for (const note of advice.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}

function formatPortfolio(portfolio: Portfolio): string {
  const head = `${portfolio.plans.join(' + ').padEnd(40)} ${`$${portfolio.usd_per_month}`.padStart(8)}`;
  if (portfolio.na !== null) return `${head}  n/a: ${portfolio.na}`;
  const work = portfolio.work_a_month === null ? '' : `, correct work ${formatSpread(portfolio.work_a_month, 1)} tasks a month`;
  const seat = portfolio.seat
    ? `; work moved to ${portfolio.seat.provider}: ${formatTokens(portfolio.seat.moved_tokens)} of its tokens a month, ${formatTokens(portfolio.seat.served_tokens.estimate)} served`
    : '';
  const dropped = portfolio.dropped
    ? `; ${portfolio.dropped.provider}'s plan given up, its use moved to ${portfolio.dropped.into}${portfolio.dropped.exchange === 'token-for-token' ? ' token for token' : ''}`
    : '';
  return `${head}  hits${portfolio.seat ? ' (on the seat)' : ''} ${formatSpread(portfolio.hits, 0)}, waited ${formatSpread(portfolio.waited_hours, 1)} h, ${formatTokens(portfolio.tokens_a_month ?? 0)} tokens a month${work}${seat}${dropped}`;
}

/** Why no portfolio is the cheapest without a hit: none served the history so, or only one moving a vendor's use unmeasured. */
function describeUncovered(moved: Portfolio | null): string {
  if (!moved?.dropped) return 'no portfolio that can be sized served the history without one';
  const { provider, into } = moved.dropped;
  return `only by moving ${provider}'s use to ${into} token for token, which no experiment measured: ${moved.plans.join(' + ')} ($${moved.usd_per_month} a month)`;
}
