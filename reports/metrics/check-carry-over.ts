// The carry-over check on an experiment's own AB/BA tasks, on the scale of the decision (work per $ of both sides): pure.
import { computeStudentTCdf, computeStudentTQuantile } from '../stats/student-t.js';

/** One task both providers ran: who ran first (AB: A), and each side's quality and cost. */
export interface OrderedTask {
  sequence: 'AB' | 'BA';
  qA: number;
  cA: number;
  qB: number;
  cB: number;
}

/**
 * With y = ln(work per $) of a side, the two-period model y = task + provider + period + (carry-over of the side when it
 * runs second) gives, summed over both sides of a task, ln S_BA - ln S_AB = lambda_A - lambda_B (Grizzle 1965's
 * carry-over contrast on subject totals; Jones & Kenward 2014, 2.3): the period cancels, and the pair's pooled ratio is
 * off by exactly half of it, exp((lambda_A - lambda_B) / 2). S is a sequence group's (sum qA / sum cA)(sum qB / sum cB),
 * its log's SE the delta method's over the group's tasks. Between tasks, so it has little power: its 80% power size is
 * printed beside it.
 */
export interface CarryOverCheck {
  tasks: { AB: number; BA: number };
  /** lambda_A - lambda_B: ln of both sides' work per $ on tasks run B first over tasks run A first. */
  difference: number | null;
  low: number | null;
  high: number | null;
  p: number | null;
  /** What it moves the pair's ratio by: exp(difference / 2), and its interval. */
  bias: number | null;
  bias_low: number | null;
  bias_high: number | null;
  /** The smallest such factor (>= 1, either way) the check finds with 80% power at alpha, at these tasks. */
  detectable_bias: number | null;
  /** The check found carry-over at its own level (p below alpha): the advice names it. */
  found: boolean;
  alpha: number;
  na: string | null;
}

const MIN_GROUP_TASKS = 3;

/** Grizzle's carry-over contrast on ln(work per $ of A x work per $ of B), with its power; n/a with the reason. */
export function checkCarryOver(tasks: readonly OrderedTask[], alpha: number): CarryOverCheck {
  const groups = { AB: tasks.filter((t) => t.sequence === 'AB'), BA: tasks.filter((t) => t.sequence === 'BA') };
  const counts = { AB: groups.AB.length, BA: groups.BA.length };
  const empty = { tasks: counts, difference: null, low: null, high: null, p: null, bias: null, bias_low: null, bias_high: null };
  const na = (reason: string): CarryOverCheck => ({ ...empty, detectable_bias: null, found: false, alpha, na: reason });
  if (counts.AB < MIN_GROUP_TASKS || counts.BA < MIN_GROUP_TASKS)
    return na(`it needs ${MIN_GROUP_TASKS} tasks run in each order (A first ${counts.AB}, B first ${counts.BA})`);
  const ab = summarizeGroup(groups.AB);
  const ba = summarizeGroup(groups.BA);
  if (ab === null || ba === null) return na('a side did no correct work, or spent nothing, in one of the orders');
  const difference = ba.log - ab.log;
  const se = Math.sqrt(ab.variance + ba.variance);
  const df = counts.AB + counts.BA - 2;
  if (!(se > 0)) return na('the tasks of each order do not vary');
  const t = computeStudentTQuantile(1 - alpha / 2, df);
  const detectable = (t + computeStudentTQuantile(0.8, df)) * se;
  const p = 2 * (1 - computeStudentTCdf(Math.abs(difference) / se, df));
  return {
    tasks: counts,
    difference,
    low: difference - t * se,
    high: difference + t * se,
    p,
    bias: Math.exp(difference / 2),
    bias_low: Math.exp((difference - t * se) / 2),
    bias_high: Math.exp((difference + t * se) / 2),
    detectable_bias: Math.exp(detectable / 2),
    found: p < alpha,
    alpha,
    na: null,
  };
}

/** ln of (mean qA / mean cA)(mean qB / mean cB) over the group, and its delta-method variance; null where a mean is 0. */
function summarizeGroup(tasks: readonly OrderedTask[]): { log: number; variance: number } | null {
  const n = tasks.length;
  const mean = (pick: (t: OrderedTask) => number): number => tasks.reduce((sum, t) => sum + pick(t), 0) / n;
  const [qA, cA, qB, cB] = [mean((t) => t.qA), mean((t) => t.cA), mean((t) => t.qB), mean((t) => t.cB)];
  if (!(qA > 0 && cA > 0 && qB > 0 && cB > 0)) return null;
  // psi: the first-order term of the log of the product of the two ratios of means (methodology.md, "Intervals").
  const psi = tasks.map((t) => t.qA / qA - t.cA / cA + t.qB / qB - t.cB / cB);
  const centre = psi.reduce((sum, v) => sum + v, 0) / n;
  const variance = psi.reduce((sum, v) => sum + (v - centre) ** 2, 0) / (n - 1) / n;
  return { log: Math.log(qA) - Math.log(cA) + Math.log(qB) - Math.log(cB), variance };
}
