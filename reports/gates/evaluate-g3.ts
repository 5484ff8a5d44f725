// G3 (seed 001 sections 3 and 5): the sub-agent POC meets its cost, quality and reliability targets.
import { computeScaledMean } from '../stats/scaled-moments.js';
import { computeTInterval } from '../stats/t-interval.js';
import { checkReliability, G3_RELIABILITY } from './check-g3-reliability.js';
import type { G3Input } from './collect-g3-input.js';
import { checkAtLeast, combineChecks, describeFailedChecks, formatGateNumber, type GateCheck, type GateResult } from './gate-result.js';

export const G3_THRESHOLDS = {
  min_cost_reduction: 2,
  min_quality_ratio: 0.8,
  max_error_rate_increase: G3_RELIABILITY.max_error_rate_increase,
  // As G3_RELIABILITY.max_p95_ratio (1.3), which the check compares.
  max_p95_increase: 0.3,
  min_n_for_significance: 3,
} as const;

export interface G3Result extends GateResult {
  id: 'G3';
  /** Tasks both arms ran. */
  matched_features: number;
  /** The sub-agent arm and its matched baseline arm; null when there is no such pair. */
  arms: { subagent: string; baseline: string } | null;
}

/**
 * Four checks of the sub-agent arm against its matched baseline arm on the tasks both ran (collectG3Input):
 * cost reduction (the baseline's summed sub-agent cost over GLM's, each task's runs averaged) >= 2; quality (mean
 * over the tasks of the sub-agent arm's quality / the baseline's) >= 0.8, or, with n >= 3 tasks, no significant
 * drop (the 95% t interval of the per-task differences reaches 0); error rate <= baseline + 2 percentage points
 * and p95 latency <= baseline p95 x 1.30, each decided on its 95% interval and not evaluable yet while the
 * interval holds the threshold (check-g3-reliability.ts).
 */
export function evaluateG3(input: G3Input): G3Result {
  const t = G3_THRESHOLDS;
  const base = { id: 'G3' as const, title: 'Sub-agent POC (GLM) meets cost, quality and reliability targets', arms: input.arms };
  const matched = input.matched_tasks.length;
  if (input.reason !== null || matched === 0) {
    return {
      ...base,
      status: 'not-evaluable',
      summary: `not evaluable: ${input.reason ?? 'the two arms ran no task in common'}`,
      checks: [],
      matched_features: matched,
    };
  }
  const total = input.cost.total;
  const free = total.glm.cost_usd === 0 && (total.baseline.cost_usd ?? 0) > 0;
  const tokens = total.token_reduction === null ? 'n/a' : `${formatGateNumber(total.token_reduction)}x`;
  const costCheck: GateCheck = free
    ? {
        name: 'cost reduction',
        value: null,
        comparator: '>=',
        threshold: t.min_cost_reduction,
        pass: true,
        detail: 'GLM cost $0 against a paid baseline',
      }
    : checkAtLeast(
        'cost reduction',
        total.cost_reduction,
        t.min_cost_reduction,
        total.cost_reduction === null
          ? `cost unpriced (token reduction ${tokens}); add prices with --prices`
          : `baseline's sub-agent $ / GLM's, summed over the tasks (each task's runs averaged); token reduction ${tokens}`,
      );
  const seed = `g3:${input.arms?.subagent ?? ''}:${input.arms?.baseline ?? ''}`;
  const checks = [costCheck, checkQuality(input), ...checkReliability({ ...input.requests, seed })];
  const status = combineChecks(checks);
  const arms = input.arms ? ` (${input.arms.subagent} against ${input.arms.baseline})` : '';
  const summary =
    status === 'pass' ? `all four targets met on ${matched} matched task${matched === 1 ? '' : 's'}${arms}` : describeFailedChecks(checks);
  return { ...base, status, summary, checks, matched_features: matched };
}

function checkQuality(input: G3Input): GateCheck {
  const t = G3_THRESHOLDS;
  const { glm, baseline, diffs } = input.quality;
  const mean = (values: number[]) => (values.length === 0 ? null : computeScaledMean(values));
  const glmMean = mean(glm);
  const baseMean = mean(baseline);
  const ratio = glmMean === null || baseMean === null || baseMean <= 0 ? null : glmMean / baseMean;
  const ratioCheck = checkAtLeast('quality vs baseline', ratio, t.min_quality_ratio);
  const computed = diffs.length >= t.min_n_for_significance ? computeTInterval(diffs, 0.95) : null;
  const interval = computed && computed.low !== null && computed.high !== null ? { low: computed.low, high: computed.high } : null;
  const noDrop = interval !== null && interval.high >= 0;
  const detail = interval
    ? `sub-agent arm - baseline quality over ${diffs.length} tasks both ran: 95% CI [${formatGateNumber(interval.low)}, ${formatGateNumber(interval.high)}]${noDrop ? ', no significant drop' : ', a significant drop'}`
    : computed
      ? `${diffs.length} tasks both ran; no interval for their quality differences (${computed.na ?? 'none'})`
      : `${diffs.length} tasks both ran (n >= ${t.min_n_for_significance} allows the no-significant-drop test)`;
  return { ...ratioCheck, pass: ratioCheck.pass === true || noDrop ? true : ratioCheck.pass, detail };
}
