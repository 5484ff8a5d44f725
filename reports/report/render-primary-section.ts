// The report's "Primary analysis" section: what was pre-registered, each provider's work per $, each pair's decision, the typical task (secondary): pure.
import type { AnalysisPlanRow } from '../../ledger/schemas/index.js';
import type { PairDecision } from '../metrics/decide-ratio-pair.js';
import { RUNAWAY_MULTIPLE, type TypicalTask } from '../metrics/summarize-typical-task.js';
import { findAhead } from './choose-verdict-pair.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatP, formatRatio, formatRatioInterval, formatTable, formatUnit } from './format-values.js';

export function renderPrimarySection(report: ExperimentReport): string[] {
  const { analysis, primary } = report;
  const rule = report.stop.rule;
  const usd = primary.unit === 'usd';
  const per = usd ? 'dollar of subscription' : "unit of the provider's own bars (not comparable across plans)";
  const spent = usd ? "dollars, every arm's dollars counted" : "bar units, every arm's units counted";
  const lines = [
    '## Primary analysis',
    '',
    analysis.registered
      ? `Pre-registered with plan \`${analysis.plan_id}\` at ${analysis.registered_at} (before its first arm ran), and used here unchanged unless listed below:`
      : "Not pre-registered: no plan in this data recorded its analysis, so these settings are the report's own:",
    '',
    `- Estimand: for each of ${analysis.providers.join(', ') || 'the providers'}, correct work per ${per}: the sum of its tasks' quality over the sum of their ${spent} whether it succeeded or not (a failure costs what it used and adds no work). Two providers compare by the ratio of the two on the tasks both ran.`,
    `- Quality of an arm: ${describeQuality(analysis.quality)}.`,
    `- Method: ${primary.method}.`,
    `- Task budget: ${describeBudget(report)}.`,
    `- Alpha ${analysis.alpha} (two-sided) for the whole decision: ${rule.pairs} pair${rule.pairs === 1 ? '' : 's'} at ${formatNumber(rule.alpha_per_pair)} each (Bonferroni), each pair followed task by task in an exact anytime-valid confidence sequence by betting, which holds at every look and every number of tasks at once for every cost and quality distribution within the task budgets (${rule.rule === 'none' ? 'read at the end only: `--no-stop-rules`' : 'looked at after every task'}); relevant difference ${Math.round(analysis.min_effect * 100)}% (${formatRatio(rule.relevant_ratio)}).`,
    `- Early stop: ${rule.rule === 'none' ? 'none (the run never stops early)' : `once a provider is decided ahead of every other, or every pair is settled (decided, or its sequence within ${formatRatio(1 / rule.relevant_ratio)} to ${formatRatio(rule.relevant_ratio)}); see "Stop rules"`}.`,
  ];
  const sources = analysis.task_sources;
  if (sources) lines.push(`- Tasks: ${describeTaskSources(sources)}.`);
  for (const deviation of analysis.deviations) lines.push(`- **Deviation:** ${deviation}.`);
  for (const note of analysis.notes) lines.push(`- Note: ${note}.`);
  lines.push('', ...renderProviders(report), ...renderPairs(report), ...renderTypicalTask(report));
  return lines;
}

/** The registered quality measure, in words (the arms were scored by it when they ran). */
export function describeQuality(quality: ExperimentReport['analysis']['quality']): string {
  if (quality === 'resolved')
    return "`resolved`, SWE-bench's: 1 when every fail_to_pass and every pass_to_pass test of the task passed, else 0";
  if (quality === 'fail-to-pass-share')
    return '`fail-to-pass-share` (pre-registered option): the share of the fail_to_pass tests that passed, pass_to_pass not counted';
  return 'as each arm was scored when it ran (no plan registered a measure)';
}

/** "40 planned: 10 built-in, 20 imported, 10 synthesized" (kinds with none left out). */
export function describeTaskSources(sources: NonNullable<AnalysisPlanRow['task_sources']>): string {
  const total = sources.builtin + sources.imported + sources.synthesized + sources.own;
  const parts = [
    [sources.builtin, 'built-in'],
    [sources.imported, "imported from a repository's history"],
    [sources.synthesized, 'synthesized by mutation'],
    [sources.own, 'written by hand'],
  ]
    .filter(([count]) => (count as number) > 0)
    .map(([count, what]) => `${count} ${what}`);
  return `${total} planned: ${parts.join(', ')}`;
}

function renderProviders(report: ExperimentReport): string[] {
  const { primary } = report;
  if (primary.providers.length === 0) return [];
  const level = `${Math.round((1 - report.analysis.alpha) * 100)}% CI`;
  const money = primary.unit === 'usd' ? '$ of subscription' : 'capacity used';
  return [
    ...formatTable(
      ['provider', 'tasks', 'correct work', money, `work ${formatUnit(primary.unit)}`, level, 'note'],
      primary.providers.map((p) => [
        p.provider,
        String(p.tasks),
        formatNumber(p.work),
        p.dollars === null ? 'n/a' : primary.unit === 'usd' ? `$${formatNumber(p.dollars)}` : formatNumber(p.dollars),
        formatNumber(p.ratio),
        p.low === null || p.high === null ? 'n/a' : `[${formatNumber(p.low)}, ${formatNumber(p.high)}]`,
        [
          p.na,
          p.dollars === null && p.list_usd !== null ? `$${formatNumber(p.list_usd)} of list-price use, not priced` : null,
          p.unpriced > 0 ? `${p.unpriced} task(s) without a known cost left out` : null,
        ]
          .filter(Boolean)
          .join('; '),
      ]),
      ['l', 'r', 'r', 'r', 'r', 'l', 'l'],
    ),
    '',
    `Correct work is the summed quality (${report.analysis.quality === 'fail-to-pass-share' ? "each task's share of fail_to_pass tests passed" : '1 per task resolved'}). The interval carries the price calibration's uncertainty (see "Providers"); it is descriptive: who is ahead is decided pair by pair below.`,
    '',
  ];
}

function renderPairs(report: ExperimentReport): string[] {
  const { primary } = report;
  if (primary.pairs.length === 0) return [`No primary result yet: ${primary.na ?? 'no pair could be compared'}.`, ''];
  const level = `${Math.round((1 - report.analysis.alpha) * 100)}%`;
  return [
    ...formatTable(
      ['pair A / B', `A's work ${formatUnit(primary.unit)} over B's`, `${level} sequence`, 'tasks', 'decision', 'anytime p', 'p it needed'],
      primary.pairs.map((pair) => [
        `${pair.a} / ${pair.b}`,
        formatRatio(pair.ratio),
        formatRatioInterval(pair.last?.low, pair.last?.high),
        String(pair.tasks),
        describeOutcome(pair),
        formatP(pair.last?.p).replace(/^p = /, '').replace(/^p /, ''),
        pair.last ? formatNumber(pair.last.threshold) : 'n/a',
      ]),
      ['l', 'r', 'l', 'r', 'l', 'r', 'r'],
    ),
    '',
    `Each pair is looked at as its tasks finish; its sequence holds at every look at once, and the first look that puts every ratio on one side of 1 out of it decides the pair for good. "anytime p" is 1 over the most either side's evidence has been worth so far (the smaller side's), so a pair is decided exactly when it reaches "p it needed" (alpha / pairs, less a tenth where the prices' calibration is uncertain). ${primary.leader ? `${primary.leader} is ahead of every other provider.` : primary.best ? `${primary.best} has the most work per $ so far${primary.not_behind_best.length > 0 ? `, not yet decided over ${primary.not_behind_best.join(', ')}` : ''}.` : ''}`,
    '',
  ];
}

/** Each provider's registered budget per arm, and how many arms reached it; or why there is none. */
function describeBudget(report: ExperimentReport): string {
  const budget = report.analysis.task_budget;
  const capped = report.primary.pairs.flatMap((pair) =>
    pair.budget
      ? [
          [pair.a, pair.budget.capped_a],
          [pair.b, pair.budget.capped_b],
        ]
      : [],
  );
  const reached = new Map<string, number>();
  for (const [provider, count] of capped) reached.set(provider as string, Math.max(reached.get(provider as string) ?? 0, count as number));
  const arms = [...reached].filter(([, count]) => count > 0).map(([provider, count]) => `${provider} ${count}`);
  const stopped = arms.length > 0 ? `; arms that reached it: ${arms.join(', ')}` : '; no arm reached it';
  if (!budget) return `none registered: each side of a pair is bounded by its dearest arm, after the fact${stopped}`;
  const limits = Object.entries(budget.limits).map(([provider, usd]) => `${provider} $${Number(usd.toPrecision(3))}`);
  return `each arm stopped once it has spent its provider's budget of list-price dollars (${limits.join(', ')}; ${budget.source}): such an arm is a failure that cost what it used, and the estimand is work per dollar with each task so capped${stopped}`;
}

function describeOutcome(pair: PairDecision): string {
  const ahead = findAhead(pair);
  if (ahead !== null) return `${ahead} ahead (at ${pair.decided_at} tasks)`;
  if (pair.outcome === 'within-margin') return 'no relevant difference';
  if (pair.outcome === 'n/a') return `n/a: ${pair.na ?? 'no decision possible'}`;
  return pair.last ? 'open' : 'no look yet';
}

/** Secondary: who wins the typical task, and, where it differs from work per $, the two factors that make it differ. */
function renderTypicalTask(report: ExperimentReport): string[] {
  const rows = report.primary.typical.filter((t) => t.tasks > 0);
  if (rows.length === 0) return [];
  const notes = rows.flatMap((t) =>
    explainDisagreement(
      t,
      report.primary.pairs.find((p) => p.a === t.a && p.b === t.b),
    ),
  );
  return [
    'Secondary, not the decision: who wins the typical task (per task, the higher work per $; a task both fail is a tie, a failure a loss whatever it cost).',
    '',
    ...formatTable(
      ['pair A / B', 'A better per $', 'B better per $', 'ties', 'solved by A', 'solved by B'],
      rows.map((t) => [
        `${t.a} / ${t.b}`,
        String(t.a_wins),
        String(t.b_wins),
        String(t.ties),
        `${t.solved_a} of ${t.tasks}`,
        `${t.solved_b} of ${t.tasks}`,
      ]),
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    ...(notes.length > 0 ? [...notes, ''] : []),
  ];
}

/**
 * A pair whose typical-task winner is not the provider with more work per $: why, from the pair's own tasks, each
 * cause stated only where its numbers show it (a fixed "each failure counts as a loss" named
 * failures of a provider that had none). Runaway tasks: the typical winner's few tasks past 5x its median hold most of
 * its dollars, and without them it would lead per $ too. Failures: the per-$ winner failed tasks the other solved,
 * each a per-task loss however little it cost. Otherwise price: the per-$ winner is cheaper overall while the tasks are
 * close one by one.
 */
function explainDisagreement(t: TypicalTask, pair: PairDecision | undefined): string[] {
  if (!pair || pair.ratio === null || t.work_ratio === null || t.dollar_ratio === null || t.a_wins === t.b_wins) return [];
  const typical = t.a_wins > t.b_wins ? t.a : t.b;
  const perDollar = pair.ratio > 1 ? t.a : pair.ratio < 1 ? t.b : null;
  if (perDollar === null || perDollar === typical) return [];
  const other = perDollar === t.a ? t.b : t.a;
  const work = perDollar === t.a ? t.work_ratio : 1 / t.work_ratio;
  const dollars = perDollar === t.a ? t.dollar_ratio : 1 / t.dollar_ratio;
  const head = `- ${t.a} / ${t.b}: ${typical} wins more tasks (${Math.max(t.a_wins, t.b_wins)} of ${t.tasks}), but ${perDollar} does ${formatRatio(work / dollars)} ${other}'s work per $ (${formatRatio(work)} the correct work for ${formatRatio(dollars)} the dollars)`;
  const causes: string[] = [];
  const runaway = typical === t.a ? t.runaway_a : t.runaway_b;
  const without = runaway.ratio_without === null ? null : typical === t.a ? runaway.ratio_without : 1 / runaway.ratio_without;
  if (runaway.tasks > 0 && runaway.share >= 0.25)
    causes.push(
      `${runaway.tasks} of ${typical}'s tasks cost over ${RUNAWAY_MULTIPLE}x its median task and hold ${Math.round(runaway.share * 100)}% of its dollars${without === null ? '' : `; without them ${typical} does ${formatRatio(without)} ${perDollar}'s work per $`}`,
    );
  const failed = perDollar === t.a ? t.a_failed_b_solved : t.b_failed_a_solved;
  if (failed > 0)
    causes.push(
      `${perDollar} failed ${failed} task${failed === 1 ? '' : 's'} ${typical} solved, each a loss per task however little it cost`,
    );
  if (causes.length === 0)
    causes.push(
      `${perDollar} spends ${formatRatio(dollars)} ${other}'s dollars overall while most tasks are close one by one: its price, not a few tasks, makes the difference`,
    );
  return [`${head}: ${causes.join('; ')}. Per dollar, what each spent counts, which is what a subscriber pays.`];
}
