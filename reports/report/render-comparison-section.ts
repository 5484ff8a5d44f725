// The report's comparison sections: crossover result, power and sample size still needed, stop-rule status.
import { renderCrossoverAnalysis } from '../stats/crossover-render.js';
import { describeDecision } from '../metrics/decide-plan-stop.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatInterval, formatNumber, formatSigned, formatTable, formatUnit } from './format-values.js';

/** The "Crossover" section; `chart` is the paired-differences chart's file name, if drawn. */
export function renderCrossoverSection(report: ExperimentReport, chart: string | null): string[] {
  const { comparison, pairing } = report;
  const title = pairing ? `## Secondary analyses: ${pairing.a} (A) vs ${pairing.b} (B)` : '## Secondary analyses';
  if (!pairing) return [title, '', 'Fewer than two providers have windows on named tasks (`--feature`): nothing to pair.'];
  const lines = [
    title,
    '',
    'Each of these answers a narrower or a different question than the primary analysis and none of them decides the verdict; they are here to check it.',
    '',
    `Tasks run by both: ${pairing.pairs} (tasks on one side only or without a capacity delta on a side: ${pairing.unpaired}; repeated windows ignored: ${pairing.repeats}).`,
  ];
  if (!comparison) return [...lines, '', 'No task has a window with a capacity delta from both providers yet.'];
  const unit = formatUnit(comparison.pairs[0]?.a.unit ?? null);
  const confidence = `${Math.round(report.settings.confidence * 100)}%`;
  const paired = comparison.paired;
  const pairedCi =
    paired.low === null ? formatInterval(null, null, paired.na) : `${confidence} CI ${formatInterval(paired.low, paired.high)}`;
  lines.push(
    '',
    `- Paired t on efficiency, A - B: mean ${formatSigned(paired.mean)} ${unit}, ${pairedCi} (n=${paired.n}). It ignores which provider ran first, so a period effect widens it or shifts it.`,
  );
  const boot = comparison.bootstrap?.ratio;
  if (boot) {
    const interval = boot.bca
      ? `${confidence} BCa ${formatInterval(boot.bca.low, boot.bca.high)}`
      : boot.percentile
        ? `${confidence} percentile ${formatInterval(boot.percentile.low, boot.percentile.high)}`
        : `ci=n/a (${boot.note ?? 'no interval'})`;
    const how = boot.resamples > 0 ? `seed ${boot.seed}, ${boot.resamples} resamples` : `seed ${boot.seed}`;
    lines.push(
      `- Paired bootstrap over tasks (${how}): pooled efficiency (sum quality / sum capacity) A / B = ${formatNumber(boot.estimate)}, ${interval}. A ratio of sums weighs the tasks that used the most capacity most; the primary analysis weighs every task alike.${describeRatioDisagreement(report, boot.bca ?? boot.percentile ?? null)}`,
    );
  }
  const mg = comparison.mainland_gart?.treatment;
  if (comparison.mainland_gart)
    lines.push(
      `- Mainland-Gart on success (pass/fail): odds ratio A vs B ${mg ? `${formatNumber(mg.estimate)}, ${confidence} CI ${formatInterval(mg.ciLow, mg.ciHigh)}, p=${formatNumber(mg.p)}` : `n/a (${comparison.mainland_gart.naReason ?? 'no task succeeded in one period only'})`}`,
    );
  if (comparison.crossover) {
    lines.push('', '```text', renderCrossoverAnalysis(comparison.crossover).trimEnd(), '```');
  } else if (comparison.crossover_note) {
    lines.push(`- AB/BA crossover: not run, ${comparison.crossover_note}`);
  }
  if (chart) lines.push('', `![Paired differences per task, A - B](${chart})`);
  return lines;
}

/** The "Power and sample size" section: the primary analysis' own test, for the pair the verdict names. */
export function renderPowerSection(report: ExperimentReport): string[] {
  const lines = ['## Power and sample size', ''];
  const plan = report.plan;
  const pair = report.power_pair;
  if (!plan || !pair) return [...lines, 'No paired tasks yet: power needs at least three tasks run by both providers of a pair.'];
  const pct = Math.round(report.settings.min_effect * 100);
  const pairs = Math.max(1, report.stop.pairs.length);
  const alpha = report.settings.alpha / pairs;
  const target = Math.round((plan.relevant?.target_power ?? 0.8) * 100);
  const row = (label: string, difference: number | null, line: typeof plan.relevant) => [
    label,
    formatNumber(difference),
    formatNumber(line?.effect),
    formatNumber(line?.power_now),
    formatNumber(line?.n_needed),
    formatNumber(line?.still_needed),
  ];
  const rows = [row(`relevant: ${pct}% more work per unit (share gap)`, plan.relevant_difference, plan.relevant)];
  if (plan.planned && plan.planned_sd != null)
    rows.push(row(`relevant, with the plan's assumed SD ${formatNumber(plan.planned_sd)}`, plan.relevant_difference, plan.planned));
  rows.push(row('observed: |mean share gap|', plan.observed_difference ?? null, plan.observed));
  lines.push(
    `The contest the verdict waits on: ${pair[0]} vs ${pair[1]}, the AB/BA crossover on the share gap, n = ${plan.n} tasks, SD of a task's share gap ${formatNumber(plan.sd_difference)}; two-sided alpha ${report.settings.alpha}${pairs > 1 ? ` / ${pairs} pairs = ${formatNumber(alpha)} (Holm's first step)` : ''}, noncentral t.`,
    '',
    ...formatTable(['effect to detect', 'share gap', 'd', 'power now', `tasks for ${target}% power`, 'still needed'], rows, [
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
    ]),
    '',
    "Plan on the relevant effect: the observed one is noisy at small n, and power computed from it only restates the p-value. The row with the plan's assumed SD is the figure `experiment run` printed before the first arm, for the same assumption.",
  );
  if (report.analysis.planning_source) lines.push(`- The plan's assumption: ${report.analysis.planning_source}.`);
  for (const note of plan.notes) lines.push(`- ${note}`);
  return lines;
}

/** The "Stop rules" section: the runner's recorded stop first, then the same rules recomputed on every pair. */
export function renderStopSection(report: ExperimentReport, chart: string | null): string[] {
  const lines = ['## Stop rules', ''];
  const { stop } = report;
  const recorded = stop.recorded;
  if (recorded)
    lines.push(
      `**The run stopped early** at ${recorded.ts}: ${recorded.rule === 'sequential' ? 'the sequential rule' : "seed 001's data-quality rule"} (${recorded.reason}); ${recorded.arms_done} arms had run and ${recorded.arms_not_started} were never started.`,
      '',
    );
  else if (stop.rule.rule === 'none') lines.push('The plan registered no early stop (`--no-stop-rules`).', '');
  if (stop.seed.length === 0)
    lines.push('- Seed rule (negative-delta > 1 per 3 windows, or a non-finite CI, halts an arm): no windows yet.');
  for (const arm of stop.seed)
    lines.push(`- Seed rule, ${arm.provider}: ${arm.verdict.halt ? '**HALT**' : 'continue'} (${arm.verdict.reason})`);
  if (stop.rule.rule !== 'none') {
    lines.push(
      `- Sequential rule (pre-registered): a bounded-mean betting confidence sequence on each pair's share gap, valid at every look for any distribution on [-1, 1], at alpha ${formatNumber(stop.rule.alpha_per_pair)} per pair (${stop.rule.pairs} pair${stop.rule.pairs === 1 ? '' : 's'}), margin ±${formatNumber(stop.rule.margin)}, tuned for ${stop.tuning_n} tasks; the run stops when every pair is settled.`,
    );
    for (const check of stop.pairs)
      lines.push(`  - ${check.a} vs ${check.b}: ${describeDecision(check)}${check.verdict ? `: ${check.verdict.reason}` : ''}`);
    lines.push(
      '  Its intervals are wider than the primary ones because they stay valid however often they are looked at: they decide when a run may stop early, not who is ahead.',
    );
  }
  if (chart && stop.pair) lines.push('', `![Confidence sequence of the ${stop.pair[0]} - ${stop.pair[1]} share gap](${chart})`);
  return lines;
}

/** Why the pooled ratio can exclude 1 while the primary interval includes 0 (or the reverse), in this report's numbers. */
function describeRatioDisagreement(report: ExperimentReport, interval: { low: number; high: number } | null): string {
  const contrast = report.primary.contrasts[0];
  if (!interval || !contrast || contrast.low === null || contrast.high === null || report.primary.contrasts.length > 1) return '';
  const ratioSays = interval.low > 1 ? 'A' : interval.high < 1 ? 'B' : null;
  const primarySays = contrast.low > 0 ? contrast.a : contrast.high < 0 ? contrast.b : null;
  const ratioName = ratioSays === 'A' ? report.pairing?.a : ratioSays === 'B' ? report.pairing?.b : null;
  if ((ratioName ?? null) === primarySays) return '';
  return ` Here it ${ratioName ? `favours ${ratioName}` : 'separates neither'} while the primary analysis ${primarySays ? `finds ${primarySays} ahead` : 'separates neither'}: the tasks that weigh most in the sums ${ratioName ? `favour ${ratioName}` : 'pull the ratio toward 1'}, the typical task does not. The verdict follows the primary analysis, which was fixed before the data.`;
}
