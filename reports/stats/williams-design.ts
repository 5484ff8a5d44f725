// Williams designs: crossover sequences balanced for first-order carryover (Williams 1949; Jones & Kenward ch. 4).
import { AppError } from '../../kernel/index.js';

/**
 * The sequences of a Williams design for the given treatments (k >= 2): every treatment once in each
 * period, and every treatment followed by every other equally often. For even k that is one k x k Latin
 * square (k sequences); for odd k it takes two squares, the second the mirror image of the first
 * (2k sequences). Built from the first row 0, 1, k-1, 2, k-2, ... shifted by 1 mod k per row
 * (Sheehe & Bross 1961). Each inner array is one sequence, in period order.
 */
export function createWilliamsDesign<T>(treatments: readonly T[]): T[][] {
  const k = treatments.length;
  if (k < 2) throw new AppError('BAD_USAGE', `a Williams design needs at least 2 treatments, got ${k}`);
  if (new Set(treatments).size !== k) throw new AppError('BAD_USAGE', 'the treatments of a Williams design must be distinct');
  const first = Array.from({ length: k }, (_, j) => (j === 0 ? 0 : j % 2 === 1 ? (j + 1) / 2 : k - j / 2));
  const square = Array.from({ length: k }, (_, shift) => first.map((t) => (t + shift) % k));
  const rows = k % 2 === 0 ? square : [...square, ...square.map((row) => [...row].reverse())];
  return rows.map((row) => row.map((index) => treatments[index] as T));
}

/**
 * Whether `sequences` (each in period order, all the same length k, over k treatments) is balanced for
 * first-order carryover: each treatment appears equally often in every period, and every ordered pair of
 * distinct treatments appears equally often in consecutive periods.
 */
export function isWilliamsDesign<T>(sequences: readonly (readonly T[])[]): boolean {
  const first = sequences[0];
  if (!first || first.length < 2) return false;
  const treatments = [...new Set(first)];
  const k = treatments.length;
  if (k !== first.length || sequences.some((s) => s.length !== k || new Set(s).size !== k || s.some((t) => !treatments.includes(t))))
    return false;
  if (sequences.length % k !== 0) return false;
  const perPeriod = sequences.length / k;
  for (let period = 0; period < k; period += 1) {
    for (const t of treatments) if (sequences.filter((s) => s[period] === t).length !== perPeriod) return false;
  }
  const pairs = new Map<string, number>();
  for (const s of sequences) {
    for (let period = 1; period < k; period += 1) {
      const key = `${treatments.indexOf(s[period - 1] as T)}>${treatments.indexOf(s[period] as T)}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  const counts = [...pairs.values()];
  return pairs.size === k * (k - 1) && counts.every((count) => count === counts[0]);
}

/** How a crossover's sequences stand against first-order carryover (see WilliamsAnalysis.design). */
export type WilliamsDesignLabel = 'williams' | 'williams-unequal-replication' | 'other';

/** Labels the design (exported for the provider comparison): Williams, Williams sequences unequally used, or other. */
export function describeDesign(sequences: string[][]): WilliamsDesignLabel {
  if (isWilliamsDesign(sequences)) return 'williams';
  const distinct = [...new Map(sequences.map((s) => [JSON.stringify(s), s])).values()];
  return isWilliamsDesign(distinct) ? 'williams-unequal-replication' : 'other';
}

/** Each subject's treatments in period order. */
export function listSequences(observations: readonly { subject: string; period: number; treatment: string }[]): string[][] {
  const bySubject = new Map<string, { period: number; treatment: string }[]>();
  for (const o of observations) bySubject.set(o.subject, [...(bySubject.get(o.subject) ?? []), o]);
  return [...bySubject.values()].map((rows) => rows.sort((a, b) => a.period - b.period).map((o) => o.treatment));
}

/** What the contrasts rest on when carryover is not in the model. */
export function describeReliance(design: WilliamsDesignLabel, k: number): string {
  if (design === 'williams')
    return `the Williams design's balance is relied on: every treatment follows every other equally often, so equal carryover cancels, but unequal carryover still biases each contrast a - b by -(carryover a - carryover b)/${k}`;
  if (design === 'williams-unequal-replication')
    return 'the Williams sequences are relied on, but they are not used equally often, so carryover can bias the contrasts';
  return 'the design is not balanced for carryover, so the contrasts may be biased by carryover';
}
