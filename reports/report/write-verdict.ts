// The report's first paragraph: who is ahead on the pre-registered primary estimand, what to do next, the seat decision: pure.
import type { GateResult } from '../gates/gate-result.js';
import type { PrimaryContrast } from './compute-primary-result.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatP, formatRoundedInterval, formatStatus, formatToInterval, formatUnit } from './format-values.js';

/**
 * Built only from the report's own numbers, so it cannot disagree with the sections below it. The winner
 * (or "no provider is ahead yet" and how many more tasks would settle it) comes first, in words a buyer
 * reads; then where that figure comes from; then the seat decision, whose gates the report defines below.
 */
export function writeVerdict(report: Omit<ExperimentReport, 'verdict'>): string {
  const sentences: string[] = [];
  const { primary } = report;
  if (report.windows.completed === 0) sentences.push('**No verdict yet:** there are no completed windows, so there is nothing to compare.');
  else if (primary.na !== null && primary.contrasts.length === 0) sentences.push(`**No verdict yet:** ${primary.na}.`);
  else sentences.push(...describeStanding(report));
  const gates = [report.gates.g1, report.gates.g2, report.gates.g3].map((gate) => `${gate.id} ${formatGateStatus(gate)}`).join(', ');
  const seat =
    report.decision.decision === 'stay-lean'
      ? 'stay lean'
      : `add one seat (${report.decision.seat_name ?? report.decision.seat ?? 'unknown'})`;
  sentences.push(`Seat decision: ${seat} (${gates}; each gate is defined under "Seat decision").`);
  return sentences.join(' ');
}

function describeStanding(report: Omit<ExperimentReport, 'verdict'>): string[] {
  const { primary, analysis } = report;
  const unit = formatUnit(primary.unit);
  const source = analysis.registered
    ? `the primary analysis pre-registered with plan ${analysis.plan_id}`
    : 'the primary analysis (not pre-registered)';
  const ci = `${Math.round((1 - analysis.alpha) * 100)}%${primary.contrasts.length > 1 ? ' simultaneous' : ''} CI`;
  const describe = (c: PrimaryContrast) =>
    `${formatToInterval(c.estimate, c.low, c.high, true)} ${unit}${c.relative === null ? '' : ` (${formatRelative(c.relative)} of ${analysis.reference ?? c.b}'s efficiency)`}, ${ci} ${formatRoundedInterval(c.low, c.high)}, ${primary.contrasts.length > 1 ? 'Holm-adjusted ' : ''}${formatP(c.p_adjusted)}`;
  const against = (leader: string) =>
    primary.contrasts.filter((c) => c.a === leader || c.b === leader).map((c) => (c.a === leader ? c : flip(c)));
  if (primary.leader !== null) {
    const rows = against(primary.leader).map((c) => `${c.b}: ${describe(c)}`);
    return [
      `**${primary.leader} is ahead.** On ${primary.tasks} tasks it did more correct work per ${unit.replace('per ', '')} than ${rows.join('; than ')}.`,
      `This is ${source}: ${primary.method}.`,
    ];
  }
  const sentences: string[] = [];
  const best = primary.best;
  const behind = best === null ? [] : against(best).filter((c) => !primary.indistinguishable.includes(c.b));
  if (best !== null && behind.length > 0) {
    sentences.push(
      `**No single provider is ahead yet.** ${[best, ...primary.indistinguishable].join(' and ')} lead and cannot be told apart on ${primary.tasks} tasks; ${behind.map((c) => `${c.b} is behind ${best} by ${describe(c)}`).join('; ')}. This is ${source}: ${primary.method}.`,
    );
  } else if (primary.contrasts.length > 1 && best !== null) {
    // Of the best provider's contrasts, the one nearest to significance: the rest are in "Primary analysis".
    const nearest = against(best).sort((x, y) => (x.p_adjusted ?? 2) - (y.p_adjusted ?? 2))[0] as PrimaryContrast;
    sentences.push(
      `**No provider is ahead yet.** On ${primary.tasks} tasks ${best} has the highest efficiency, but none of the ${primary.contrasts.length} pairs differs at Holm-adjusted p < ${analysis.alpha} (nearest: ${nearest.a} - ${nearest.b} = ${describe(nearest)}). This is ${source}: ${primary.method}.`,
    );
  } else {
    const figures = primary.contrasts.map((c) => `${c.a} - ${c.b} = ${describe(c)}`).join('; ');
    sentences.push(
      `**No provider is ahead yet.** On ${primary.tasks} tasks, ${figures}${primary.na ? ` (${primary.na})` : ''}. This is ${source}: ${primary.method}.`,
    );
  }
  sentences.push(describeNextStep(report));
  return sentences;
}

/** How many more tasks would settle the relevant difference, and the three ways forward. */
function describeNextStep(report: Omit<ExperimentReport, 'verdict'>): string {
  const relevant = report.plan?.relevant;
  const size = `${Math.round(report.analysis.min_effect * 100)}% of ${report.plan?.reference ?? 'the reference'}'s efficiency${report.plan?.relevant_difference == null ? '' : ` (${formatNumber(report.plan.relevant_difference)} ${formatUnit(report.primary.unit)})`}`;
  // Tasks, not repeats: running the same tasks again (--epochs, or a new --seed) shrinks only the within-task
  // variance, and a repeat of a task is never a further task.
  const ways =
    'add new tasks to the bank (running the same tasks again, with --epochs or a new --seed, shrinks only the within-task variance and adds no tasks), or accept that any difference is smaller than that';
  if (report.stop.sequential?.decision === 'futility')
    return `The stop rule found any difference smaller than the relevant ${size}: more tasks are unlikely to change this.`;
  if (!relevant || relevant.still_needed === null || relevant.n_needed === null)
    return `How many more tasks would settle a difference of ${size} cannot be computed yet (n/a: ${report.plan ? 'no SD of the differences' : 'fewer than two paired tasks'}); ${ways}.`;
  if (relevant.still_needed <= 0)
    return `The ${report.plan?.n} tasks already give ${Math.round(relevant.target_power * 100)}% power to detect a difference of ${size}, so a real difference that large would likely have shown.`;
  return `About ${relevant.still_needed} more tasks (${relevant.n_needed} in all) would settle a difference of ${size} with ${Math.round(relevant.target_power * 100)}% power: ${ways}.`;
}

function formatRelative(fraction: number): string {
  const pct = Math.round(fraction * 1000) / 10;
  return `${pct > 0 ? '+' : ''}${pct}%`;
}

function flip(c: PrimaryContrast): PrimaryContrast {
  const neg = (v: number | null) => (v === null ? null : -v);
  return { ...c, a: c.b, b: c.a, estimate: neg(c.estimate), low: neg(c.high), high: neg(c.low), relative: neg(c.relative) };
}

function formatGateStatus(gate: GateResult): string {
  if (gate.status === 'not-evaluable') return `not evaluable: ${gate.summary.replace(/^not evaluable: /, '')}`;
  return formatStatus(gate.status);
}
