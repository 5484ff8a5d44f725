import { describe, expect, it } from 'vitest';
import type { ReadingRow } from '../schemas/index.js';
import { checkDivergence, findReadingStep } from './check-divergence.js';
import { countWindowCcusage } from './read-window-ccusage.js';

const capacity = (percent: number, tokens: number | null, before = 10) => ({
  unit: 'pct_5h' as const,
  before,
  after: before + percent,
  delta: percent,
  ...(tokens === null ? {} : { tokens: { before: 0, after: tokens, delta: tokens } }),
});

describe('checkDivergence', () => {
  it('flags a count 97% away from what the bars say, above or below, even on whole-% readings', () => {
    const above = checkDivergence(capacity(4, null), [1000, 1100, 900], 7880);
    expect(above).toMatchObject({ tokensPerPercent: 1000, expectedTokens: 4000, countedTokens: 7880, step: 1, divergent: true });
    expect(above?.gap).toBeCloseTo(0.97, 10);
    expect(checkDivergence(capacity(4, null), [1000, 1000], 120)?.divergent).toBe(true);
  });

  it("lets a count within the whole-% readings' rounding pass: 4% read off two screens is a rise of 3% to 5%", () => {
    // 4,900 tokens is 22.5% from 4,000, but a true rise of 4.9% reads 40 -> 44; the band is [3 x 900, 5 x 1,100].
    const result = checkDivergence(capacity(4, 4900), [1000, 1000]);
    expect(result).toMatchObject({ step: 1, low: 2700, divergent: false });
    expect(result?.high).toBeCloseTo(5500, 9);
    expect(checkDivergence(capacity(4, 2699), [1000, 1000])?.divergent).toBe(true);
    expect(checkDivergence(capacity(4, 5501), [1000, 1000])?.divergent).toBe(true);
  });

  it('narrows to the 10% margin on readings with decimals (the proxy reads 0.01)', () => {
    expect(checkDivergence(capacity(4, 4900, 10.25), [1000, 1000])?.divergent).toBe(true);
    expect(checkDivergence(capacity(4, 4350, 10.25), [1000, 1000])?.divergent).toBe(false);
  });

  it('says nothing without both sides or without history', () => {
    expect(checkDivergence(capacity(4, 9999), [1000])).toBeNull();
    expect(checkDivergence(capacity(4, null), [1000, 1000])).toBeNull();
    expect(checkDivergence(null, [1000, 1000])).toBeNull();
  });
});

describe('findReadingStep', () => {
  it('is 1 for two whole numbers and the finest decimals shown otherwise, at most 0.01', () => {
    expect(findReadingStep(40, 44)).toBe(1);
    expect(findReadingStep(40, 44.5)).toBeCloseTo(0.1, 12);
    expect(findReadingStep(40.25, 44.123)).toBeCloseTo(0.01, 12);
  });
});

describe('countWindowCcusage', () => {
  const reading = (key: string, total: number, at: string, window: string, report = 'session'): ReadingRow =>
    ({
      id: `r-${report}-${key}-${at}`,
      kind: 'reading',
      provider: 'claude',
      captured_at: at,
      window_id: window,
      format: 'ccusage',
      bars: {},
      tokens: { total },
      period: { report: `claude ${report}`, key },
    }) as unknown as ReadingRow;

  it("counts what each session grew by since an earlier window's report; a session new since then counts whole", () => {
    const readings = [
      // The report at W1's end lists s1 and last week's old session; at W2's end s1 grew, old did not, s2 is new.
      reading('s1', 4000, '2026-11-20T10:00:00Z', 'W1'),
      reading('old', 70_000, '2026-11-20T10:00:00Z', 'W1'),
      reading('s1', 9000, '2026-11-20T15:00:00Z', 'W2'),
      reading('old', 70_000, '2026-11-20T15:00:00Z', 'W2'),
      reading('s2', 1200, '2026-11-20T15:00:00Z', 'W2'),
    ];
    expect(countWindowCcusage(readings, 'W2')).toEqual({ total: 6200, sessions: 3 });
  });

  it('gives no count at the first report (it lists sessions from before the window), nor from days alone', () => {
    const first = [reading('s1', 4000, '2026-11-20T10:00:00Z', 'W1'), reading('old', 70_000, '2026-11-20T10:00:00Z', 'W1')];
    expect(countWindowCcusage(first, 'W1')).toBeNull();
    const day = reading('2026-11-20', 9000, '2026-11-20T15:00:00Z', 'W3', 'daily');
    expect(countWindowCcusage([...first, day], 'W3')).toBeNull();
    expect(countWindowCcusage([], 'W3')).toBeNull();
  });
});
