// The one-paragraph verdict the report opens with: the decision, the efficiency figures, the comparison, the gates: pure.
import type { GateResult } from '../gates/gate-result.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatInterval, formatNumber, formatSigned, formatStatus, formatUnit } from './format-values.js';

/**
 * Built only from the report's own numbers, so it cannot disagree with the sections below it: the decision
 * (stay lean / add one seat) first, then each provider's efficiency with its interval, the paired difference
 * with its sign and whether its interval excludes 0, each gate's status, and the tasks still needed.
 */
export function writeVerdict(report: Omit<ExperimentReport, 'verdict'>): string {
  const sentences: string[] = [];
  const { decision, gates } = report;
  sentences.push(decision.decision === 'stay-lean' ? '**Stay lean.**' : `**Add one seat: ${decision.seat_name ?? decision.seat ?? 'unknown'}.**`);
  const names = [...new Set(report.providers.map((summary) => summary.provider))];
  if (report.windows.completed === 0) {
    sentences.push('There are no completed windows yet, so there is nothing to compare.');
  } else {
    sentences.push(`${report.windows.completed} completed window${report.windows.completed === 1 ? '' : 's'} (${report.windows.with_capacity} with a non-zero capacity delta) from ${names.join(', ') || 'no provider with a capacity unit'}.`);
    const figures = report.providers.map((summary) => {
      const { efficiency } = summary;
      const interval = efficiency.low === null ? 'ci=n/a' : `${Math.round(report.settings.confidence * 100)}% CI ${formatInterval(efficiency.low, efficiency.high)}`;
      return `${summary.provider} ${formatNumber(efficiency.mean)} ${formatUnit(summary.unit)} (${interval}, n=${efficiency.n})`;
    });
    if (figures.length > 0) sentences.push(`Efficiency in quality points: ${figures.join('; ')}.`);
  }
  const difference = describeDifference(report);
  if (difference) sentences.push(difference);
  const gateText = [gates.g1, gates.g2, gates.g3].map((gate) => `${gate.id} ${formatGateStatus(gate)}`).join(', ');
  sentences.push(`Gates: ${gateText}.`);
  const relevant = report.plan?.relevant;
  if (relevant && relevant.still_needed !== null && relevant.n_needed !== null) {
    const unit = report.plan?.design === 'crossover' ? 'tasks' : 'paired tasks';
    sentences.push(
      relevant.still_needed > 0
        ? `About ${relevant.still_needed} more ${unit} (${relevant.n_needed} in all) would give ${Math.round(relevant.target_power * 100)}% power to detect a ${Math.round(report.settings.min_effect * 100)}% difference.`
        : `The ${report.plan?.n} ${unit} already give ${Math.round(relevant.target_power * 100)}% power to detect a ${Math.round(report.settings.min_effect * 100)}% difference.`,
    );
  }
  return sentences.join(' ');
}

function formatGateStatus(gate: GateResult): string {
  if (gate.status === 'not-evaluable' && gate.summary.startsWith('not evaluable: ')) return `not evaluable (${gate.summary.slice('not evaluable: '.length)})`;
  return formatStatus(gate.status);
}

/** The A - B difference on matched tasks: the crossover estimate when there is one, else the paired mean. */
function describeDifference(report: Omit<ExperimentReport, 'verdict'>): string | null {
  const comparison = report.comparison;
  if (!comparison) return null;
  const unit = formatUnit(comparison.pairs[0]?.a.unit ?? null);
  const n = comparison.pairs.length;
  const tasks = `${n} task${n === 1 ? '' : 's'} run by both`;
  const crossover = comparison.crossover;
  const estimate = crossover ? crossover.treatment.estimate : comparison.paired.mean;
  const low = crossover ? crossover.treatment.ciLow : comparison.paired.low;
  const high = crossover ? crossover.treatment.ciHigh : comparison.paired.high;
  const method = crossover ? 'AB/BA crossover' : 'paired t';
  const head = `On ${tasks}, ${comparison.a} - ${comparison.b} = ${formatSigned(estimate)} ${unit}`;
  if (crossover?.treatment.na) return `${head} (interval and p n/a: ${crossover.treatment.na}): nothing can be said about which is ahead.`;
  if (low === null || high === null || estimate === null) return `${head} (ci=n/a below 3 tasks): too few to say which is ahead.`;
  const ci = `${Math.round(report.settings.confidence * 100)}% CI ${formatInterval(low, high)}, ${method}${crossover ? `, p=${formatNumber(crossover.treatment.p)}` : ''}`;
  if (low > 0) return `${head} (${ci}): ${comparison.a} is more efficient than ${comparison.b}.`;
  if (high < 0) return `${head} (${ci}): ${comparison.b} is more efficient than ${comparison.a}.`;
  return `${head} (${ci}): the interval includes 0, so neither is shown to be more efficient yet.`;
}
