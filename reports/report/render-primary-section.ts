// The report's "Primary analysis" section: what was pre-registered, any deviation, and its contrasts: pure.
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatP, formatRoundedInterval, formatTable, formatToInterval, formatUnit } from './format-values.js';

export function renderPrimarySection(report: ExperimentReport): string[] {
  const { analysis, primary } = report;
  const unit = formatUnit(primary.unit);
  const estimand =
    analysis.estimand === 'usd' ? 'quality points per dollar of subscription' : "quality points per unit of each provider's own bars";
  const lines = [
    '## Primary analysis',
    '',
    analysis.registered
      ? `Pre-registered with plan \`${analysis.plan_id}\` at ${analysis.registered_at} (before its first arm ran), and used here unchanged unless listed below:`
      : "Not pre-registered: no plan in this data recorded its analysis, so these settings are the report's own:",
    '',
    `- Estimand: the within-task difference in ${estimand} between ${analysis.providers.join(', ') || 'the providers'}.`,
    `- Method: ${primary.method}.`,
    `- Alpha ${analysis.alpha} (two-sided); relevant difference ${Math.round(analysis.min_effect * 100)}% of ${analysis.reference ?? 'the reference'}'s efficiency; ${analysis.planned_tasks} tasks planned.`,
  ];
  for (const deviation of analysis.deviations) lines.push(`- **Deviation:** ${deviation}.`);
  for (const note of analysis.notes) lines.push(`- Note: ${note}.`);
  lines.push('');
  if (primary.contrasts.length === 0) return [...lines, `No primary result yet: ${primary.na ?? 'no contrast could be computed'}.`];
  lines.push(...renderModel(report));
  const simultaneous = primary.contrasts.length > 1;
  const confidence = `${Math.round((1 - analysis.alpha) * 100)}%${simultaneous ? ' simultaneous' : ''} CI`;
  lines.push(
    ...formatTable(
      [
        'contrast',
        `difference ${unit}`,
        `relative to ${analysis.reference ?? 'reference'}`,
        confidence,
        simultaneous ? 'p (Holm)' : 'p',
        'note',
      ],
      primary.contrasts.map((c) => [
        `${c.a} - ${c.b}`,
        formatToInterval(c.estimate, c.low, c.high, true),
        c.relative === null ? 'n/a' : `${c.relative > 0 ? '+' : ''}${Math.round(c.relative * 1000) / 10}%`,
        c.na ? `n/a (${c.na})` : formatRoundedInterval(c.low, c.high),
        formatP(c.p_adjusted).replace(/^p = /, '').replace(/^p /, ''),
        c.na ?? '',
      ]),
      ['l', 'r', 'r', 'l', 'r', 'l'],
    ),
    '',
    `${primary.tasks} tasks; a positive difference means the first provider did more correct work per ${unit.replace('per ', '')}. ${describeDecisionRule(report)}`,
  );
  return lines;
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
