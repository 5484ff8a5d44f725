// Headroom as tasks: tokens left on each bar over the recent tasks' mean, the interval, which bar binds and which resets first.
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { approximateStudentQuantile } from './approximate-student-quantile.js';
import { estimateHeadroom } from './estimate-headroom.js';

describe('estimateHeadroom', () => {
  it("counts the tasks that fit in each bar's tokens left; the interval adds the tasks to come to the mean's uncertainty", () => {
    // 5h: 40% used of 1,000 tokens per 1%: 60,000 left; weekly: 90% used of 5,000: 50,000 left. Tasks 8k, 12k: mean
    // 10,000, variance 8e6; the mean's relative variance the larger of 8e6 / (2 x 1e8) = 0.04 and Cox's on the logs
    // (ln 1.5)^2 / 2 = 0.0822: 0.0411 + 0.0034 = 0.0445. The weekly bar binds: 50,000 tokens hold 4 tasks, and a fifth
    // when at most 2 of 5 are 12k (even odds), so the median count is 4 or 5; its low end at 40,000 tokens.
    const headroom = estimateHeadroom({
      provider: 'claude',
      bars: {
        five_hour: { used_pct: 40, resets_at: '2026-11-02T14:00:00Z', tokens_per_pct: { estimate: 1000, low: 900, high: 1100 } },
        weekly: { used_pct: 90, resets_at: '2026-11-05T00:00:00Z', tokens_per_pct: { estimate: 5000, low: 4000, high: 6000 } },
      },
      tasks: [8000, 12000],
      unit: 'session',
    });
    const logVariance = Math.log(1.5) ** 2 / 2;
    const relative = Math.max(0.04, logVariance / 2 + logVariance ** 2 / 2);
    const t = 12.706204736174698; // Student's t, 1 degree of freedom, 97.5%
    const margin = (tokens: number) => t * Math.sqrt((tokens * 8e6) / 1e12 + (tokens / 10_000) ** 2 * relative);
    expect(headroom.binding).toBe('weekly');
    expect(headroom.resets_first).toBe('five_hour');
    const weekly = headroom.bars.find((bar) => bar.bar === 'weekly')?.tasks;
    expect([4, 5]).toContain(weekly?.estimate);
    expect(weekly?.low).toBe(Math.max(0, 4 - margin(40_000)));
    expect(weekly?.high).toBeCloseTo(6 + margin(60_000), 9);
    expect(headroom.line).toMatch(
      /^claude: about [45]\.0 \[[\d.]+, [\d.]+\] more sessions like your last 2 before the weekly window binds \(it resets 2026-11-05 00:00 UTC\); the 5-hour one resets first$/,
    );
  });

  it('with five tasks, reckons the low end at the mean the five cannot rule out: tasks 10 times larger at a rate up to 3 in 5', () => {
    // 600,000 tokens left over tasks of 8k to 12k (mean 10,000, variance 2.5e6): 60 tasks. The mean's relative variance
    // is the larger of 2.5e6 / (5 x 1e8) = 0.005 and Cox's on the logs; t with 4 degrees of freedom. In this order the
    // logs' lag-1 autocorrelation is below 0 (no runs). The low end: 600,000 / (1 + 3 x 9 / 5) = 93,750 tokens.
    const tasks = [10_000, 8000, 12_000, 9000, 11_000];
    const logs = tasks.map(Math.log);
    const logMean = logs.reduce((sum, value) => sum + value, 0) / 5;
    const logVariance = logs.reduce((sum, value) => sum + (value - logMean) ** 2, 0) / 4;
    const relative = Math.max(0.005, logVariance / 5 + logVariance ** 2 / 8);
    const margin = (tokens: number) =>
      approximateStudentQuantile(0.975, 4) * Math.sqrt((tokens * 2.5e6) / 1e12 + (tokens / 10_000) ** 2 * relative);
    const rate = { estimate: 10_000, low: 10_000, high: 10_000 };
    const bars = { five_hour: { used_pct: 40, resets_at: null, tokens_per_pct: rate } };
    const range = estimateHeadroom({ provider: 'a', bars, tasks, unit: 'session' }).bars[0]?.tasks;
    expect(range?.estimate).toBe(60);
    expect(range?.low).toBeCloseTo(9.375 - margin(93_750), 9);
    expect(range?.low).toBeGreaterThan(5);
    expect(range?.high).toBeCloseTo(60 + margin(600_000), 9);
  });

  it('covers the tasks that really fit about as often as it says, on uneven tasks (simulated)', () => {
    // 20 recent tasks, then tasks of the same kind until the bar's tokens run out: how often the count falls inside.
    const random = seedrandom('headroom coverage');
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const shapes: [string, () => number, number][] = [
      ['log-normal, SD of logs 1', () => Math.exp(normal()), Math.exp(0.5)],
      ['80% small, 20% ten times larger', () => (random() < 0.8 ? 1 : 10) * (0.5 + random()), 2.8],
    ];
    for (const [, draw, mean] of shapes)
      for (const leftInTasks of [10, 60]) {
        let inside = 0;
        const trials = 1500;
        for (let trial = 0; trial < trials; trial += 1) {
          const tasks = Array.from({ length: 20 }, draw);
          const left = leftInTasks * mean;
          let [used, fit] = [0, 0];
          for (let next = draw(); used + next <= left; next = draw()) [used, fit] = [used + next, fit + 1];
          const bars = {
            daily: { used_pct: 0, resets_at: null, tokens_per_pct: { estimate: left / 100, low: left / 100, high: left / 100 } },
          };
          const range = estimateHeadroom({ provider: 'a', bars, tasks, unit: 'session' }).bars[0]?.tasks;
          if (fit >= Math.floor(range?.low ?? 0) && fit <= Math.ceil(range?.high ?? 0)) inside += 1;
        }
        expect(inside / trials).toBeGreaterThan(0.93);
        expect(inside / trials).toBeLessThan(0.99);
      }
  });

  it('widens for sessions that come in runs: logs AR(1) at 0.7 covered 66% read as independent (simulated)', () => {
    const random = seedrandom('headroom runs');
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let inside = 0;
    const trials = 1000;
    for (let trial = 0; trial < trials; trial += 1) {
      let z = normal();
      const draw = () => {
        z = 0.7 * z + Math.sqrt(1 - 0.49) * normal();
        return Math.exp(z - 0.5);
      };
      const tasks = Array.from({ length: 20 }, draw);
      const left = 30;
      let [used, fit] = [0, 0];
      for (let next = draw(); used + next <= left; next = draw()) [used, fit] = [used + next, fit + 1];
      const bars = { daily: { used_pct: 0, resets_at: null, tokens_per_pct: { estimate: left / 100, low: left / 100, high: left / 100 } } };
      const range = estimateHeadroom({ provider: 'a', bars, tasks, unit: 'session' }).bars[0]?.tasks;
      if (fit >= Math.floor(range?.low ?? 0) && fit <= Math.ceil(range?.high ?? 0)) inside += 1;
    }
    expect(inside / trials).toBeGreaterThan(0.8);
  });

  it('reads the runs: the same 20 recent tasks give fewer tasks left in a run of big ones, and a regime met before the 20 counts', () => {
    // Runs of 10 small (1,000) and 10 big (10,000) tasks, 55,000 tokens left: the mean task (5,500) says 10 either way.
    // In a big run the next ones are big (about 5 fit); in a small one about half its run is left, then big ones.
    const rate = { estimate: 1000, low: 1000, high: 1000 };
    const point = (tasks: number[]) =>
      estimateHeadroom({ provider: 'a', bars: { daily: { used_pct: 45, resets_at: null, tokens_per_pct: rate } }, tasks, unit: 'session' })
        .bars[0]?.tasks?.estimate ?? Number.NaN;
    const jitter = seedrandom('headroom runs of tasks');
    const run = (tokens: number) => Array.from({ length: 10 }, () => Math.round(tokens * (0.9 + 0.2 * jitter())));
    const endingBig = [1, 2, 3, 4, 5].flatMap(() => [...run(1000), ...run(10_000)]);
    const endingSmall = [1, 2, 3, 4, 5].flatMap(() => [...run(10_000), ...run(1000)]);
    expect(point(endingBig)).toBeLessThan(7);
    expect(point(endingSmall)).toBeGreaterThanOrEqual(9);
    // 100 tasks of 1,000 but for a run of 10 of 10,000 forty tasks back: 55 of the last 20 fit, and fewer when such a
    // run may come again (once in the 89 steps on from a small task seen).
    const regime = [
      ...run(1000),
      ...run(1000),
      ...run(1000),
      ...run(1000),
      ...run(10_000),
      ...run(1000),
      ...run(1000),
      ...run(1000),
      ...run(1000),
      ...run(1000),
    ];
    expect(point(regime)).toBeLessThan(50);
    expect(point(regime.slice(-20))).toBeGreaterThan(50);
  });

  it("reaches the low end down to a regime the last 100 tasks met and the last 20 did not (the futures' 2.5% tail)", () => {
    // The history above: a run of ten 10,000-token tasks forty back. The last 20 alone put the low end at 22.9 of the
    // 55,000 tokens' tasks (the guard's); should such a run come, about 5 to 15 fit, and the futures that meet it say so.
    const rate = { estimate: 1000, low: 1000, high: 1000 };
    const range = (tasks: number[]) =>
      estimateHeadroom({ provider: 'a', bars: { daily: { used_pct: 45, resets_at: null, tokens_per_pct: rate } }, tasks, unit: 'session' })
        .bars[0]?.tasks;
    const jitter = seedrandom('headroom regime met');
    const run = (tokens: number) => Array.from({ length: 10 }, () => Math.round(tokens * (0.9 + 0.2 * jitter())));
    const regime = [1000, 1000, 1000, 1000, 10_000, 1000, 1000, 1000, 1000, 1000].flatMap(run);
    const recent = range(regime.slice(-20));
    const history = range(regime);
    expect(recent?.low).toBeGreaterThan(20);
    expect(history?.low).toBeLessThan(15);
    expect(history?.high).toBe(recent?.high);
  });

  it('says n/a with the reason: no calibration, no recent task, no bar', () => {
    const bar = { used_pct: 10, resets_at: null, tokens_per_pct: null };
    expect(estimateHeadroom({ provider: 'a', bars: { daily: bar }, tasks: [5], unit: 'request' }).line).toBe(
      'a: headroom n/a (no bar calibrated (tracker calibrate))',
    );
    const rated = { ...bar, tokens_per_pct: { estimate: 1, low: 1, high: 1 } };
    expect(estimateHeadroom({ provider: 'a', bars: { daily: rated }, tasks: [], unit: 'request' }).line).toBe(
      'a: headroom n/a (no recent request with counted tokens)',
    );
    expect(estimateHeadroom({ provider: 'a', bars: {}, tasks: [5], unit: 'request' }).line).toBe(
      'a: headroom n/a (no bar read in its current period)',
    );
  });
});
