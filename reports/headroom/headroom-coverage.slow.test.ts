// How often headroom's interval holds the sessions that really fit, on uneven work: heavy tails, runs and bursts (simulated).
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { estimateHeadroom } from './estimate-headroom.js';

/** A family: a fresh sequence of session sizes (each call one session, in order) and its long-run mean size. */
type Family = [name: string, start: () => () => number, mean: number];

const TRIALS = 3000;
/** The tasks a trial hands headroom, as the kept basis holds them: the bracket reads the last 20, the point all 100. */
const HISTORY = 100;

/**
 * The families of uneven work: sizes with a Pareto tail, log sizes in AR(1), bursts of big sessions, two kinds of
 * sessions, sub-agent fan-outs, and regimes (long runs of big sessions, entered rarely).
 */
function listFamilies(random: () => number): Family[] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const pareto = (alpha: number): Family => [`Pareto alpha ${alpha}`, () => () => (1 - random()) ** (-1 / alpha), alpha / (alpha - 1)];
  const autoregressive = (phi: number): Family => [
    `log sizes AR(1) phi ${phi}`,
    () => {
      let z = normal();
      return () => {
        z = phi * z + Math.sqrt(1 - phi * phi) * normal();
        return Math.exp(z);
      };
    },
    Math.exp(0.5),
  ];
  // A session starts a burst with probability `enter`, a burst goes on with `stay`; its sessions are `big` times larger.
  const bursts = (big: number, enter: number, stay: number): Family => {
    const share = enter / (enter + 1 - stay);
    const start = () => {
      let inBurst = random() < share;
      return () => {
        inBurst = random() < (inBurst ? stay : enter);
        return (inBurst ? big : 1) * Math.exp(0.5 * normal());
      };
    };
    return [`bursts of ${big}x, enter ${enter}, stay ${stay}`, start, (1 - share + big * share) * Math.exp(0.125)];
  };
  return [
    ['log-normal, SD of logs 1', () => () => Math.exp(normal()), Math.exp(0.5)],
    pareto(1.2),
    pareto(1.5),
    pareto(2),
    autoregressive(0.5),
    autoregressive(0.8),
    bursts(10, 0.05, 0.5),
    bursts(10, 0.1, 0.5),
    bursts(5, 0.1, 0.7),
    bursts(5, 0.05, 0.7),
    ['two kinds: 10% of sessions 10x', () => () => (random() < 0.1 ? 10 : 1) * Math.exp(0.5 * normal()), 1.9 * Math.exp(0.125)],
    // 15% of sessions fan out to 3 to 8 sub-agents, each as large as the session itself.
    [
      'fan-outs: 15% of sessions start 3-8 sub-agents',
      () => () => (random() < 0.15 ? 4 + Math.floor(random() * 6) : 1) * Math.exp(0.5 * normal()),
      (0.85 + 0.15 * 6.5) * Math.exp(0.125),
    ],
    bursts(10, 0.02, 0.9),
    bursts(5, 0.03, 0.9),
  ];
}

/** The share of trials whose sessions that fit fell inside the interval, the interval's median width, and the medians of the point figure and of the sessions that fit. */
function measureCoverage([, start, mean]: Family, ahead: number) {
  let inside = 0;
  const widths: number[] = [];
  const points: number[] = [];
  const fits: number[] = [];
  for (let trial = 0; trial < TRIALS; trial += 1) {
    const draw = start();
    const tasks = Array.from({ length: HISTORY }, draw);
    const left = ahead * mean;
    let [used, fit] = [0, 0];
    for (let next = draw(); used + next <= left; next = draw()) [used, fit] = [used + next, fit + 1];
    const rate = { estimate: left / 100, low: left / 100, high: left / 100 };
    const range = estimateHeadroom({
      provider: 'a',
      bars: { daily: { used_pct: 0, resets_at: null, tokens_per_pct: rate } },
      tasks,
      unit: 'session',
    }).bars[0]?.tasks;
    const [low, high] = [range?.low ?? 0, range?.high ?? Number.POSITIVE_INFINITY];
    widths.push(high - low);
    points.push(range?.estimate ?? Number.NaN);
    fits.push(fit);
    if (fit >= Math.floor(low) && fit <= Math.ceil(high)) inside += 1;
  }
  return { coverage: inside / TRIALS, width: findMedian(widths), point: findMedian(points), fit: findMedian(fits) };
}

function findMedian(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

/**
 * The one family whose point stays above 10% (3,000 trials: 1.12 30 and 100 ahead; 1.60 and 1.99 from the last
 * 20 alone): runs of 10x sessions entered at 0.02, which 100 tasks hold about once, so how often one comes is itself uncertain.
 */
const POINT_ABOVE = 'bursts of 10x, enter 0.02, stay 0.9';

describe('headroom coverage on uneven work (3,000 trials a cell: Monte Carlo SE 0.55 points at 90%)', () => {
  // Each cell its own seed, so a cell's figure does not hang on which cells ran before it.
  const cells = listFamilies(Math.random).flatMap((_, index) =>
    [30, 100].map((ahead) => {
      const family = listFamilies(seedrandom(`headroom uneven work ${index} ${ahead}`))[index] as Family;
      return { name: family[0], ahead, family };
    }),
  );
  it.each(cells)(
    'covers at least 90 in 100 at a nominal 95, its point a median: $name, $ahead sessions ahead',
    ({ name, ahead, family }) => {
      const cell = measureCoverage(family, ahead);
      // Long regimes of 10x and 5x sessions held 79-88% from the last 20 alone; the futures' tails (ADR 0037's third
      // addendum) hold them at 91.2-95.3%.
      expect(cell.coverage).toBeGreaterThanOrEqual(0.9);
      // The point figure is a predictive median: within 10% of the median sessions that fit, but one family (below).
      const off = cell.point / cell.fit;
      expect(off).toBeGreaterThanOrEqual(0.9);
      expect(off).toBeLessThanOrEqual(name === POINT_ABOVE ? 1.15 : 1.1);
    },
  );

  it('is not needlessly wide on i.i.d. log-normal sessions: median width within 35% of the interval that ignored tails and runs', () => {
    // Before the guards (ADR 0037) its median width was 43.6 sessions 30 ahead, 130.8 100 ahead; with them 53.0 and
    // 164.7, nearly all of it the low end's (the median high end 53.2 -> 55.3, 171.5 -> 178.1).
    const near = measureCoverage(listFamilies(seedrandom('headroom width 30'))[0] as Family, 30);
    const far = measureCoverage(listFamilies(seedrandom('headroom width 100'))[0] as Family, 100);
    expect(near.coverage).toBeLessThan(0.995);
    expect(near.width).toBeLessThan(43.6 * 1.35);
    expect(far.width).toBeLessThan(130.8 * 1.35);
  });
});
