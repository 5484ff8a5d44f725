// Mainland-Gart on pass/fail crossovers: Fisher p, SciPy and textbook odds ratios, and refusals of correction-made ratios.
import { describe, expect, it } from 'vitest';
import { computeFisherExactP } from './crossover-fisher-exact.js';
import type { CrossoverSequence, CrossoverSubject } from './crossover-grizzle.js';
import { analyzeMainlandGart } from './mainland-gart.js';

/** Subjects for a table of outcome patterns: per sequence, how many had (y1, y2) = (1,0), (0,1), (1,1), (0,0). */
function buildSubjects(counts: Record<CrossoverSequence, [number, number, number, number]>): CrossoverSubject[] {
  const patterns: [number, number][] = [
    [1, 0],
    [0, 1],
    [1, 1],
    [0, 0],
  ];
  return (['AB', 'BA'] as const).flatMap((sequence) =>
    counts[sequence].flatMap((count, k) =>
      Array.from({ length: count }, (_, i) => ({
        subject: `${sequence}-${k}-${i}`,
        sequence,
        y1: patterns[k]?.[0] as number,
        y2: patterns[k]?.[1] as number,
      })),
    ),
  );
}

describe('computeFisherExactP', () => {
  // Independent values: SciPy 1.17 `fisher_exact` (two-sided), the same rule as R's `fisher.test`.
  it.each([
    [
      [
        [9, 0],
        [1, 6],
      ],
      0.0008741258741258742,
    ],
    [
      [
        [9, 0],
        [6, 1],
      ],
      0.4375,
    ],
    [
      [
        [6, 0],
        [2, 4],
      ],
      0.06060606060606061,
    ],
    [
      [
        [1, 2],
        [3, 2],
      ],
      1,
    ],
    [
      [
        [3, 1],
        [1, 3],
      ],
      0.48571428571428565,
    ],
    [
      [
        [0, 0],
        [0, 0],
      ],
      1,
    ],
  ] as const)('%j -> %f', (table, p) => {
    expect(computeFisherExactP(table)).toBeCloseTo(p, 12);
  });

  it('refuses counts that are not whole', () => {
    expect(() =>
      computeFisherExactP([
        [1.5, 0],
        [0, 1],
      ]),
    ).toThrow(RangeError);
  });
});

describe('analyzeMainlandGart', () => {
  /**
   * Senn (2002), as summarised on his page "Power comparison of Prescott's test and the Mainland-Gart test":
   * 24 asthma patients, formoterol (A) and salbutamol (B), 12 per sequence; for/sal: 9 prefer period 1,
   * 3 no preference, 0 prefer period 2; sal/for: 1, 5, 6. The Mainland-Gart test is Fisher's exact test on
   * the 9/0 vs 1/6 table. Expected values: SciPy (Fisher) and hand computation with the 0.5 correction.
   */
  const senn = buildSubjects({ AB: [9, 0, 2, 1], BA: [1, 6, 3, 2] });

  it("reproduces the Mainland-Gart test on Senn's preference data", () => {
    const result = analyzeMainlandGart(senn);
    expect(result.table).toEqual({ AB: { period1: 9, period2: 0 }, BA: { period1: 1, period2: 6 } });
    expect(result.n).toEqual({ AB: 12, BA: 12 });
    expect(result.continuityCorrected).toBe(true);
    expect(result.pMethod).toBe('fisher-exact-two-sided');
    // (9.5 * 6.5) / (0.5 * 1.5) = 82.3333; log SE = sqrt(1/9.5 + 1/0.5 + 1/1.5 + 1/6.5) = 1.710490
    expect(result.tableOddsRatio?.estimate).toBeCloseTo(82.333333, 5);
    expect(result.tableOddsRatio?.logSe).toBeCloseTo(1.710489982, 9);
    expect(result.tableOddsRatio?.ciLow).toBeCloseTo(2.881402882, 8);
    expect(result.tableOddsRatio?.ciHigh).toBeCloseTo(2352.596306, 5);
    expect(result.tableOddsRatio?.z).toBeCloseTo(2.5786623099, 9);
    expect(result.tableOddsRatio?.p).toBeCloseTo(0.0008741258741, 12);
    // The per-treatment (within-subject) odds ratio is the square root.
    expect(result.treatment?.estimate).toBeCloseTo(9.0737717259, 9);
    expect(result.treatment?.ciLow).toBeCloseTo(1.6974695526, 9);
    expect(result.treatment?.ciHigh).toBeCloseTo(48.503570038, 8);
    expect(result.treatment?.p).toBeCloseTo(0.0008741258741, 12);
    expect(result.period?.estimate).toBeCloseTo(2.0939473214, 9);
    expect(result.period?.ciLow).toBeCloseTo(0.3917237429, 9);
    expect(result.period?.ciHigh).toBeCloseTo(11.193131547, 8);
    expect(result.period?.p).toBeCloseTo(0.4375, 12);
  });

  /**
   * Jones & Kenward (2014), Table 2.36: ECG (normal = 1) in a trial for cerebrovascular deficiency, centre 2
   * (34 subjects in AB, 33 in BA; transcribed from the xover R package, data-raw/cerebrovascular_deficiency.csv).
   * Discordant subjects: AB 6 normal only in period 1, 0 only in period 2; BA 2 and 4. Expected: SciPy.
   */
  it('analyses the cerebrovascular-deficiency trial (centre 2)', () => {
    const result = analyzeMainlandGart(buildSubjects({ AB: [6, 0, 22, 6], BA: [2, 4, 18, 9] }));
    expect(result.treatment?.p).toBeCloseTo(0.0606060606, 10);
    expect(result.period?.p).toBeCloseTo(0.4545454545, 10);
    expect(result.tableOddsRatio?.estimate).toBeCloseTo(23.4, 10);
    expect(result.treatment?.estimate).toBeCloseTo(4.837354649, 9);
    expect(result.treatment?.ciLow).toBeCloseTo(0.9451301113, 9);
    expect(result.treatment?.ciHigh).toBeCloseTo(24.758495915, 8);
    expect(result.concordant).toEqual({ AB: { both: 22, neither: 6 }, BA: { both: 18, neither: 9 } });
  });

  it('uses no continuity correction when every cell is filled', () => {
    const result = analyzeMainlandGart(buildSubjects({ AB: [1, 2, 0, 0], BA: [3, 2, 0, 0] }));
    expect(result.continuityCorrected).toBe(false);
    expect(result.tableOddsRatio?.estimate).toBeCloseTo(1 / 3, 12);
    expect(result.tableOddsRatio?.ciLow).toBeCloseTo(0.0166973254, 9);
    expect(result.tableOddsRatio?.ciHigh).toBeCloseTo(6.6544256916, 9);
  });

  it('gives no estimate when no subject changed between periods', () => {
    const result = analyzeMainlandGart(buildSubjects({ AB: [0, 0, 3, 1], BA: [0, 0, 2, 2] }));
    expect(result.treatment).toBeNull();
    expect(result.tableOddsRatio).toBeNull();
  });

  it('gives no odds ratio when one sequence has no discordant subject (only the correction would make one)', () => {
    const result = analyzeMainlandGart(buildSubjects({ AB: [3, 1, 2, 0], BA: [0, 0, 4, 1] }));
    expect(result.treatment).toBeNull();
    expect(result.period).toBeNull();
    expect(result.naReason).toBe(
      'sequence BA has no task that succeeded in one period only, so an odds ratio would come from the 0.5 correction alone',
    );
  });

  it('gives no odds ratio when no task succeeded in period 1 only in either sequence (0 / 0 before the correction)', () => {
    // Table [[0, 3], [0, 2]]: uncorrected (0 x 2) / (3 x 0); the 0.5 correction alone would have made it (2.5 / 3.5).
    const result = analyzeMainlandGart(buildSubjects({ AB: [0, 3, 1, 0], BA: [0, 2, 1, 1] }));
    expect(result.treatment).toBeNull();
    expect(result.tableOddsRatio).toBeNull();
    expect(result.naReason).toBe(
      'no task in either sequence succeeded in period 1 only, so an odds ratio would come from the 0.5 correction alone',
    );
  });

  it('keeps the treatment odds ratio but refuses the period one when no task succeeded on A only', () => {
    // AB: 0 pass in period 1 only, 3 in period 2 only; BA: 2 and 0. A-only successes are AB period 1 and BA period 2: none.
    // Treatment table [[0, 3], [2, 0]]: uncorrected 0 (A never better), corrected (0.5 x 0.5) / (3.5 x 2.5), sqrt = 0.16903085.
    const result = analyzeMainlandGart(buildSubjects({ AB: [0, 3, 1, 0], BA: [2, 0, 1, 1] }));
    expect(result.naReason).toBeNull();
    expect(result.treatment?.estimate).toBeCloseTo(Math.sqrt(0.25 / 8.75), 12);
    expect(result.period).toBeNull();
    expect(result.periodNaReason).toBe(
      'no task in either sequence succeeded on A only, so a period odds ratio would come from the 0.5 correction alone',
    );
    expect(result.notes).toContain(
      'Period odds ratio n/a: no task in either sequence succeeded on A only, so a period odds ratio would come from the 0.5 correction alone.',
    );
  });

  it('refuses outcomes other than 0 and 1', () => {
    expect(() => analyzeMainlandGart([{ subject: 's', sequence: 'AB', y1: 2, y2: 0 }])).toThrow(/0 or 1/);
  });
});
