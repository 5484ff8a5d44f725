// Weighted final grades: per-category percentages, dropped lowest scores, renormalised weights and letter cutoffs.
import { GradebookError } from './errors.js';
import { round2 } from './gradebook.js';

const DEFAULT_CUTOFFS = [
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
  ['F', 0],
];

export class GradingPolicy {
  constructor({ weights, dropLowest = {}, cutoffs = DEFAULT_CUTOFFS, missing = 'skip' } = {}) {
    const values = Object.values(weights ?? {});
    if (values.length === 0 || values.some((w) => !(typeof w === 'number' && w > 0))) {
      throw new GradebookError('weights must be numbers > 0');
    }
    const sum = values.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-9) throw new GradebookError(`weights must sum to 1, got ${sum}`);
    for (const [category, n] of Object.entries(dropLowest)) {
      if (!Number.isInteger(n) || n < 0) throw new GradebookError(`dropLowest for ${category} must be a whole number >= 0`);
    }
    if (missing !== 'skip' && missing !== 'zero') throw new GradebookError(`missing must be "skip" or "zero", got ${missing}`);
    this.weights = { ...weights };
    this.dropLowest = { ...dropLowest };
    this.cutoffs = cutoffs.map(([letter, min]) => [letter, min]);
    this.missing = missing;
  }
}

/** The percentage of one category after missing scores and dropped lows, or null if nothing counts. */
function categoryPercent(scores, drop, missing) {
  const counted = scores
    .map((s) => (s.points === null && missing === 'zero' ? { ...s, points: 0 } : s))
    .filter((s) => s.points !== null);
  if (counted.length === 0) return null;
  const n = Math.min(drop, counted.length - 1);
  const order = counted.map((s, i) => ({ i, ratio: s.points / s.maxPoints })).sort((a, b) => a.ratio - b.ratio || a.i - b.i);
  const dropped = new Set(order.slice(0, n).map((o) => o.i));
  const kept = counted.filter((_, i) => !dropped.has(i));
  const earned = kept.reduce((sum, s) => sum + s.points, 0);
  const possible = kept.reduce((sum, s) => sum + s.maxPoints, 0);
  return (earned / possible) * 100;
}

export function finalGrade(book, studentId, policy) {
  const scores = book.scores(studentId);
  for (const s of scores) {
    if (!(s.category in policy.weights)) throw new GradebookError(`no weight for category ${s.category}`);
  }
  const categories = {};
  let weighted = 0;
  let weightUsed = 0;
  for (const [category, weight] of Object.entries(policy.weights)) {
    const inCategory = scores.filter((s) => s.category === category);
    const percent = categoryPercent(inCategory, policy.dropLowest[category] ?? 0, policy.missing);
    if (percent === null) continue;
    categories[category] = round2(percent);
    weighted += percent * weight;
    weightUsed += weight;
  }
  if (weightUsed === 0) return { percent: null, letter: null, categories: {} };
  const percent = round2(weighted / weightUsed);
  const letter = policy.cutoffs.find(([, min]) => percent >= min)?.[0] ?? null;
  return { percent, letter, categories };
}
