// G3's reliability checks (seed 001 section 3): error rate <= baseline + 2 pp, p95 latency <= baseline x 1.30, decided only beyond the data's noise: pure.
import { computeQuantile } from '../compute-quantile.js';
import { MIN_BOOTSTRAP_N } from '../stats/bootstrap.js';
import { computePercentileInterval } from '../stats/bootstrap-intervals.js';
import { computeNewcombeInterval } from '../stats/newcombe-difference.js';
import { createSeededRandom } from '../stats/seeded-random.js';
import type { RequestSample } from './collect-g3-input.js';
import { decideByInterval, formatGateNumber, type GateCheck } from './gate-result.js';

export const G3_RELIABILITY = {
  max_error_rate_increase: 0.02,
  max_p95_ratio: 1.3,
  confidence: 0.95,
  /** Below 20 requests the nearest-rank p95 is the slowest request (rank ceil(0.95 n) = n): one request decides it. */
  min_p95_requests: 20,
  resamples: 2000,
} as const;

/** Per matched task, each arm's sub-agent requests (collectG3Input). */
export interface ReliabilityInput {
  glm: readonly (readonly RequestSample[])[];
  baseline: readonly (readonly RequestSample[])[];
  /** Seeds the bootstrap, so the same data give the same interval. */
  seed: string;
}

/*
 * Why intervals, and why "not evaluable yet" inside them. Seed 001's reliability targets are acceptance criteria
 * for the sub-agent arm with a margin (+2 points, +30%): a non-inferiority question. They are decided as a
 * non-inferiority trial decides them (CONSORT extension for non-inferiority trials, Piaggio et al. 2012, JAMA
 * 308:2594-2604, figure 1; ICH E9 section 3.3.2): within the margin when the whole two-sided 95% interval lies on
 * its good side (pass), beyond it when the whole interval lies past it (FAIL), inconclusive when the interval
 * holds the margin: "not evaluable yet (n requests)". So noise never fails the arm (seed 42 failed and seed 43
 * passed the same two providers on a simulated server's milliseconds), and no arm passes on too few requests to
 * show it: 0 errors in 10 requests is as consistent with a 27% error rate as with none.
 */

/** Both reliability checks of the sub-agent arm against its baseline arm. */
export function checkReliability(input: ReliabilityInput): GateCheck[] {
  return [checkErrorRate(input), checkP95Latency(input)];
}

/**
 * Error rate: the difference of the two arms' error rates with Newcombe's hybrid score interval (stats/newcombe-
 * difference.ts), informative at zero errors, where any bootstrap gives [0, 0]. Requests are taken as independent:
 * if one task's requests fail together the true interval is wider (noted in docs/reports.md).
 */
function checkErrorRate(input: ReliabilityInput): GateCheck {
  const t = G3_RELIABILITY;
  const count = (tasks: readonly (readonly RequestSample[])[]) => ({
    n: tasks.reduce((sum, task) => sum + task.length, 0),
    errors: tasks.reduce((sum, task) => sum + task.filter((request) => request.error).length, 0),
  });
  const glm = count(input.glm);
  const base = count(input.baseline);
  const name = 'error rate - baseline';
  const interval = computeNewcombeInterval(glm.errors, glm.n, base.errors, base.n, t.confidence);
  if (interval === null)
    return {
      name,
      value: null,
      comparator: '<=',
      threshold: t.max_error_rate_increase,
      pass: null,
      detail: describeMissing(glm.n, base.n),
    };
  const pass = decideByInterval(interval, '<=', t.max_error_rate_increase);
  const detail = `${glm.errors}/${glm.n} GLM-routed requests failed, ${base.errors}/${base.n} of the baseline's; 95% CI of the difference [${formatPoints(interval.low)}, ${formatPoints(interval.high)}] (Newcombe's score interval)`;
  return {
    name,
    value: interval.difference,
    comparator: '<=',
    threshold: t.max_error_rate_increase,
    pass,
    detail,
    ...(pass === null ? { undecided: `${glm.n} and ${base.n} requests: the 95% CI of the difference holds +2 points` } : {}),
  };
}

/**
 * p95 latency: the ratio of the arms' nearest-rank p95s (compute-quantile.ts) with a seeded percentile bootstrap at
 * both stages: each resample draws the matched tasks with replacement (both arms of a drawn task together, so the
 * pairing stays), then each drawn task's requests with replacement, arm by arm. Resampling tasks alone would see no
 * noise when the tasks look alike, resampling requests alone would take a task's requests as independent; both
 * stages together err on the wide side (Davison & Hinkley 1997, section 3.8, two-stage resampling), and a wide
 * interval only keeps the check "not evaluable yet" longer. Percentile, not BCa: the jackknife behind BCa's
 * acceleration is unreliable for a quantile (Efron & Tibshirani 1993, ch. 11, on the median).
 */
function checkP95Latency(input: ReliabilityInput): GateCheck {
  const t = G3_RELIABILITY;
  const name = 'p95 latency / baseline';
  const count = (tasks: readonly (readonly RequestSample[])[]) => tasks.reduce((sum, task) => sum + task.length, 0);
  const [glmN, baseN] = [count(input.glm), count(input.baseline)];
  const check = { name, comparator: '<=' as const, threshold: t.max_p95_ratio };
  if (glmN === 0 || baseN === 0) return { ...check, value: null, pass: null, detail: describeMissing(glmN, baseN) };
  const glmP95 = computeQuantile(
    input.glm.flat().map((request) => request.latency_ms),
    0.95,
  ) as number;
  const baseP95 = computeQuantile(
    input.baseline.flat().map((request) => request.latency_ms),
    0.95,
  ) as number;
  const value = baseP95 > 0 ? glmP95 / baseP95 : null;
  const measured = `GLM ${formatGateNumber(glmP95)} ms over ${glmN} requests, baseline ${formatGateNumber(baseP95)} ms over ${baseN}`;
  const requests = `${glmN} and ${baseN} requests`;
  const tasks = input.glm.length;
  const undecided = (why: string): GateCheck => ({ ...check, value, pass: null, detail: measured, undecided: `${requests}${why}` });
  if (Math.min(glmN, baseN) < t.min_p95_requests) return undecided(`: a p95 needs ${t.min_p95_requests} per arm`);
  if (tasks < MIN_BOOTSTRAP_N) return undecided(` on ${tasks} task${tasks === 1 ? '' : 's'}: the interval needs ${MIN_BOOTSTRAP_N}`);
  if (value === null) return undecided(': the baseline p95 is 0 ms');
  const interval = bootstrapP95Ratio(input);
  if (interval === null) return undecided(': no resample had requests on both arms');
  const pass = decideByInterval(interval, '<=', t.max_p95_ratio);
  return {
    ...check,
    value,
    pass,
    detail: `${measured}; 95% CI of the ratio [${formatGateNumber(interval.low)}, ${formatGateNumber(interval.high)}] (two-stage bootstrap over ${tasks} tasks and their requests, ${t.resamples} resamples)`,
    ...(pass === null ? { undecided: `${requests}: the 95% CI of the ratio holds ${t.max_p95_ratio}` } : {}),
  };
}

/** The percentile interval of p95(GLM) / p95(baseline) over two-stage resamples; null when none had both arms. */
function bootstrapP95Ratio(input: ReliabilityInput): { low: number; high: number } | null {
  const t = G3_RELIABILITY;
  const random = createSeededRandom(input.seed);
  const tasks = input.glm.length;
  const buffers = {
    glm: new Float64Array(input.glm.flat().length * tasks),
    baseline: new Float64Array(input.baseline.flat().length * tasks),
  };
  const replicates = new Float64Array(t.resamples);
  let valid = 0;
  for (let r = 0; r < t.resamples; r += 1) {
    const filled = { glm: 0, baseline: 0 };
    for (let k = 0; k < tasks; k += 1) {
      const task = Math.floor(random() * tasks);
      // Both arms, the sub-agent arm first (each draw's order is the seed's).
      for (const arm of Object.keys(buffers) as (keyof typeof buffers)[]) {
        const requests = input[arm][task] as readonly RequestSample[];
        for (let j = 0; j < requests.length; j += 1)
          buffers[arm][filled[arm]++] = (requests[Math.floor(random() * requests.length)] as RequestSample).latency_ms;
      }
    }
    if (filled.glm === 0 || filled.baseline === 0) continue;
    const base = computeQuantile(buffers.baseline.subarray(0, filled.baseline), 0.95) as number;
    const ratio = (computeQuantile(buffers.glm.subarray(0, filled.glm), 0.95) as number) / base;
    if (Number.isFinite(ratio)) replicates[valid++] = ratio;
  }
  return valid === 0 ? null : computePercentileInterval(replicates.subarray(0, valid).sort(), t.confidence);
}

function describeMissing(glm: number, baseline: number): string {
  return glm === 0 && baseline === 0
    ? 'no sub-agent requests on either arm'
    : glm === 0
      ? 'no GLM-routed sub-agent requests'
      : 'no baseline sub-agent requests';
}

function formatPoints(value: number): string {
  return `${value >= 0 ? '+' : ''}${formatGateNumber(value * 100)} points`;
}
