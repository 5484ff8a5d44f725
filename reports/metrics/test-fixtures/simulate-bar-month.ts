// A subscriber's days as their sources record them: one bar read by the proxy's headers (hundredths) and by status lines (whole percents, two terminals).
import seedrandom from 'seedrandom';
import type { BarPoint } from '../../bars/bar-types.js';
import type { UseColumns } from '../everyday-samples.js';

export interface BarMonthShape {
  seed: string;
  days: number;
  /** The truth: tokens 1% of the 5-hour bar holds. */
  tokens_per_pct: number;
  /** How a second account's readings interleave: its bar sits this many points higher (0: one account). */
  second_account_offset?: number;
  /** Share of status-line readings a second terminal repeats a second later with the value it read before. */
  stale_terminal_share?: number;
  /** How the whole-percent source cuts the bar: Math.round (the status line, default) or Math.floor. */
  coarse_cut?: 'round' | 'floor';
  /**
   * A quota poll instead of the status line: the whole-percent source reads the bar every this many minutes, whether
   * or not anything was used (`tracker watch`, a quota endpoint), not after requests.
   */
  poll_minutes?: number;
  /** A change of plan: from this day on, 1% of the bar holds `tokens_per_pct` tokens. */
  change?: { day: number; tokens_per_pct: number };
  /**
   * Resets that come late: each period ends this many minutes (uniform between the two) after its announced reset;
   * the readings in the gap show the old period's value with the next reset time (announced + 5 h).
   */
  late_reset_minutes?: [number, number];
  /**
   * A second machine on the account (a laptop beside a desktop) whose clock runs this many ms ahead (negative: behind):
   * each request is made on one of the two at random, and its use and readings are stamped by that machine's clock.
   * Every reading then names its machine (`laptop`, `desktop`).
   */
  second_machine_offset_ms?: number;
}

export interface BarMonth {
  fine: BarPoint[];
  coarse: BarPoint[];
  uses: UseColumns;
}

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-02T07:00:00.000Z');

/**
 * Work sessions of 20-80 requests of log-normal size (median 6,000 tokens), a few a day at random hours; the bar resets
 * 5 hours after the first request of a period. The proxy reads the bar after every request in hundredths of a percent;
 * the status line after about one request in three, rounded to whole percents, and with `stale_terminal_share` a
 * second terminal prints the value before that request one second later.
 */
export function simulateBarMonth(shape: BarMonthShape): BarMonth {
  const random = seedrandom(shape.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const month: BarMonth = { fine: [], coarse: [], uses: { at_ms: [], amount: [] } };
  let periodEnd = Number.NEGATIVE_INFINITY;
  let lateBy = 0;
  let used = 0;
  const cut = shape.coarse_cut === 'floor' ? Math.floor : Math.round;
  /** Each request's instant, the bar after it (exact) and its period's end: what a poll reads. */
  const states: { at: number; used: number; end: number }[] = [];
  for (let day = 0; day < shape.days; day += 1) {
    for (let session = 0; session < 1 + Math.floor(random() * 3); session += 1) {
      let at = T0 + day * 24 * HOUR + (session * 5 + random() * 3) * HOUR;
      const requests = 20 + Math.floor(random() * 60);
      for (let r = 0; r < requests; r += 1) {
        at += 20_000 + random() * 100_000;
        if (at >= periodEnd + lateBy) {
          [periodEnd, used] = [at + 5 * HOUR, 0];
          const [low, high] = shape.late_reset_minutes ?? [0, 0];
          lateBy = (low + random() * (high - low)) * 60_000;
        }
        const tokens = Math.round(6_000 * Math.exp(0.8 * normal()));
        // Drawn only with a second machine: the months of one machine keep their random stream.
        const onSecond = shape.second_machine_offset_ms !== undefined && random() < 0.5;
        const clock = onSecond ? (shape.second_machine_offset_ms as number) : 0;
        const machine = shape.second_machine_offset_ms === undefined ? {} : { machine: onSecond ? 'desktop' : 'laptop' };
        const before = used;
        used += tokens / (shape.change && day >= shape.change.day ? shape.change.tokens_per_pct : shape.tokens_per_pct);
        month.uses.at_ms.push(at + clock);
        month.uses.amount.push(tokens);
        // In a late reset's gap the bar still counts the old period, and names the next reset.
        const resets_at = new Date(at >= periodEnd ? periodEnd + 5 * HOUR : periodEnd).toISOString();
        const iso = (ms: number): string => new Date(ms + clock).toISOString();
        month.fine.push({ at: iso(at + 200), used_pct: Math.round(used * 100) / 100, resets_at, source: 'proxy-headers', ...machine });
        states.push({ at: at + 200, used, end: periodEnd });
        if (shape.poll_minutes === undefined && random() < 1 / 3) {
          month.coarse.push({ at: iso(at + 1_000), used_pct: cut(used), resets_at, source: 'statusline', ...machine });
          if (random() < (shape.stale_terminal_share ?? 0))
            month.coarse.push({ at: iso(at + 2_000), used_pct: cut(before), resets_at, source: 'statusline', ...machine });
        }
        if (shape.second_account_offset && random() < 1 / 4) {
          const other = Math.min(100, Math.round(used + shape.second_account_offset));
          month.coarse.push({ at: iso(at + 1_500), used_pct: other, resets_at, source: 'statusline', ...machine });
        }
      }
    }
  }
  if (shape.poll_minutes !== undefined) month.coarse = pollStates(states, shape.days, shape.poll_minutes, cut);
  if (shape.second_machine_offset_ms !== undefined) sortByClock(month);
  return month;
}

/** Two machines' stamps interleave out of order: each list in time order again, as the ledger's readers give them. */
function sortByClock(month: BarMonth): void {
  const byTime = (a: BarPoint, b: BarPoint): number => Date.parse(a.at) - Date.parse(b.at);
  month.fine.sort(byTime);
  month.coarse.sort(byTime);
  const order = month.uses.at_ms.map((_, index) => index).sort((a, b) => (month.uses.at_ms[a] as number) - (month.uses.at_ms[b] as number));
  month.uses = { at_ms: order.map((i) => month.uses.at_ms[i] as number), amount: order.map((i) => month.uses.amount[i] as number) };
}

/** The bar as a poll every `minutes` reads it: the last request's state while its period lasts, no reading between periods. */
function pollStates(states: { at: number; used: number; end: number }[], days: number, minutes: number, cut: (x: number) => number): BarPoint[] {
  const points: BarPoint[] = [];
  let next = 0;
  for (let at = T0; at < T0 + days * 24 * HOUR; at += minutes * 60_000) {
    while (next < states.length && (states[next]?.at as number) <= at) next += 1;
    const last = states[next - 1];
    if (!last || at >= last.end) continue;
    points.push({ at: new Date(at).toISOString(), used_pct: cut(last.used), resets_at: new Date(last.end).toISOString(), source: 'quota' });
  }
  return points;
}

/** Points of several sources in one time order (as collectBarSeries joins them). */
export function mergePoints(...lists: BarPoint[][]): BarPoint[] {
  return lists.flat().sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
