// The dashboard's lines about the analysis: the verdict pair's decision on work per $ and the verdict's headline.
import type { ExperimentReport } from '../../reports/index.js';

/**
 * The decision of the pair the verdict names, the provider ahead first: its work per $ ratio with the repeated
 * interval at the last look (the always-valid part: a decision read off it mid-run errs no more than the plan's
 * alpha), and the look's tasks; n/a with the reason.
 */
export function describeVerdictContrast(report: ExperimentReport): string | null {
  const decision = report.stop.verdict_pair ?? report.stop.pairs[0];
  if (decision === undefined) return report.primary.na;
  const tasks = `on ${decision.tasks} task${decision.tasks === 1 ? '' : 's'}`;
  if (decision.ratio === null) return `${decision.a} vs ${decision.b}: n/a ${tasks} (${decision.na ?? report.primary.na ?? 'no estimate'})`;
  const look = decision.last;
  const interval = look ? `anytime interval ${formatEnd(look.low)} to ${formatEnd(look.high)}` : 'no look yet';
  const decided = decision.decided_at !== null ? `, decided at ${decision.decided_at}` : '';
  const unit = report.primary.unit === 'usd' ? 'per $' : 'per 1%';
  return `work ${unit} ${decision.a} / ${decision.b} = ${formatEnd(decision.ratio)}x (${interval}) ${tasks}${decided}`;
}

function formatEnd(value: number | null): string {
  if (value === null) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded' : '0';
  return value.toPrecision(3);
}

/** The verdict's first sentence, markdown bold removed: the headline a dashboard has room for. */
export function firstSentence(verdict: string): string {
  const text = (verdict.split('\n\n')[0] ?? '').replace(/\*\*/g, '').replace(/\s*\n\s*/g, ' ');
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
