// The capacity a window used: after minus before, never negative (invariant 4), null across a reset.
import type { Capacity } from '../schemas/index.js';

const FIVE_HOURS_MS = 5 * 60 * 60 * 1000;

/** The numbers of one capture that capacity needs, in a compact form (times in epoch ms). */
export interface CapacityPoint {
  at: number;
  pct5h: number | null;
  tokens: number | null;
  /** When the 5h bar shown in this capture resets. */
  reset5h: number | null;
  /** The weekly bar and its reset, when the capture shows one (absent in the preview's compact scan). */
  pct7d?: number | null;
  reset7d?: number | null;
}

export interface CapacityResult {
  capacity: Capacity | null;
  errors: string[];
}

/**
 * Bars (% of the 5h window) win when both captures have them; otherwise token counts. A negative delta
 * (a wrapped bar, a race) becomes null with `negative-delta`; a 5h bar that reset between the two
 * captures makes the difference meaningless, so it becomes null with `reset-crossed`.
 */
export function computeCapacity(before: CapacityPoint, after: CapacityPoint): CapacityResult {
  if (before.pct5h !== null && after.pct5h !== null) {
    const base = { unit: 'pct_5h' as const, before: before.pct5h, after: after.pct5h };
    // Either screen can reveal a reset: the before's next reset has passed, or the after's current
    // 5-hour period (its next reset minus 5 hours) began after the before was taken.
    const crossedBefore = before.reset5h !== null && after.at >= before.reset5h;
    const crossedAfter = after.reset5h !== null && before.at < after.reset5h - FIVE_HOURS_MS;
    const withTokens = {
      ...base,
      ...(before.tokens !== null && after.tokens !== null ? { tokens: tokenSide(before.tokens, after.tokens) } : {}),
      ...weeklySide(before, after),
    };
    if (crossedBefore || crossedAfter) {
      return { capacity: { ...withTokens, delta: null }, errors: ['reset-crossed'] };
    }
    return buildCapacityResult(withTokens, roundDelta(after.pct5h - before.pct5h));
  }
  if (before.tokens !== null && after.tokens !== null) {
    return buildCapacityResult({ unit: 'tokens', before: before.tokens, after: after.tokens }, after.tokens - before.tokens);
  }
  return { capacity: null, errors: ['no-common-unit'] };
}

function buildCapacityResult(base: Omit<Capacity, 'delta'>, delta: number): CapacityResult {
  if (delta < 0) return { capacity: { ...base, delta: null }, errors: ['negative-delta'] };
  return { capacity: { ...base, delta }, errors: [] };
}

/** Token counts beside bars: kept so bar-based and token-based capacity can be compared (invariant 6). */
function tokenSide(before: number, after: number): NonNullable<Capacity['tokens']> {
  return { before, after, delta: after >= before ? after - before : null };
}

/** The weekly bar's difference beside the 5h one; null across a weekly reset or when it went down. */
function weeklySide(before: CapacityPoint, after: CapacityPoint): { weekly?: NonNullable<Capacity['weekly']> } {
  if (before.pct7d === undefined || before.pct7d === null || after.pct7d === undefined || after.pct7d === null) return {};
  const crossed = before.reset7d !== undefined && before.reset7d !== null && after.at >= before.reset7d;
  const delta = roundDelta(after.pct7d - before.pct7d);
  return { weekly: { before: before.pct7d, after: after.pct7d, delta: crossed || delta < 0 ? null : delta } };
}

/** Percentages are read off screens with at most a few decimals; keep float noise out of the ledger. */
function roundDelta(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Reads the compact point out of a snapshot row (or any object shaped like one). */
type BarLike = { used_pct: number; resets_at: string | null } | undefined;

export function toCapacityPoint(row: {
  captured_at: string;
  bars?: { five_hour?: BarLike; weekly?: BarLike };
  tokens?: { total: number } | undefined;
}): CapacityPoint {
  const fiveHour = row.bars?.five_hour;
  const weekly = row.bars?.weekly;
  return {
    at: Date.parse(row.captured_at),
    pct5h: fiveHour ? fiveHour.used_pct : null,
    tokens: row.tokens ? row.tokens.total : null,
    reset5h: fiveHour?.resets_at ? Date.parse(fiveHour.resets_at) : null,
    ...(weekly ? { pct7d: weekly.used_pct, reset7d: weekly.resets_at ? Date.parse(weekly.resets_at) : null } : {}),
  };
}
