// The looks a plan's rule takes, with their boundaries: after first_look tasks, every look_every, until the tasks done (pure).
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import { computeBoundaries } from '../stats/group-sequential-boundaries.js';
import { computeStudentTQuantile } from '../stats/student-t.js';

export interface ScheduledLook {
  /** Tasks seen at the look. */
  n: number;
  /** n / planned tasks: the information fraction the spending is read at (above 1, nothing is left to spend). */
  fraction: number;
  /** |Z| at or above it crosses (+Infinity where the look spends nothing). */
  critical: number;
  /** The two-sided p that crosses: 2 (1 - Phi(critical)). */
  nominalAlpha: number;
  /** The Student t quantile with n - 1 df at that p: a look's repeated interval is ln R +- quantile x SE. */
  quantile: number;
}

/** Each look's quantiles at fewer df, by whole df: a simulation asks for the same few again and again. */
const fewerDf = new WeakMap<ScheduledLook, Map<number, number>>();

/**
 * The look's t quantile with `df` degrees of freedom (read-paired-ratio.ts lowers them for heavy tails), taken at
 * the whole df below: never narrower than the df asked for.
 */
export function findLookQuantile(look: ScheduledLook, df: number): number {
  const whole = Math.max(1, Math.floor(df));
  if (whole >= look.n - 1 || !Number.isFinite(look.critical)) return look.quantile;
  let known = fewerDf.get(look);
  if (!known) fewerDf.set(look, (known = new Map()));
  let quantile = known.get(whole);
  if (quantile === undefined) {
    quantile = computeStudentTQuantile(1 - look.nominalAlpha / 2, whole);
    known.set(whole, quantile);
  }
  return quantile;
}

/** Boundaries by schedule: every arm of a run asks again, each time with one task more, and most share a prefix. */
const cache = new Map<string, ScheduledLook[]>();
const CACHE_LIMIT = 64;

/**
 * The looks up to `tasks` tasks. The boundary of a look depends only on the looks before it and the spending
 * function (Lan & DeMets 1983), so the schedule up to any n is a prefix of the schedule up to the planned tasks:
 * the runner's look at n and the report's replay of it get the same boundary. `none` schedules the final look
 * alone, at the planned tasks, spending all of alpha_per_pair there: a fixed-n test, with no answer before it.
 */
export function scheduleLooks(rule: SequentialRuleSettings, tasks: number): ScheduledLook[] {
  const ns: number[] = [];
  if (rule.rule === 'none') {
    if (tasks >= rule.planned_tasks) ns.push(rule.planned_tasks);
  } else {
    // No look past the planned tasks: the spending is done there, so a later look could never cross, and the last
    // look, the final answer, stays the one at the planned tasks (tasks beyond them are not part of the decision).
    for (let n = rule.first_look; n <= Math.min(tasks, rule.planned_tasks); n += rule.look_every) ns.push(n);
    // The planned total is always a look, whatever the step, so the final answer is taken there.
    if (tasks >= rule.planned_tasks && !ns.includes(rule.planned_tasks) && rule.planned_tasks >= rule.first_look)
      ns.push(rule.planned_tasks);
    ns.sort((x, y) => x - y);
  }
  if (ns.length === 0 || ns[0] === 0) return [];
  const key = `${rule.rule}:${rule.alpha_per_pair}:${rule.planned_tasks}:${ns.join(',')}`;
  const known = cache.get(key);
  if (known) return known;
  const fractions = ns.map((n) => (rule.rule === 'none' ? 1 : n / rule.planned_tasks));
  const looks = computeBoundaries(fractions, { alpha: rule.alpha_per_pair, spending: 'obrien-fleming' }).map((look, i) => {
    const n = ns[i] as number;
    const quantile =
      Number.isFinite(look.critical) && n > 1 ? computeStudentTQuantile(1 - look.nominalAlpha / 2, n - 1) : Number.POSITIVE_INFINITY;
    return { n, fraction: look.fraction, critical: look.critical, nominalAlpha: look.nominalAlpha, quantile };
  });
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, looks);
  return looks;
}
