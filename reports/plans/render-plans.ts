// `tracker plans` as text: each account's plans against its history, the portfolios, and the two it names (pure).
import type { Portfolio } from './advise-plans.js';
import type { PlansReport } from './build-plans-advice.js';
import { type AccountNames, describeAccountNames } from '../usage/account-keys.js';
import { formatSpread, formatTokens } from './format-plan-figures.js';
import { renderFailovers } from './render-failovers.js';
import { createPortfolioNamer, renderLoginChoices } from './render-login-choices.js';
import { isOnePlan, WORTH_READING } from './rank-portfolios.js';

export interface RenderPlansOptions {
  /** Every portfolio (`--all-portfolios`), not only those worth reading first. */
  all?: boolean;
  /** Each login's readable name, by account: a line names the accounts shown apart. */
  names?: AccountNames;
}

export function renderPlans(advice: PlansReport, options: RenderPlansOptions = {}): string {
  const name = createPortfolioNamer(advice.accounts.map((account) => account.provider));
  // `until` is the span's exclusive end: its last day is the one before.
  const last = new Date(Date.parse(advice.until) - 1).toISOString().slice(0, 10);
  const lines = [`Plans against your history, ${advice.since.slice(0, 10)} to ${last} (${advice.days.toFixed(1)} days)`];
  const logins = describeAccountNames(
    advice.accounts.map((account) => account.provider),
    options.names,
  );
  if (logins) lines.push(logins);
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
  // The few worth reading first (rank-portfolios.ts), all of them when they are few or asked for.
  const all = options.all || advice.portfolios.length <= WORTH_READING || !advice.portfolios.some((one) => one.worth_reading);
  const listed = all ? advice.portfolios : advice.portfolios.filter((portfolio) => portfolio.worth_reading);
  const held = advice.logins?.held ?? null;
  lines.push(
    '',
    all
      ? "Portfolios, cheapest first (hits and hours: at the calibration, [at the bars' largest, smallest size])"
      : `Portfolios worth reading, cheapest first (${listed.length} of ${advice.portfolios.length}: the plans held, the answers' and those none of their kind beats on dollars, hits and hours; --all-portfolios lists all; hits and hours: at the calibration, [at the bars' largest, smallest size])`,
  );
  for (const portfolio of listed) lines.push(`  ${formatPortfolio(portfolio, name)}${portfolio === held ? '; the plans held now' : ''}`);
  lines.push('');
  lines.push(
    advice.cheapest_covering
      ? `Cheapest without a limit hit: ${name(advice.cheapest_covering)} ($${advice.cheapest_covering.usd_per_month} a month)${
          advice.cheapest_covering_surely === advice.cheapest_covering
            ? ", even at the bars' smallest size"
            : advice.cheapest_covering_surely
              ? `; at the bars' smallest size, ${name(advice.cheapest_covering_surely)} ($${advice.cheapest_covering_surely.usd_per_month})`
              : "; at the bars' smallest size none covers it"
        }`
      : `Cheapest without a limit hit: n/a (${describeUncovered(advice.cheapest_covering_unmeasured)})`,
  );
  if (advice.logins) lines.push(...renderLoginChoices(advice.logins, name));
  lines.push(
    advice.most_tokens_per_usd
      ? `Most tokens served per dollar: ${name(advice.most_tokens_per_usd)} (${formatTokens(advice.most_tokens_per_usd.tokens_per_usd ?? 0)} a $)`
      : 'Most tokens served per dollar: n/a (no portfolio can be sized)',
  );
  if (advice.most_work_per_usd)
    lines.push(
      `Most correct work per dollar: ${name(advice.most_work_per_usd)} (${formatSpread(advice.most_work_per_usd.work_per_usd, 3)} tasks a month a $)`,
    );
  else if (advice.most_work_undecided) {
    const { leader, overlapping } = advice.most_work_undecided;
    const named = (portfolio: Portfolio): string => `${name(portfolio)} ${formatSpread(portfolio.work_per_usd, 3)}`;
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

function formatPortfolio(portfolio: Portfolio, name: (portfolio: Portfolio) => string): string {
  const head = `${name(portfolio).padEnd(40)} ${`$${portfolio.usd_per_month}`.padStart(8)}`;
  if (portfolio.na !== null) return `${head}  n/a: ${portfolio.na}`;
  const work = portfolio.work_a_month === null ? '' : `, correct work ${formatSpread(portfolio.work_a_month, 1)} tasks a month`;
  const seat = portfolio.seat
    ? `; work moved to ${portfolio.seat.provider}: ${formatTokens(portfolio.seat.moved_tokens)} of its tokens a month, ${formatTokens(portfolio.seat.served_tokens.estimate)} served`
    : '';
  const dropped =
    portfolio.dropped && !isOnePlan(portfolio)
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
