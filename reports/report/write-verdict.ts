// The report's opening: a two-line headline (who does the most correct work per dollar, and what to do), then the detail: pure.
import type { GateResult } from '../gates/gate-result.js';
import type { PairDecision } from '../metrics/decide-ratio-pair.js';
import { MAX_POWER_TASKS } from '../metrics/simulate-ratio-power.js';
import { findOrientedDecision } from '../metrics/check-stop-status.js';
import { findAhead } from './choose-verdict-pair.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatRatio, formatRatioInterval, formatStatus, formatUnit } from './format-values.js';

type Draft = Omit<ExperimentReport, 'verdict'>;

/**
 * Built only from the report's own numbers, so it cannot disagree with the sections below it. Line one says who
 * does the most correct work per dollar on the pre-registered decision (with its anytime interval and when it was
 * decided); line two says what to do in plain words; a blank line, then where the figures come from and the gates.
 */
export function writeVerdict(report: Draft): string {
  const detail = [describeSource(report), describeSeat(report)].filter((s) => s !== '').join(' ');
  return `${describeHeadline(report)}\n${describeNextStep(report)}\n\n${detail}`;
}

function describeHeadline(report: Draft): string {
  const { primary } = report;
  if (report.windows.completed === 0) return '**No verdict yet:** there are no completed windows, so there is nothing to compare.';
  if (primary.pairs.length === 0) return `**No verdict yet:** ${primary.na ?? 'no pair of providers to compare'}.`;
  const unknown = primary.providers.filter((p) => p.ratio === null && p.na !== null && /cost is unknown/.test(p.na));
  const on = `on ${primary.tasks} task${primary.tasks === 1 ? '' : 's'}`;
  const unit = formatUnit(primary.unit);
  const pair = report.stop.pair;
  if (primary.leader !== null) {
    const other = pair === null ? null : pair[0] === primary.leader ? pair[1] : pair[1] === primary.leader ? pair[0] : null;
    const rival = other === null ? null : findOrientedDecision(primary.pairs, [primary.leader, other]);
    const others = primary.pairs.length > 1 ? 'every other provider' : (other ?? 'the other');
    return `**${primary.leader} is ahead:** it did more correct work ${unit} than ${others} ${on}${rival ? `; against ${rival.b}: ${describePair(report, rival)}` : ''}.`;
  }
  if (unknown.length > 0 && primary.pairs.every((p) => p.outcome === 'n/a' || findAhead(p) === null))
    return `**No verdict yet:** ${unknown.map((p) => p.na).join('; ')}.`;
  const decided = primary.pairs
    .filter((p) => findAhead(p) !== null)
    .map((p) => findOrientedDecision(primary.pairs, [findAhead(p) as string, findAhead(p) === p.a ? p.b : p.a]) as PairDecision);
  if (decided.length > 0) {
    const first = (pair ? decided.find((c) => c.a === pair[0] && c.b === pair[1]) : undefined) ?? (decided[0] as PairDecision);
    const more = decided.length > 1 ? `, and ${decided.length - 1} more pair${decided.length === 2 ? ' is' : 's are'} decided` : '';
    return `**No single provider is ahead yet** ${on}: ${first.a} beats ${first.b} (${describePair(report, first)})${more}, but no provider beats all the others.`;
  }
  if (primary.pairs.length > 0 && primary.pairs.every((p) => p.outcome === 'within-margin'))
    return `**No provider is ahead by the relevant ${Math.round(report.analysis.min_effect * 100)}%:** every pair's work ${unit} lies within ${formatRatio(1 / report.stop.rule.relevant_ratio)} to ${formatRatio(report.stop.rule.relevant_ratio)} ${on}.`;
  const closest = pair ? findOrientedDecision(primary.pairs, pair) : null;
  const open =
    closest && closest.ratio !== null ? `: the closest pair, ${closest.a} vs ${closest.b}, ${describePair(report, closest)}` : '';
  const missing = unknown.length > 0 ? ` (${unknown.map((p) => p.na).join('; ')})` : '';
  return `**No provider is ahead yet** ${on}${open}${missing}.`;
}

/** "2.96x B's correct work per $ (anytime 95% interval 1.8 to 4.9), decided at 24 of 40 tasks". */
function describePair(report: Draft, pair: PairDecision): string {
  if (pair.ratio === null) return `n/a (${pair.na ?? 'no ratio'})`;
  const level = `${Math.round((1 - report.analysis.alpha) * 100)}%`;
  const look = pair.last;
  const interval = look ? ` (anytime ${level} interval ${formatRatioInterval(look.low, look.high)})` : ' (no look yet)';
  const ratio =
    pair.ratio === Number.POSITIVE_INFINITY
      ? `did correct work where ${pair.b} did none`
      : `does ${formatRatio(pair.ratio)} ${pair.b}'s correct work ${formatUnit(report.primary.unit)}`;
  const when = pair.decided_at !== null ? `, decided at ${pair.decided_at} of ${report.stop.rule.planned_tasks} tasks` : '';
  return `${pair.a} ${ratio}${interval}${when}`;
}

/** The next action, in words a buyer acts on; the carry-over check named when it found the order of the arms to matter. */
export function describeNextStep(report: Draft): string {
  const carry = report.comparison?.carry_over;
  if (!carry?.found || carry.bias === null) return describePlainStep(report);
  const [a, b] = [report.comparison?.a, report.comparison?.b];
  const gainer = carry.bias > 1 ? a : b;
  return `${describePlainStep(report)} First, though: the order of the arms changed the result (carry-over check under "Secondary analyses": ${gainer} did more when it ran after the other on a task, moving ${a} / ${b} by about ${formatRatio(carry.bias > 1 ? carry.bias : 1 / carry.bias)}); make sure no arm sees what another left (a cache, files outside the sandbox) before trusting the ratio.`;
}

function describePlainStep(report: Draft): string {
  const seat = report.decision.decision === 'stay-lean' ? null : (report.decision.seat_name ?? report.decision.seat ?? 'one seat');
  const keep = seat ? `Next: add one seat (${seat}): the seat gates G1-G3 hold.` : 'Next: keep your current plans (stay lean)';
  if (seat) return keep;
  // Not "add tasks": with nothing measured yet, the first step is a run.
  if (report.windows.completed === 0)
    return 'Next: run an experiment first: `experiment run --seed 42` tries the whole chain on simulated providers (no key needed), `experiment run --seed 42 --providers claude,codex` measures your subscriptions.';
  const recorded = report.stop.recorded;
  if (recorded && recorded.rule === 'data-quality') return `${keep}, and fix capture first: the run halted (${recorded.reason}).`;
  if (recorded && recorded.rule === 'sequential')
    return `${keep} until the seat gates hold (${describeGateGap(report)}); the question this plan asked is settled, so more tasks of it add nothing.`;
  const unknown = report.primary.providers.filter((p) => p.ratio === null && p.na !== null && /cost is unknown/.test(p.na));
  if (unknown.length > 0)
    return `${keep}; price ${unknown.map((p) => p.provider).join(' and ')} first (see "Providers": run more tasks, or record the bars with \`tracker watch\`).`;
  if (report.primary.leader !== null) return `${keep} until the seat gates hold: ${describeGateGap(report)}.`;
  const plan = report.plan;
  if (!plan)
    return `${keep}; add tasks to settle it (\`--all-tasks\`, or \`experiment tasks import --repo PATH\` for tasks from your own history).`;
  const size = `${Math.round(report.analysis.min_effect * 100)}% difference between ${plan.pair[0]} and ${plan.pair[1]}`;
  // First what this run can tell apart, then what would settle the contest and where those tasks would come from.
  const these = plan.tasks >= plan.planned ? `these ${plan.planned} tasks` : `the ${plan.planned} planned tasks`;
  const detect = `${these} can tell apart providers ${plan.detectable_ratio === null ? 'no closer than 20x' : formatRatio(plan.detectable_ratio)} apart`;
  if (plan.limit === 'prices') return `${keep}; ${detect}; ${describePriceLimit(plan, size)}.`;
  if (plan.limit === 'tasks')
    return `${keep}; ${detect}; more than ${MAX_POWER_TASKS.toLocaleString('en-US')} tasks would be needed to settle a ${size}, ${describeTaskSpread(plan)}${describeEvidence(report, plan.pair)}.`;
  const needed = plan.still_needed ?? 0;
  if (needed <= 0)
    return `${keep}; ${detect}: these tasks already had the power to show a ${size}, so any real difference is likely smaller.`;
  return `${keep}; ${detect}; about ${needed} more tasks would settle a ${size} (${describeTaskSupply(report, needed)}; more epochs or seeds add no tasks).`;
}

/** The prices' calibration alone keeps the power down: whose, and what narrows it. */
function describePriceLimit(plan: NonNullable<Draft['plan']>, size: string): string {
  const { width } = plan;
  const [seA, seB] = width.calibration_ses;
  const vague = seA >= seB ? plan.pair[0] : plan.pair[1];
  return `no number of tasks settles a ${size} while the prices are this uncertain (their calibration's SD of ${width.calibration_se.toPrecision(2)} on ln(price ratio) stays whatever the tasks): record ${vague}'s bars as you work (\`tracker watch\`, or any session through \`tracker proxy\`): this report prices each plan from every reading in the data dir`;
}

/** Why the tasks need so many: they differ too much for the exact sequence at that size, runaways most of all. */
function describeTaskSpread(plan: NonNullable<Draft['plan']>): string {
  const { width } = plan;
  const runaway =
    width.runaway_tasks > 0
      ? `; ${width.runaway_tasks} task${width.runaway_tasks === 1 ? ' has' : 's have'} an arm that reached its budget or cost over 5x its provider's median: a tighter task budget (\`--task-budget\`) bounds such arms closer, and decides sooner`
      : '';
  return `because the tasks differ too much for an exact answer at that size${runaway}`;
}

/**
 * How far the pair's own sequence got: the most either side's evidence has been worth (1 / anytime p) against what a
 * decision needs (1 / p it needed), so an interval that excludes nothing reads as the bound it is, not as noise.
 */
function describeEvidence(report: Draft, pair: readonly [string, string]): string {
  const found = report.primary.pairs?.find((one) => (one.a === pair[0] && one.b === pair[1]) || (one.a === pair[1] && one.b === pair[0]));
  const last = found?.last;
  if (!found || !last || last.p === null || !(last.p > 0) || !(last.threshold > 0)) return '';
  const worth = (value: number): string => Number(value.toPrecision(2)).toLocaleString('en-US');
  return ` (at ${found.tasks} tasks the evidence that either is ahead is worth ${worth(1 / last.p)}, of the ${worth(1 / last.threshold)} an exact decision at p ${Number(last.threshold.toPrecision(2))} needs)`;
}

/** Where `needed` more tasks can come from: the bank's unused built-in tasks first, then your own. */
function describeTaskSupply(report: Draft, needed: number): string {
  const own = 'your own history (`experiment tasks import --repo PATH`) or your code (`experiment tasks synthesize --repo PATH --count N`)';
  const total = report.settings.builtin_tasks;
  if (total === null) return `\`--all-tasks\` runs the whole bank; ${own} adds more`;
  const used = report.analysis.task_sources?.builtin ?? 0;
  const left = Math.max(0, total - used);
  if (left >= needed) return `the bank's ${left} unused built-in tasks hold them: \`--all-tasks\``;
  if (left === 0) return `the bank's ${total} built-in tasks are all in the plan: the rest from ${own}`;
  return `the bank's other ${left} built-in tasks (\`--all-tasks\`), then about ${needed - left} from ${own}`;
}

function describeGateGap(report: Draft): string {
  const open = [report.gates.g1, report.gates.g2, report.gates.g3]
    .filter((gate) => gate.status !== 'pass')
    .map((gate) => `${gate.id} ${formatGateStatus(gate)}`);
  return open.length === 0 ? 'see "Seat decision"' : open.join(', ');
}

function describeSource(report: Draft): string {
  const { analysis } = report;
  const source = analysis.registered
    ? `the primary analysis pre-registered with plan ${analysis.plan_id}`
    : 'the primary analysis (not pre-registered: chosen by the report)';
  const stopped = report.stop.recorded?.rule === 'sequential' ? ' The pre-registered rule stopped the run early, once it was decided.' : '';
  const readings = report.calibrations.filter((c) => c.made_of === 'readings').map((c) => c.provider);
  const disagree = report.price_sources.filter((p) => p.disagreement !== null).map((p) => p.provider);
  const prices =
    report.primary.unit !== 'usd'
      ? ''
      : ` Prices: ${readings.length > 0 ? `${readings.join(', ')} from every reading of ${readings.length === 1 ? 'its plan' : 'their plans'}` : ''}${readings.length > 0 && readings.length < report.calibrations.length ? ', ' : ''}${readings.length < report.calibrations.length ? "the others from the plan's windows alone" : ''}${disagree.length > 0 ? `; ${disagree.join(' and ')}'s windows alone disagree beyond the intervals (see "Providers")` : ''}.`;
  const capped = analysis.task_budget ? ', each task capped at its task budget' : '';
  return `This is ${source}: each provider's correct work ${formatUnit(report.primary.unit)} (sum of quality over sum of ${report.primary.unit === 'usd' ? 'dollars' : 'capacity used'}, failures' ${report.primary.unit === 'usd' ? 'dollars' : 'capacity'} included${capped}), each pair followed task by task in an exact anytime-valid betting sequence, so the early stop and the final answer together err at most ${analysis.alpha} (details under "Primary analysis").${stopped}${prices}`;
}

function describeSeat(report: Draft): string {
  const gates = [report.gates.g1, report.gates.g2, report.gates.g3].map((gate) => `${gate.id} ${formatGateStatus(gate)}`).join(', ');
  const seat =
    report.decision.decision === 'stay-lean'
      ? 'stay lean'
      : `add one seat (${report.decision.seat_name ?? report.decision.seat ?? 'unknown'})`;
  return `Seat decision: ${seat} (${gates}; each gate is defined under "Seat decision").`;
}

function formatGateStatus(gate: GateResult): string {
  if (gate.status === 'not-evaluable') return `not evaluable: ${gate.summary.replace(/^not evaluable: /, '')}`;
  return formatStatus(gate.status);
}
