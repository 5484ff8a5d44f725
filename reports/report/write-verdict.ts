// The report's opening: a two-line headline (who is ahead on the pre-registered estimand, and what to do), then the detail: pure.
import { cutToShareRange } from '../../kernel/index.js';
import type { GateResult } from '../gates/gate-result.js';
import type { PrimaryContrast } from './compute-primary-result.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatP, formatStatus, formatUnit } from './format-values.js';

type Draft = Omit<ExperimentReport, 'verdict'>;

/**
 * Built only from the report's own numbers, so it cannot disagree with the sections below it. Line one says
 * who is ahead on the pre-registered share gap (with its interval and how sure); line two says what to do in
 * plain words; a blank line, then where the figures come from and the seat decision's gates.
 */
export function writeVerdict(report: Draft): string {
  const headline = describeHeadline(report);
  const detail = [describeSource(report), describeSeat(report)].filter((s) => s !== '').join(' ');
  return `${headline}\n${describeNextStep(report)}\n\n${detail}`;
}

function describeHeadline(report: Draft): string {
  const { primary } = report;
  if (report.windows.completed === 0) return '**No verdict yet:** there are no completed windows, so there is nothing to compare.';
  const stopped = describeRecordedStop(report);
  if (stopped) return stopped;
  if (primary.contrasts.length === 0 || primary.contrasts.every((c) => c.estimate === null))
    return `**No verdict yet:** ${primary.na ?? 'no pair of providers has tasks in both orders yet'}.`;
  const unit = formatUnit(primary.unit);
  const on = `on ${primary.tasks} task${primary.tasks === 1 ? '' : 's'}`;
  const pair = report.stop.pair;
  if (primary.leader !== null) {
    const other = pair ? (pair[0] === primary.leader ? pair[1] : pair[0]) : null;
    const rival = other ? findContrast(primary.contrasts, primary.leader, other) : null;
    const others = primary.contrasts.length > 1 ? 'every other provider' : (rival?.b ?? 'the other');
    return `**${primary.leader} is ahead:** it did more correct work ${unit} than ${others} ${on}${rival ? `; against ${rival.b}: ${describeGap(report, rival)}` : ''}.`;
  }
  const significant = primary.contrasts
    .filter((c) => c.p_adjusted !== null && c.p_adjusted < report.analysis.alpha && c.estimate !== null)
    .map((c) => ((c.estimate as number) >= 0 ? c : flip(c)));
  if (significant.length > 0) {
    // The pair the charts follow (chooseVerdictPair), so the words and the pictures name the same two.
    const first = (pair ? significant.find((c) => c.a === pair[0] && c.b === pair[1]) : undefined) ?? (significant[0] as PrimaryContrast);
    const more = significant.length > 1 ? `, and ${significant.length - 1} more pair${significant.length === 2 ? '' : 's'} differ` : '';
    return `**No single provider is ahead yet** ${on}: ${first.a} beats ${first.b} (${describeGap(report, first)})${more}, but no provider beats all the others.`;
  }
  const best = primary.best;
  const closest = pair && best ? findContrast(primary.contrasts, best, pair[0] === best ? pair[1] : pair[0]) : null;
  return `**No provider is ahead yet** ${on}${closest ? `: the closest pair, ${closest.a} vs ${closest.b}, has ${describeGap(report, closest)}` : ''}.`;
}

/**
 * A run the pre-registered sequential rule stopped early is decided by that rule (as a group-sequential trial is
 * decided at its stop), in the runner's own words: the report never contradicts the stop. The fixed-n table stays
 * below as detail. Null when the run was not stopped by the sequential rule.
 */
function describeRecordedStop(report: Draft): string | null {
  const recorded = report.stop.recorded;
  if (recorded?.rule !== 'sequential') return null;
  const ahead = recorded.pairs.filter((p) => p.decision === 'superiority-A' || p.decision === 'superiority-B');
  const winners = ahead.map(
    (p) =>
      (p.decision === 'superiority-A'
        ? [p.a, p.b, p.low, p.high]
        : [p.b, p.a, p.high === null ? null : -p.high, p.low === null ? null : -p.low]) as [string, string, number | null, number | null],
  );
  const providers = new Set(recorded.pairs.flatMap((p) => [p.a, p.b]));
  const leader = [...providers].find((who) =>
    recorded.pairs.every((p) => (p.a !== who && p.b !== who) || winners.some(([w, l]) => w === who && (l === p.a || l === p.b))),
  );
  const bound = (low: number | null, high: number | null) => `[${formatNumber(low)}, ${formatNumber(high)}]`;
  const tasks = Math.max(0, ...recorded.pairs.map((p) => p.tasks));
  const rule = `the pre-registered stop rule ended the run after ${tasks} task${tasks === 1 ? '' : 's'} (${recorded.arms_not_started} arm${recorded.arms_not_started === 1 ? '' : 's'} never started)`;
  if (leader) {
    const against = winners.filter(([w]) => w === leader).map(([, l, low, high]) => `${l}: share gap in ${bound(low, high)}`);
    return `**${leader} is ahead:** ${rule}; its confidence sequence, valid at every look, excludes 0 against ${against.join('; ')}.`;
  }
  if (winners.length > 0)
    return `**No single provider is ahead:** ${rule}; ${winners.map(([w, l, low, high]) => `${w} beats ${l} (share gap in ${bound(low, high)})`).join('; ')}, the other pairs differ by less than the relevant difference.`;
  return `**No provider is ahead by the relevant difference:** ${rule}; every pair's share gap lies within ±${formatNumber(report.stop.rule.margin)}.`;
}

/** "share gap +0.21 (95% CI 0.05 to 0.37, Holm p = 0.010), about 1.5x B's work per $". */
function describeGap(report: Draft, c: PrimaryContrast): string {
  const ci = `${Math.round((1 - report.analysis.alpha) * 100)}% CI`;
  const range = c.low === null || c.high === null ? null : cutToShareRange(c.low, c.high);
  const interval = range === null ? 'n/a' : `${formatNumber(range.low)} to ${formatNumber(range.high)}${range.cut ? ' (cut at ±1)' : ''}`;
  const holm = report.primary.contrasts.length > 1 ? 'Holm ' : '';
  const ratio = c.relative === null ? '' : `, about ${formatNumber(1 + c.relative)}x ${c.b}'s work ${formatUnit(report.primary.unit)}`;
  const sign = c.estimate !== null && c.estimate > 0 ? '+' : '';
  return `share gap ${sign}${formatNumber(c.estimate)} (${ci} ${interval}, ${holm}${formatP(c.p_adjusted)})${ratio}`;
}

/** The next action, in words a buyer acts on. */
function describeNextStep(report: Draft): string {
  const seat = report.decision.decision === 'stay-lean' ? null : (report.decision.seat_name ?? report.decision.seat ?? 'one seat');
  const keep = seat ? `Next: add one seat (${seat}): the seat gates G1-G3 hold.` : 'Next: keep your current plans (stay lean)';
  if (seat) return keep;
  const recorded = report.stop.recorded;
  if (recorded && recorded.rule === 'data-quality') return `${keep}, and fix capture first: the run halted (${recorded.reason}).`;
  if (recorded && recorded.rule === 'sequential')
    return `${keep} until the seat gates hold (${describeGateGap(report)}); the question this plan asked is settled, so more tasks of it add nothing.`;
  if (report.stop.sequential?.decision === 'futility')
    return `${keep}: any difference is smaller than the relevant ${Math.round(report.analysis.min_effect * 100)}%, and more tasks are unlikely to change that.`;
  if (report.primary.leader !== null) return `${keep} until the seat gates hold: ${describeGateGap(report)}.`;
  const needed = report.plan?.relevant?.still_needed ?? null;
  const size = `${Math.round(report.analysis.min_effect * 100)}% difference`;
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
  const { analysis, primary } = report;
  const source = analysis.registered
    ? `the primary analysis pre-registered with plan ${analysis.plan_id}`
    : 'the primary analysis (not pre-registered: chosen by the report)';
  return `This is ${source}: ${primary.method}, on the share gap of quality ${formatUnit(primary.unit)} (details under "Primary analysis").`;
}

function describeSeat(report: Draft): string {
  const gates = [report.gates.g1, report.gates.g2, report.gates.g3].map((gate) => `${gate.id} ${formatGateStatus(gate)}`).join(', ');
  const seat =
    report.decision.decision === 'stay-lean'
      ? 'stay lean'
      : `add one seat (${report.decision.seat_name ?? report.decision.seat ?? 'unknown'})`;
  return `Seat decision: ${seat} (${gates}; each gate is defined under "Seat decision").`;
}

function findContrast(contrasts: readonly PrimaryContrast[], a: string, b: string): PrimaryContrast | null {
  const found = contrasts.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a));
  if (!found) return null;
  return found.a === a ? found : flip(found);
}

function flip(c: PrimaryContrast): PrimaryContrast {
  const neg = (v: number | null) => (v === null ? null : -v);
  const ratio = c.relative === null ? null : 1 / (1 + c.relative) - 1;
  return { ...c, a: c.b, b: c.a, estimate: neg(c.estimate), low: neg(c.high), high: neg(c.low), relative: ratio };
}

function formatGateStatus(gate: GateResult): string {
  if (gate.status === 'not-evaluable') return `not evaluable: ${gate.summary.replace(/^not evaluable: /, '')}`;
  return formatStatus(gate.status);
}
