// The report's "Primary analysis" section: what was pre-registered, any deviation, and its contrasts: pure.
import { cutToShareRange } from '../../kernel/index.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatP, formatRoundedInterval, formatSigned, formatTable, formatUnit } from './format-values.js';

export function renderPrimarySection(report: ExperimentReport): string[] {
  const { analysis, primary } = report;
  const unit = formatUnit(primary.unit);
  const per = primary.unit === 'usd' ? 'quality points per dollar of subscription' : "quality points per unit of each provider's own bars";
  const rule = report.stop.rule;
  const lines = [
    '## Primary analysis',
    '',
    analysis.registered
      ? `Pre-registered with plan \`${analysis.plan_id}\` at ${analysis.registered_at} (before its first arm ran), and used here unchanged unless listed below:`
      : "Not pre-registered: no plan in this data recorded its analysis, so these settings are the report's own:",
    '',
    `- Estimand: for each pair of ${analysis.providers.join(', ') || 'the providers'}, the per-task share gap of ${per}, 2 x A / (A + B) - 1 (in [-1, 1]; 0 means equal work ${unit}, +${formatNumber(rule.margin)} means A does ${Math.round(analysis.min_effect * 100)}% more). Bounded, so the stop rule's guarantee holds on it (docs/reports.md).`,
    `- Method: ${primary.method}.`,
    `- Alpha ${analysis.alpha} (two-sided); relevant difference ${Math.round(analysis.min_effect * 100)}% (share gap ${formatNumber(rule.margin)}); ${analysis.planned_tasks} tasks planned.`,
    `- Stop rule: ${rule.rule === 'none' ? 'none (the run never stops early)' : `the same share gaps, a bounded-mean betting confidence sequence per pair at alpha ${formatNumber(rule.alpha_per_pair)}; see "Stop rules"`}.`,
  ];
  for (const deviation of analysis.deviations) lines.push(`- **Deviation:** ${deviation}.`);
  for (const note of analysis.notes) lines.push(`- Note: ${note}.`);
  lines.push('');
  if (primary.contrasts.length === 0) return [...lines, `No primary result yet: ${primary.na ?? 'no contrast could be computed'}.`];
  const simultaneous = primary.contrasts.length > 1;
  const confidence = `${Math.round((1 - analysis.alpha) * 100)}%${simultaneous ? ' simultaneous' : ''} CI (primary)`;
  lines.push(
    ...formatTable(
      ['contrast', 'share gap', 'reads as', confidence, simultaneous ? 'p (Holm)' : 'p', 'tasks', 'note'],
      primary.contrasts.map((c) => [
        `${c.a} - ${c.b}`,
        formatSigned(c.estimate),
        describeRatio(c),
        c.na ? 'n/a' : describeInterval(c.low, c.high),
        formatP(c.p_adjusted).replace(/^p = /, '').replace(/^p /, ''),
        String(report.stop.pairs.find((p) => p.a === c.a && p.b === c.b)?.tasks ?? 0),
        c.na ?? '',
      ]),
      ['l', 'r', 'l', 'l', 'r', 'r', 'l'],
    ),
    '',
    `A positive share gap means the first provider did more correct work ${unit} on a typical task; "reads as" turns the mean gap into the ratio it stands for, a reading aid and not a ratio of means. ${describeDecisionRule(report)}`,
    '',
    ...renderModel(report),
  );
  return lines;
}

/** "about 1.19x B's work": the ratio (1 + g) / (1 - g) a mean gap g stands for. */
function describeRatio(c: { a: string; b: string; relative: number | null }): string {
  if (c.relative === null) return 'n/a';
  const ratio = 1 + c.relative;
  return ratio >= 1 ? `${c.a} ~${formatNumber(ratio)}x ${c.b}` : `${c.b} ~${formatNumber(1 / ratio)}x ${c.a}`;
}

function describeDecisionRule(report: ExperimentReport): string {
  const { primary } = report;
  if (primary.contrasts.length > 1)
    return `A provider is ahead of another when their Holm-adjusted p is below ${report.analysis.alpha}; the intervals hold for all ${primary.contrasts.length} contrasts at once (Bonferroni).`;
  return `A provider is ahead when the interval excludes 0.${primary.best && primary.leader === null ? ` ${primary.best} has the better estimate but cannot be told apart from the other yet.` : ''}`;
}

/** With 3+ providers: each provider's adjusted mean, the design, what carryover did, and which tasks counted. */
function renderModel(report: ExperimentReport): string[] {
  const model = report.providers_compared;
  if (!model) return [];
  const unit = formatUnit(model.unit);
  const design =
    model.design === 'williams'
      ? 'a Williams design (balanced for first-order carryover)'
      : model.design === 'williams-unequal-replication'
        ? 'Williams sequences used unequally often (e.g. after dropouts)'
        : 'not a Williams design';
  return [
    `Secondary (not the estimand): each provider's mean efficiency ${unit} from least squares with task, period, provider and carryover. It pools one residual variance over providers whose spreads can differ many-fold, so its own pairwise tests are not shown; the share gaps above are the answer.`,
    '',
    ...formatTable(
      ['provider', `adjusted mean ${unit}`, `raw mean ${unit}`, 'windows'],
      model.providers.map((p) => [p.provider, formatNumber(p.adjusted_mean), formatNumber(p.raw_mean), String(p.observations)]),
      ['l', 'r', 'r', 'r'],
    ),
    '',
    `Tasks: ${model.subjects.used} used (${model.subjects.complete} run by every provider, ${model.subjects.incomplete} by some), ${model.subjects.dropped} dropped with fewer than two outcomes; the sequences form ${design}; residual df ${formatNumber(model.df)}.`,
    `Carryover: ${model.carryover.fitted ? "in the model (the previous period's provider as a term of its own), so the contrasts are not biased by it" : 'not in the model'}: ${model.carryover.note}`,
    '',
  ];
}

/** The interval as the table shows it, cut to the share gap's range [-1, 1] and marked when it was. */
function describeInterval(low: number | null, high: number | null): string {
  if (low === null || high === null) return formatRoundedInterval(low, high);
  const range = cutToShareRange(low, high);
  return `${formatRoundedInterval(range.low, range.high)}${range.cut ? ' (cut at ±1)' : ''}`;
}
