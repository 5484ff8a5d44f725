// Power estimates already simulated in this process, kept by their whole input: the same design asked again is answered at once (pure).
import type { RatioTask } from '../stats/ratio-of-sums.js';
import type { PowerDesign, PowerEstimate } from './estimate-ratio-power.js';
import type { AssumedTaskModel } from './ratio-power-model.js';

/**
 * Estimates kept, the oldest dropped first. A report asks the same (design, tasks, ratio) again whenever it is built
 * again on the same windows: the viewer's worker on every refresh of a run that has not moved, `tracker plans` beside
 * the report, and a process that runs many commands (the specs run about 600 in two processes; one `experiment
 * run` spent 40% of its CPU in these simulations). An estimate is a few hundred bytes.
 */
const LIMIT = 512;
/** A design over more observed tasks than this is not kept: its key alone (the tasks as JSON) would be megabytes. */
const MAX_KEYED_TASKS = 2_000;

const kept = new Map<string, PowerEstimate>();

/**
 * The estimate for `key` (a design's key, with the tasks and ratio asked): the kept one when there is one, else
 * `simulate`'s, kept. The answer is a copy, so a caller that changes it changes nothing kept. A null key (a design too
 * large to key) is never kept.
 */
export function rememberPower(key: string | null, simulate: () => PowerEstimate): PowerEstimate {
  if (key === null) return simulate();
  let estimate = kept.get(key);
  if (estimate === undefined) {
    estimate = simulate();
    if (kept.size >= LIMIT) kept.delete(kept.keys().next().value as string);
    kept.set(key, estimate);
  } else {
    // Most recently used last: the first key is the one to drop.
    kept.delete(key);
    kept.set(key, estimate);
  }
  return structuredClone(estimate);
}

/**
 * Everything a design's simulation reads, as text: its settings, the observed tasks it resamples and the assumed
 * figures (the model is made from those two), a seed's type kept apart. Null for a design too large to key.
 */
export function keyPowerDesign(
  design: Omit<PowerDesign, 'model'>,
  observed: readonly RatioTask[] | null | undefined,
  assumed: Partial<AssumedTaskModel> | undefined,
  budget: { a: number; b: number } | null,
): string | null {
  if ((observed?.length ?? 0) > MAX_KEYED_TASKS) return null;
  const { alpha, providers, minEffect, enabled, calibrationSe, runs, seed, stop } = design;
  const settings = [alpha, providers, minEffect, enabled, calibrationSe, runs, typeof seed, seed, stop];
  return JSON.stringify([...settings, observed ?? null, assumed ?? null, budget]);
}
