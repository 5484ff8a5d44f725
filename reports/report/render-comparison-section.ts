// The report's comparison sections: crossover result, power and sample size still needed, stop-rule status.
import { renderCrossoverAnalysis } from '../stats/crossover-render.js';
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

/** The "Power and sample size" section. */
export function renderPowerSection(report: ExperimentReport): string[] {
  const lines = ['## Power and sample size', ''];
  const plan = report.plan;
  if (!plan) return [...lines, 'No paired tasks yet: power needs at least two tasks run by both providers.'];
  const pct = Math.round(report.settings.min_effect * 100);
  const observed = report.comparison?.paired.mean ?? null;
  const unitWord = plan.design === 'crossover' ? 'tasks (subjects, half AB, half BA)' : 'paired tasks';
  lines.push(
    `Design: ${plan.design}, n = ${plan.n} ${unitWord}, SD of a task's A - B difference ${formatNumber(plan.sd_difference)}; two-sided alpha ${report.settings.alpha}, noncentral t.`,
    '',
    ...formatTable(
      [
        'effect to detect',
        'difference',
        'd',
        'power now',
        `n for ${Math.round((plan.relevant?.target_power ?? plan.observed?.target_power ?? 0.8) * 100)}% power`,
        'still needed',
      ],
      [
        [
          `relevant: ${pct}% of ${plan.reference}'s mean`,
          formatNumber(plan.relevant_difference),
          formatNumber(plan.relevant?.effect),
          formatNumber(plan.relevant?.power_now),
          formatNumber(plan.relevant?.n_needed),
          formatNumber(plan.relevant?.still_needed),
        ],
        [
          'observed: |mean A - B|',
          formatNumber(observed === null ? null : Math.abs(observed)),
          formatNumber(plan.observed?.effect),
          formatNumber(plan.observed?.power_now),
          formatNumber(plan.observed?.n_needed),
          formatNumber(plan.observed?.still_needed),
        ],
      ],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Plan on the relevant effect: the observed one is noisy at small n, and power computed from it only restates the p-value.',
  );
  for (const note of plan.notes) lines.push(`- ${note}`);
  return lines;
}

/** The "Stop rules" section; `chart` is the confidence-sequence chart's file name, if drawn. */
export function renderStopSection(report: ExperimentReport, chart: string | null): string[] {
  const lines = ['## Stop rules', ''];
  const { stop } = report;
  if (stop.seed.length === 0)
    lines.push('- Seed rule (negative-delta > 1 per 3 windows, or a non-finite CI, halts an arm): no windows yet.');
  for (const arm of stop.seed)
    lines.push(`- Seed rule, ${arm.provider}: ${arm.verdict.halt ? '**HALT**' : 'continue'} (${arm.verdict.reason})`);
  if (stop.sequential) {
    const name = {
      continue: 'continue',
      'superiority-A': `stop: ${report.pairing?.a} better`,
      'superiority-B': `stop: ${report.pairing?.b} better`,
      futility: 'stop: futility',
    }[stop.sequential.decision];
    // After the last planned task there is nothing left to stop early: "continue" would read as advice.
    const done = stop.sequential.decision === 'continue' && (report.comparison?.pairs.length ?? 0) >= stop.tuning_n;
    lines.push(
      `- Sequential rule on A - B (confidence sequence, valid at every look, tuned for ${stop.tuning_n} tasks): **${done ? 'all planned tasks ran, no early stop' : name}**, ${stop.sequential.reason}`,
    );
    lines.push(
      '  Its interval is wider than the primary one because it stays valid however often it is looked at: it decides when a run may stop early, not who is ahead.',
    );
  } else {
    lines.push('- Sequential rule: no paired tasks yet.');
  }
  if (chart) lines.push('', `![Confidence sequence of A - B over the paired tasks](${chart})`);
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
