// `tracker plans`' failover section as text: each plan held, its chains beside a bigger tier and one more seat (pure).
import type { FailoverAdvice, FailoverOption } from './compare-failovers.js';
import { formatSpread, formatTokens } from './format-plan-figures.js';
import type { Spread } from './price-plan-outcome.js';

/** The section's lines (none when no plan held can be sized). */
export function renderFailovers(advice: readonly FailoverAdvice[]): string[] {
  if (advice.length === 0) return [];
  const lines = [
    '',
    "Failover: what a plan's window refuses moves to another account until the reset (over the history; [at the bars' largest, smallest size])",
  ];
  for (const one of advice) {
    lines.push(
      `${one.provider} on ${one.plan} ($${one.usd_per_month} a month): hits ${formatSpread(one.hits, 0)}, waited ${formatSpread(one.waited_hours, 1)} h`,
    );
    // Options n/a for one reason and one account are one line, naming their plans, where the first of them stands.
    const entries: (FailoverOption | FailoverOption[])[] = [];
    const unsized = new Map<string, FailoverOption[]>();
    for (const option of one.options) {
      if (option.na === null) {
        entries.push(option);
        continue;
      }
      const key = `${nameOption(option, false)}\u0000${option.na}`;
      const group = unsized.get(key);
      if (group) group.push(option);
      else unsized.set(key, entries[entries.push([option]) - 1] as FailoverOption[]);
    }
    for (const entry of entries) {
      if (!Array.isArray(entry)) {
        lines.push(`  ${formatOption(entry)}`);
        continue;
      }
      const first = entry[0] as FailoverOption;
      const plans = entry.map((option) => option.plans[option.plans.length - 1]).join(', ');
      lines.push(`  ${nameOption(first, false)} (${plans}): n/a: ${first.na}`);
    }
    if (!one.options.some((option) => option.kind === 'seat'))
      lines.push('  add a seat: n/a: no provider the experiment measured that you do not use beside these plans (docs/plans.md)');
  }
  return lines;
}

function nameOption(option: FailoverOption, withPlan: boolean): string {
  const plan = withPlan ? ` on ${option.plans[option.plans.length - 1]}` : '';
  if (option.kind === 'chain') return `${option.name} to ${option.to}${plan}`;
  if (option.kind === 'tier') return `hold a bigger tier${withPlan ? `: ${option.name}` : ''}`;
  return `add a seat${withPlan ? `: ${option.name}` : ''}`;
}

function formatOption(option: FailoverOption): string {
  const head = `${nameOption(option, true).padEnd(56)} ${`+$${option.added_usd_per_month}`.padStart(6)}`;
  const was = (after: Spread | null, avoided: Spread | null, digits: number) =>
    after && avoided ? ` (${(after.estimate + avoided.estimate).toFixed(digits)} -> ${after.estimate.toFixed(digits)})` : '';
  const moved = option.moved_tokens === null ? '' : `, ${formatTokens(option.moved_tokens)} tokens a month moved`;
  const work =
    option.work_per_usd === null
      ? `correct work n/a (${option.work_na ?? 'not measured'})`
      : `correct work ${formatSpread(option.work_per_usd, 3)} tasks a month a $`;
  return `${head}  hits avoided ${formatSpread(option.hits_avoided, 0)}${was(option.hits, option.hits_avoided, 0)}, hours no longer waited ${formatSpread(option.hours_saved, 1)}${was(option.waited_hours, option.hours_saved, 1)}${moved}, ${work}`;
}
