// G3 (seed 001 sections 3 and 5): the sub-agent POC meets its cost, quality and reliability targets.
import { computeScaledMean } from '../stats/scaled-moments.js';
import { computeTInterval } from '../stats/t-interval.js';
import type { G3Input } from './collect-g3-input.js';
import {
  checkAtLeast,
  checkAtMost,
  combineChecks,
  describeFailedChecks,
  formatGateNumber,
  type GateCheck,
  type GateResult,
} from './gate-result.js';

export const G3_THRESHOLDS = {
  min_cost_reduction: 2,
  min_quality_ratio: 0.8,
  max_error_rate_increase: 0.02,
  max_p95_increase: 0.3,
  min_n_for_significance: 3,
} as const;

export interface G3Result extends GateResult {
  id: 'G3';
  matched_features: number;
}

/**
 * Four checks on the matched features (sub-agent requests on both GLM and a baseline back end):
 * cost reduction (baseline cost / GLM cost) >= 2; quality (mean GLM / mean baseline) >= 0.8, or, with
 * n >= 3 features paired, no significant drop (the 95% t interval of GLM - baseline quality reaches 0);
 * GLM error rate <= baseline + 2 percentage points; GLM p95 latency <= baseline p95 x 1.30.
 */
export function evaluateG3(input: G3Input): G3Result {
  const t = G3_THRESHOLDS;
  const base = { id: 'G3' as const, title: 'Sub-agent POC (GLM) meets cost, quality and reliability targets' };
  const matched = input.cost.features.length;
  if (matched === 0) {
    return {
      ...base,
      status: 'not-evaluable',
      summary: 'not evaluable: no feature has sub-agent requests on both glm and a baseline back end',
      checks: [],
      matched_features: 0,
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
          : `baseline cost / GLM cost; token reduction ${tokens}`,
      );
  const checks = [costCheck, checkQuality(input), ...checkReliability(input)];
  const status = combineChecks(checks);
  const summary =
    status === 'pass' ? `all four targets met on ${matched} matched feature${matched === 1 ? '' : 's'}` : describeFailedChecks(checks);
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
    ? `GLM - baseline quality over ${diffs.length} features: 95% CI [${formatGateNumber(interval.low)}, ${formatGateNumber(interval.high)}]${noDrop ? ', no significant drop' : ', a significant drop'}`
    : `${diffs.length} features paired (n >= ${t.min_n_for_significance} allows the no-significant-drop test)`;
  return { ...ratioCheck, pass: ratioCheck.pass === true || noDrop ? true : ratioCheck.pass, detail };
}

function checkReliability(input: G3Input): GateCheck[] {
  const t = G3_THRESHOLDS;
  const { glm, baseline } = input;
  const errorLimit = baseline?.error_rate == null ? null : baseline.error_rate + t.max_error_rate_increase;
  const p95Limit = baseline?.p95_latency_ms == null ? null : baseline.p95_latency_ms * (1 + t.max_p95_increase);
  const unknown = (name: string, comparator: '<=' | '>='): GateCheck => ({
    name,
    value: null,
    comparator,
    threshold: Number.NaN,
    pass: null,
    detail: 'no baseline requests',
  });
  return [
    errorLimit === null
      ? unknown('error rate', '<=')
      : checkAtMost(
          'error rate',
          glm?.error_rate ?? null,
          errorLimit,
          `baseline ${formatGateNumber((baseline?.error_rate ?? 0) * 100)}% + 2 pp`,
        ),
    p95Limit === null
      ? unknown('p95 latency ms', '<=')
      : checkAtMost(
          'p95 latency ms',
          glm?.p95_latency_ms ?? null,
          p95Limit,
          `baseline ${formatGateNumber(baseline?.p95_latency_ms ?? 0)} ms + 30%`,
        ),
  ];
}
