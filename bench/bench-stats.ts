// Times the statistics the reports run per preview: a paired BCa bootstrap of 100 tasks, power and sample size.
import { pickPercentile } from './latency-stats.js';
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
  /** computePower at the five docs/product.md#power-references figures, per call. */
  powerMeanMs: number;
  /** computeSampleSize (doubling + bisection over computePower), per call. */
  sampleSizeMeanMs: number;
  /** The slowest single computePower or computeSampleSize over effects 1e-300..1.7e308 and n 2..1e6 (under a second). */
  extremeMaxMs: number;
  extremeSlowest: string;
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
  const extreme = timeExtremeInputs();
  return {
    tasks,
    resamples,
    runs,
    bootstrapMedianMs: pickPercentile(times, 0.5),
    bootstrapMaxMs: times[times.length - 1] ?? Number.NaN,
    powerMeanMs,
    sampleSizeMeanMs,
    extremeMaxMs: extreme.ms,
    extremeSlowest: extreme.input,
    targetMs: TARGET_BOOTSTRAP_MS,
  };
}

/** Times power and sample size at the ends of the double range and near the series/approximation switch (ncp 1000). */
function timeExtremeInputs(): { ms: number; input: string } {
  let slowest = { ms: 0, input: '' };
  const time = (input: string, run: () => unknown): void => {
    const started = performance.now();
    try {
      run();
    } catch {
      // Refusals (an effect needing more than 1e8 subjects) count with their time.
    }
    const ms = performance.now() - started;
    if (ms > slowest.ms) slowest = { ms, input };
  };
  for (const design of ['two-sample', 'paired', 'crossover'] as const) {
    for (const effect of [1e-300, 1e-8, 0.01, 999 / Math.sqrt(3), 1e8, 1e300, 1.7e308]) {
      for (const n of [3, 10, 1_000, 1_000_000]) time(`power ${design} d=${effect} n=${n}`, () => computePower({ design, effect, n }));
      time(`sample-size ${design} d=${effect}`, () => computeSampleSize({ design, effect, currentN: 1_000_000 }));
    }
  }
  return slowest;
}
