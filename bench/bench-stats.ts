// Times the statistics the reports run per preview: a paired BCa bootstrap of 100 tasks, power and sample size.
import { bootstrapRatio, computePower, computeSampleSize, createSeededRandom, type PairedTask } from '../reports/index.js';

/** The target: 10,000 resamples over 100 tasks (percentile + BCa) under 200 ms. */
export const TARGET_BOOTSTRAP_MS = 200;

export interface StatsBench {
  tasks: number;
  resamples: number;
  runs: number;
  /** bootstrapRatio: 4 statistics (two arms, ratio, difference), each with percentile and BCa intervals. */
  bootstrapMedianMs: number;
  bootstrapMaxMs: number;
  /** computePower at the five PRODUCT.md references, per call. */
  powerMeanMs: number;
  /** computeSampleSize (doubling + bisection over computePower), per call. */
  sampleSizeMeanMs: number;
  targetMs: number;
}

/** Synthetic paired tasks: cost correlated across arms by task difficulty, successes at 80% and 70%. */
function makeTasks(count: number): PairedTask[] {
  const random = createSeededRandom('bench-stats');
  return Array.from({ length: count }, () => {
    const difficulty = 2 + 4 * random();
    return {
      a: { numerator: difficulty * (0.9 + 0.2 * random()), denominator: random() < 0.8 ? 1 : 0 },
      b: { numerator: 0.7 * difficulty * (0.9 + 0.2 * random()), denominator: random() < 0.7 ? 1 : 0 },
    };
  });
}

/** Runs each piece `runs` times after a warm-up and reports wall-clock times (performance.now). */
export function benchStats(runs = 20, tasks = 100, resamples = 10_000): StatsBench {
  const data = makeTasks(tasks);
  bootstrapRatio(data, { seed: 'warm-up', resamples: 1_000 });
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    bootstrapRatio(data, { seed: run, resamples });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const references = [
    { design: 'two-sample', effect: 0.5, n: 64 },
    { design: 'two-sample', effect: 0.8, n: 26 },
    { design: 'two-sample', effect: 0.2, n: 394 },
    { design: 'paired', effect: 0.5, n: 34 },
    { design: 'paired', effect: 0.3, n: 90 },
  ] as const;
  let started = performance.now();
  for (let run = 0; run < runs; run += 1) for (const input of references) computePower(input);
  const powerMeanMs = (performance.now() - started) / (runs * references.length);
  started = performance.now();
  for (let run = 0; run < runs; run += 1) for (const input of references) computeSampleSize({ design: input.design, effect: input.effect });
  const sampleSizeMeanMs = (performance.now() - started) / (runs * references.length);
  return {
    tasks,
    resamples,
    runs,
    bootstrapMedianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    bootstrapMaxMs: times[times.length - 1] ?? Number.NaN,
    powerMeanMs,
    sampleSizeMeanMs,
    targetMs: TARGET_BOOTSTRAP_MS,
  };
}
