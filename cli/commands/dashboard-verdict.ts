// The dashboard's lines about the analysis: the verdict pair's primary contrast and the verdict's headline.
import { cutToShareRange } from '../../kernel/index.js';
import type { ExperimentReport } from '../../reports/index.js';

/**
 * The primary contrast of the pair the verdict names (the first contrast was another pair than the verdict's), the
 * provider ahead first; n/a with the analysis' reason.
 */
export function describeVerdictContrast(report: ExperimentReport): string | null {
  const pair = report.settings.pair;
  const contrast =
    report.primary.contrasts.find((c) => pair !== null && pair.includes(c.a) && pair.includes(c.b)) ?? report.primary.contrasts[0];
  if (contrast === undefined) return report.primary.na;
  const tasks = `on ${report.primary.tasks} task${report.primary.tasks === 1 ? '' : 's'}`;
  if (contrast.estimate === null)
    return `${contrast.a} vs ${contrast.b}: n/a ${tasks} (${contrast.na ?? report.primary.na ?? 'no estimate'})`;
  const flip = pair !== null && contrast.a !== pair[0];
  const sign = flip ? -1 : 1;
  const [a, b] = flip ? [contrast.b, contrast.a] : [contrast.a, contrast.b];
  const { low, high } = contrast;
  const range =
    low === null || high === null ? null : cutToShareRange(Math.min(sign * low, sign * high), Math.max(sign * low, sign * high));
  const ci = range === null ? 'CI n/a' : `[${range.low.toPrecision(3)}, ${range.high.toPrecision(3)}]${range.cut ? ' (cut at ±1)' : ''}`;
  return `share gap ${a} - ${b} = ${(sign * contrast.estimate).toPrecision(3)} ${ci} ${tasks}`;
}

/** The verdict's first sentence, markdown bold removed: the headline a dashboard has room for. */
export function firstSentence(verdict: string): string {
  const text = (verdict.split('\n\n')[0] ?? '').replace(/\*\*/g, '').replace(/\s*\n\s*/g, ' ');
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
