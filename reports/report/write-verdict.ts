// The report's opening: a two-line headline (who does the most correct work per dollar, and what to do), then the detail: pure.
import type { GateResult } from '../gates/gate-result.js';
import type { PairDecision } from '../metrics/decide-ratio-pair.js';
import { findOrientedDecision } from '../metrics/check-stop-status.js';
import { findAhead } from './choose-verdict-pair.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatRatio, formatRatioInterval, formatStatus, formatUnit } from './format-values.js';

type Draft = Omit<ExperimentReport, 'verdict'>;

/**
 * Built only from the report's own numbers, so it cannot disagree with the sections below it. Line one says who
 * does the most correct work per dollar on the pre-registered decision (with its repeated interval and when it was
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

/** "2.96x B's correct work per $ (repeated 95% CI 1.8 to 4.9), decided at 24 of 40 tasks". */
function describePair(report: Draft, pair: PairDecision): string {
  if (pair.ratio === null) return `n/a (${pair.na ?? 'no ratio'})`;
  const level = `${Math.round((1 - report.analysis.alpha) * 100)}%`;
  const look = pair.last;
  const interval = look ? ` (repeated ${level} CI ${formatRatioInterval(look.low, look.high)})` : ' (no look yet)';
  const ratio =
    pair.ratio === Number.POSITIVE_INFINITY
      ? `did correct work where ${pair.b} did none`
      : `does ${formatRatio(pair.ratio)} ${pair.b}'s correct work ${formatUnit(report.primary.unit)}`;
  const when = pair.decided_at !== null ? `, decided at ${pair.decided_at} of ${report.stop.rule.planned_tasks} tasks` : '';
  return `${pair.a} ${ratio}${interval}${when}`;
}

/** The next action, in words a buyer acts on. */
function describeNextStep(report: Draft): string {
  const seat = report.decision.decision === 'stay-lean' ? null : (report.decision.seat_name ?? report.decision.seat ?? 'one seat');
  const keep = seat ? `Next: add one seat (${seat}): the seat gates G1-G3 hold.` : 'Next: keep your current plans (stay lean)';
  if (seat) return keep;
  // Not "add tasks": with nothing measured yet, the first step is a run (issue 43).
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
  const needed = report.plan?.still_needed ?? null;
  const size = `${Math.round(report.analysis.min_effect * 100)}% difference`;
  if (report.plan && report.plan.tasks_for_power === null) {
    const detect =
      report.plan.detectable_ratio === null
        ? ''
        : `; these ${report.plan.planned} tasks can tell apart providers ${formatRatio(report.plan.detectable_ratio)} apart`;
    const priced =
      report.plan.notes.length > 0
        ? ', because the prices are too uncertain: record the bars longer (`tracker watch`) so their calibration narrows'
        : '';
    return `${keep}; more than 5,000 tasks would be needed to settle a ${size} between ${report.plan.pair[0]} and ${report.plan.pair[1]}${priced}${detect}.`;
  }
  if (needed === null)
    return `${keep}; add tasks to settle it (\`--all-tasks\`, or \`experiment tasks import --repo PATH\` for tasks from your own history).`;
  if (needed <= 0)
    return `${keep}: these tasks already had the power to show a ${size}${report.power_pair ? ` between ${report.power_pair[0]} and ${report.power_pair[1]}` : ''}, so any real difference is likely smaller.`;
  const contest = report.power_pair ? ` between ${report.power_pair[0]} and ${report.power_pair[1]}` : '';
  return `${keep}; about ${needed} more tasks would settle a ${size}${contest} (\`--all-tasks\` runs the whole bank; \`experiment tasks import --repo PATH\` adds tasks from your history; more epochs or seeds add no tasks).`;
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
  const stopped = report.stop.recorded?.rule === 'sequential' ? ' The pre-registered rule stopped the run early, at that boundary.' : '';
  return `This is ${source}: each provider's correct work ${formatUnit(report.primary.unit)} (sum of quality over sum of ${report.primary.unit === 'usd' ? 'dollars' : 'capacity used'}, failures' ${report.primary.unit === 'usd' ? 'dollars' : 'capacity'} included), each pair decided at O'Brien-Fleming-type group-sequential boundaries, so the early stop and the final answer together err at most ${analysis.alpha} (details under "Primary analysis").${stopped}`;
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
