// The paired comparison of two providers over matched tasks: paired t, AB/BA crossover, Mainland-Gart, paired bootstrap: pure.
import { bootstrapRatio, type RatioBootstrap } from '../stats/bootstrap-ratio.js';
import { analyzeCrossover, type CrossoverAnalysis } from '../stats/crossover-grizzle.js';
import { type CarryOverCheck, checkCarryOver } from './check-carry-over.js';
import { analyzeMainlandGart, type MainlandGartAnalysis } from '../stats/mainland-gart.js';
import { computeTInterval, type TInterval } from '../stats/t-interval.js';
import type { PairingResult, TaskPair } from './pair-windows.js';

export interface PairedComparison {
  a: string;
  b: string;
  pairs: TaskPair[];
  unpaired: number;
  repeats: number;
  /** t interval of the per-task differences A - B in efficiency (null bounds below 3 pairs). */
  paired: TInterval;
  /** Grizzle AB/BA on efficiency; null (see `crossover_note`) without a subject in each sequence and 3 in all. */
  crossover: CrossoverAnalysis | null;
  crossover_note: string | null;
  /** The carry-over check on the decision's own scale (work per unit of both sides, AB against BA tasks), with its power. */
  carry_over: CarryOverCheck;
  /** Mainland-Gart on success (1) / anything else (0); null when the crossover is. */
  mainland_gart: MainlandGartAnalysis | null;
  /** Seeded paired bootstrap over tasks of pooled efficiency (sum quality / sum capacity) per arm, their ratio A/B and difference. */
  bootstrap: RatioBootstrap | null;
}

/** Resamples x tasks stays under this, so a report over thousands of paired tasks still takes well under a second. */
export const BOOTSTRAP_WORK = 5_000_000;

/** The requested resamples, lowered over large samples to BOOTSTRAP_WORK / tasks, but never below 1,000. */
export function capResamples(requested: number, tasks: number): number {
  return Math.min(requested, Math.max(1_000, Math.floor(BOOTSTRAP_WORK / Math.max(1, tasks))));
}

export interface AnalyzeOptions {
  alpha: number;
  /** The efficiency unit: the pooled ratio divides by the same capacity (dollars or bars) as everything else. */
  unit?: 'usd' | 'bars' | undefined;
  seed: string | number;
  resamples: number;
}

/** Every analysis that the pairs allow; none of them throws for too few pairs (the fields are null instead). */
export function analyzePairs(pairing: PairingResult, options: AnalyzeOptions): PairedComparison {
  const { pairs } = pairing;
  const confidence = 1 - options.alpha;
  const sequences = {
    AB: pairs.filter((pair) => pair.sequence === 'AB').length,
    BA: pairs.filter((pair) => pair.sequence === 'BA').length,
  };
  const crossoverReady = sequences.AB >= 1 && sequences.BA >= 1 && pairs.length >= 3;
  const subjects = pairs.map((pair) => ({ subject: pair.subject, sequence: pair.sequence, y1: pair.y1, y2: pair.y2 }));
  const outcomes = pairs.map((pair) => {
    const [first, second] = pair.sequence === 'AB' ? [pair.a, pair.b] : [pair.b, pair.a];
    return { subject: pair.subject, sequence: pair.sequence, y1: first.success ? 1 : 0, y2: second.success ? 1 : 0 };
  });
  return {
    a: pairing.a,
    b: pairing.b,
    pairs,
    unpaired: pairing.unpaired,
    repeats: pairing.repeats,
    paired: computeTInterval(
      pairs.map((pair) => pair.diff),
      confidence,
    ),
    crossover: crossoverReady ? analyzeCrossover(subjects, { alpha: options.alpha }) : null,
    crossover_note: crossoverReady
      ? null
      : `the AB/BA analysis needs a task in each sequence and 3 in all (AB=${sequences.AB}, BA=${sequences.BA})`,
    carry_over: checkCarryOver(
      pairs.map((pair) => ({
        sequence: pair.sequence,
        qA: pair.a.quality,
        cA: spentBy(pair.a, options.unit),
        qB: pair.b.quality,
        cB: spentBy(pair.b, options.unit),
      })),
      options.alpha,
    ),
    mainland_gart: crossoverReady ? analyzeMainlandGart(outcomes, { alpha: options.alpha }) : null,
    bootstrap:
      pairs.length === 0
        ? null
        : bootstrapRatio(
            pairs.map((pair) => ({
              task_id: pair.subject,
              a: { numerator: pair.a.quality, denominator: spentBy(pair.a, options.unit) },
              b: { numerator: pair.b.quality, denominator: spentBy(pair.b, options.unit) },
            })),
            { seed: options.seed, resamples: capResamples(options.resamples, pairs.length), confidence },
          ),
  };
}

/** What a window spent in the report's unit: dollars of subscription, else its bar delta (the ratio was in bars in a $ report). */
function spentBy(window: TaskPair['a'], unit: 'usd' | 'bars' | undefined): number {
  return (unit === 'usd' ? window.usd : window.capacity_delta) ?? 0;
}
