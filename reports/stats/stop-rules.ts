// Stop rules the runner checks between arms: seed 001's data-quality halt and the sequential early stop.
import { AppError, pluralize } from '../../kernel/index.js';
import { prepareSequenceLooks, type SequenceLooks, type SequenceSettings, type SequentialRule } from './betting-looks.js';
import type { ConfidenceSequence, ConfidenceSequenceMethod } from './confidence-sequence.js';

export type { SequentialRule } from './betting-looks.js';

/** What the seed rule looks at for one provider's arm. */
export interface ArmHealth {
  /** Windows finalized so far in this arm. */
  windows: number;
  /** Of those, windows with a `negative-delta` anomaly. */
  negativeDeltaAnomalies: number;
  /** False when the arm's efficiency CI has a NaN or infinite bound (a CI not computed yet, n < 3, counts as finite). */
  ciFinite: boolean;
}

/** The seed rule's verdict for an arm. */
export interface SeedStopVerdict {
  halt: boolean;
  reason: string;
}

/**
 * Seed 001, section 4.4: halt the arm when `negative-delta` anomalies exceed 1 per 3 windows
 * (`anomalies * 3 > windows`, so 1 of 1 or 2 of 5 halts, 1 of 3 does not) or its CI is non-finite, and fix
 * capture before continuing.
 */
export function checkSeedStopRule(arm: ArmHealth): SeedStopVerdict {
  if (!Number.isInteger(arm.windows) || arm.windows < 0)
    throw new AppError('BAD_INPUT', `windows must be a whole number >= 0, got ${arm.windows}`, { where: 'windows' });
  if (!Number.isInteger(arm.negativeDeltaAnomalies) || arm.negativeDeltaAnomalies < 0 || arm.negativeDeltaAnomalies > arm.windows) {
    throw new AppError(
      'BAD_INPUT',
      `negativeDeltaAnomalies must be a whole number from 0 to windows (${arm.windows}), got ${arm.negativeDeltaAnomalies}`,
      { where: 'negativeDeltaAnomalies' },
    );
  }
  const reasons: string[] = [];
  const counted = `${pluralize(arm.negativeDeltaAnomalies, 'negative-delta anomaly', 'negative-delta anomalies')} in ${pluralize(arm.windows, 'window')}`;
  if (arm.negativeDeltaAnomalies * 3 > arm.windows) reasons.push(`${counted} (more than 1 per 3)`);
  if (!arm.ciFinite) reasons.push('the CI is non-finite');
  if (reasons.length === 0) return { halt: false, reason: `${counted}, CI finite` };
  return { halt: true, reason: `halt the arm and fix capture: ${reasons.join('; ')}` };
}

/** Options of {@link checkSequentialStop}. */
export interface SequentialStopOptions {
  /** Two-sided error rate over all looks (default 0.05). */
  alpha?: number;
  /** Futility margin, in the units of the differences: stop when the whole sequence lies inside (-minEffect, +minEffect). 0 or absent: no futility stop. */
  minEffect?: number;
  /** Where the sequence is tightest: the planned number of paired tasks. */
  tuningN: number;
  /** No decision before this many differences (default {@link SEQUENTIAL_MIN_N}). */
  minN?: number;
  /** 'betting' (default): an exact betting sequence; 'normal-theory': the asymptotic one the rule used before. */
  rule?: SequentialRule;
  /** The range every difference lies in (e.g. [-1, 1] for quality or pass/fail): the betting rule then bounds the MEAN. */
  bounds?: readonly [number, number];
}

export type SequentialDecision = 'continue' | 'superiority-A' | 'superiority-B' | 'futility';

/** The sequential rule's verdict at this look. */
export interface SequentialStopVerdict {
  decision: SequentialDecision;
  cs: ConfidenceSequence;
  reason: string;
  /** The sequence the decision was made on. */
  method: ConfidenceSequenceMethod;
}

/** The rule at one look of a trace: its decision, and whether its sequence then held a given centre. */
export interface StopLook {
  decision: SequentialDecision;
  holds(m: number): boolean;
}

/**
 * Default minimum number of paired differences before the sequential rule may stop. The normal-theory rule
 * needs it: from 3, peeking after every one of 20 simulated tasks gave 5.7% false stops (2,000 experiments,
 * seed `review`); from 4, 4.4%. The betting rules are exact without it and cannot stop that early at alpha
 * 0.05 anyway: the wealth must reach 2/alpha = 40 and one task multiplies it by at most 1.75 (symmetry: 7
 * tasks) or 1.9 (bounded mean, difference 0: 6 tasks).
 */
export const SEQUENTIAL_MIN_N = 4;

/** The sequence the rule decides on after all of `diffs` (see {@link prepareSequenceLooks} for which one). */
export function computeStopSequence(diffs: readonly number[], settings: SequenceSettings): ConfidenceSequence {
  return prepareSequenceLooks(diffs, settings).sequenceAt(diffs.length);
}

/** {@link computeStopSequence} on each prefix `diffs.slice(0, n)` for n in `looks`, for a chart of the sequence. */
export function traceStopSequence(diffs: readonly number[], settings: SequenceSettings, looks: readonly number[]): ConfidenceSequence[] {
  const prepared = prepareSequenceLooks(diffs, settings);
  return looks.map((n) => prepared.sequenceAt(n));
}

/**
 * The sequential rule on per-task paired differences `A - B` (higher is better for A), safe to check after
 * every task. With the sequence from {@link prepareSequenceLooks}: below `minN` differences, `continue`; all
 * centres <= 0 excluded is `superiority-A`, all >= 0 `superiority-B`; all outside (-minEffect, +minEffect)
 * excluded is `futility`; else `continue` (also when the two one-sided bounded-mean bettors both reject 0,
 * which rare data can make them do). Betting decisions test the points 0 and ±minEffect exactly, and the
 * reported bounds are moved onto a rejected point they overshoot by the bisection's tolerance.
 */
export function checkSequentialStop(diffs: readonly number[], options: SequentialStopOptions): SequentialStopVerdict {
  const { settings, minN, minEffect, alpha } = resolveStopOptions(diffs, options);
  const looks = prepareSequenceLooks(diffs, settings);
  const n = diffs.length;
  const { decision, crossed, narrow } = classifyLook(looks, n, minN, minEffect);
  const cs = clampToTests(looks.sequenceAt(n), looks, n, minEffect);
  const verdict = (reason: string): SequentialStopVerdict => ({ decision, cs, reason, method: looks.method });
  const name = `${pct(alpha)} ${SEQUENCE_NAMES[looks.method]}`;
  const range = `[${formatBound(cs.low)}, ${formatBound(cs.high)}]`;
  const below = narrow ? `, though all of it is within ±${Number(minEffect.toPrecision(3))}` : '';
  if (n < minN) return verdict(`${n} of at least ${minN} paired tasks before any stop`);
  if (crossed) return verdict(`the ${name} is empty (${range}): the two one-sided bets disagree, so no stop yet`);
  if (decision === 'superiority-A') return verdict(`the ${name} ${range} lies above 0: A is better${below}`);
  if (decision === 'superiority-B') return verdict(`the ${name} ${range} lies below 0: B is better${below}`);
  if (decision === 'futility')
    return verdict(`the ${name} ${range} lies within ±${Number(minEffect.toPrecision(3))}: any difference is smaller than the margin`);
  return verdict(`the ${name} ${range} includes 0${minEffect > 0 ? ` and reaches beyond ±${Number(minEffect.toPrecision(3))}` : ''}`);
}

/**
 * The rule's decision after each of the first n = 1, 2, ... differences, as {@link checkSequentialStop} gives
 * on `diffs.slice(0, n)`, with the sequences prepared once: a simulation's thousands of experiments need
 * no bounds, only the decisions and whether the true centre was held.
 */
export function traceSequentialDecisions(diffs: readonly number[], options: SequentialStopOptions): StopLook[] {
  const { settings, minN, minEffect } = resolveStopOptions(diffs, options);
  const looks = prepareSequenceLooks(diffs, settings);
  return diffs.map((_, index) => {
    const n = index + 1;
    return {
      decision: classifyLook(looks, n, minN, minEffect).decision,
      holds: (m: number) => !looks.excludes(n, m, 'below') && !looks.excludes(n, m, 'above'),
    };
  });
}

function resolveStopOptions(
  diffs: readonly number[],
  options: SequentialStopOptions,
): { settings: SequenceSettings; minN: number; minEffect: number; alpha: number } {
  const alpha = options.alpha ?? 0.05;
  const minN = options.minN ?? SEQUENTIAL_MIN_N;
  const minEffect = options.minEffect ?? 0;
  if (!Number.isInteger(minN) || minN < 2)
    throw new AppError('BAD_INPUT', `minN must be a whole number >= 2, got ${minN}`, { where: 'minN' });
  if (!(minEffect >= 0 && Number.isFinite(minEffect)))
    throw new AppError('BAD_INPUT', `minEffect must be a finite number >= 0, got ${minEffect}`, { where: 'minEffect' });
  const bad = diffs.findIndex((diff) => !Number.isFinite(diff));
  if (bad >= 0)
    throw new AppError(
      'BAD_INPUT',
      `difference ${bad + 1} is not a finite number (${diffs[bad]}): leave windows without a capacity delta out`,
      { where: 'diffs' },
    );
  const settings: SequenceSettings = {
    alpha,
    tuningN: options.tuningN,
    ...(options.rule ? { rule: options.rule } : {}),
    ...(options.bounds ? { bounds: options.bounds } : {}),
  };
  return { settings, minN, minEffect, alpha };
}

function classifyLook(
  looks: SequenceLooks,
  n: number,
  minN: number,
  minEffect: number,
): { decision: SequentialDecision; crossed: boolean; narrow: boolean } {
  if (n < minN) return { decision: 'continue', crossed: false, narrow: false };
  const aAhead = looks.excludes(n, 0, 'below');
  const bAhead = looks.excludes(n, 0, 'above');
  if (aAhead && bAhead) return { decision: 'continue', crossed: true, narrow: false };
  const narrow = minEffect > 0 && looks.excludes(n, -minEffect, 'below') && looks.excludes(n, minEffect, 'above');
  const decision: SequentialDecision = aAhead ? 'superiority-A' : bAhead ? 'superiority-B' : narrow ? 'futility' : 'continue';
  return { decision, crossed: false, narrow };
}

/** A bound that stops short of a point the exact test rejects is moved onto that point (it stays conservative). */
function clampToTests(cs: ConfidenceSequence, looks: SequenceLooks, n: number, minEffect: number): ConfidenceSequence {
  let { low, high } = cs;
  for (const point of minEffect > 0 ? [0, -minEffect, minEffect] : [0]) {
    if (point > low && looks.excludes(n, point, 'below')) low = point;
    if (point < high && looks.excludes(n, point, 'above')) high = point;
  }
  return low === cs.low && high === cs.high ? cs : { ...cs, low, high, halfWidth: (high - low) / 2 };
}

/** How a reason names each sequence. */
const SEQUENCE_NAMES: Record<ConfidenceSequenceMethod, string> = {
  'normal-theory': 'confidence sequence',
  'symmetry-betting': 'betting confidence sequence (symmetry)',
  'bounded-mean-betting': 'betting confidence sequence of the mean',
};

function pct(alpha: number): string {
  return `${Math.round((1 - alpha) * 1000) / 10}%`;
}

function formatBound(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(3) : value > 0 ? '+inf' : '-inf';
}
