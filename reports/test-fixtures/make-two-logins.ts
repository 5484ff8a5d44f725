// A month of one subscriber's two Claude logins (Max 5x in ~/.claude, Pro in a second config dir), as the ledger holds it: status-line readings and transcript answers.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { createPlanTable, priceSubscription } from '../../budget/index.js';
import { createPriceTable } from '../../budget/prices/index.js';
import type { BarObservation } from '../../ledger/index.js';
import type { UsageReading } from '../usage/usage-inputs.js';
import type { PlansLedger, PlansOptions } from '../plans/build-plans-advice.js';

/** The two logins' accounts, as their config dirs' `.claude.json` name them (fingerprintAccount). */
export const MAX_LOGIN = 'acct-329c09b154';
export const PRO_LOGIN = 'acct-09a481e0a5';

const H = 3_600_000;
const DAY = 24 * H;
export const MONTH_START = Date.parse('2026-11-02T00:00:00Z');
export const MONTH_END = MONTH_START + 28 * DAY;

interface Login {
  account: string;
  /** Tokens one percent of its bars buys (its plan's true sizes). */
  five_hour: number;
  weekly: number;
  /** Its working hours (UTC), uses an hour, tokens a day. */
  hours: [number, number];
  per_hour: number;
  per_day: number;
  weekly_reset: number;
}

// Max 5x: 5M tokens a 5-hour window, 21M a week; Pro: 1M and 6M (the tiers' stated 5x and 3.5x).
const LOGINS: Login[] = [
  {
    account: MAX_LOGIN,
    five_hour: 50_000,
    weekly: 210_000,
    hours: [9, 18],
    per_hour: 2,
    per_day: 3.6e6,
    weekly_reset: Date.parse('2026-11-02T10:00:00Z'),
  },
  {
    account: PRO_LOGIN,
    five_hour: 10_000,
    weekly: 60_000,
    hours: [19, 23],
    per_hour: 3,
    per_day: 1.3e6,
    weekly_reset: Date.parse('2026-11-04T16:00:00Z'),
  },
];

export interface TwoLoginsOptions {
  /** Whether the Pro login's transcript answers name its account (false: ingested before its `.claude.json` named it). */
  pro_uses_named?: boolean;
  /** Whether the Pro login's answers keep the session id its status line's readings carry. */
  pro_sessions_shared?: boolean;
  /** Whether the Pro login's use was recorded at all (false: its transcripts never ingested). */
  pro_uses?: boolean;
  /** Whether the Pro login's bars were read (false: no status line in that config dir). */
  pro_bars?: boolean;
}

/**
 * Each login's day: uses through its working hours (tokens a little random), each followed by its status line's
 * reading of both bars in whole percents (recorded when it changed). A use past a bar's 100% is refused by the
 * vendor: no answer, no transcript line. One session a day a login, named alike in its readings and its answers.
 */
export function makeTwoLoginsLedger(options: TwoLoginsOptions = {}): PlansLedger {
  const { pro_uses_named = true, pro_sessions_shared = true, pro_uses = true, pro_bars = true } = options;
  let seed = 7;
  const random = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const bars: BarObservation[] = [];
  const readings: UsageReading[] = [];
  for (const login of LOGINS) {
    const pro = login.account === PRO_LOGIN;
    let [window, inWindow, weekStart, inWeek, last] = [Number.NEGATIVE_INFINITY, 0, login.weekly_reset - 7 * DAY, 0, ''];
    for (let day = 0; day < 28; day += 1) {
      const session = `${login.account}-session-${day}`;
      const [from, to] = login.hours;
      const count = (to - from) * login.per_hour;
      for (let use = 0; use < count; use += 1) {
        const at = MONTH_START + day * DAY + from * H + (use * (to - from) * H) / count + Math.floor(random() * 300_000);
        const tokens = Math.round((login.per_day / count) * (0.5 + random()));
        while (at >= weekStart + 7 * DAY) [weekStart, inWeek] = [weekStart + 7 * DAY, 0];
        if (at >= window + 5 * H) [window, inWindow] = [Math.floor(at / H) * H, 0];
        if (inWindow >= 100 * login.five_hour || inWeek >= 100 * login.weekly) continue;
        [inWindow, inWeek] = [inWindow + tokens, inWeek + tokens];
        const captured = new Date(at).toISOString();
        if (!pro || pro_uses)
          readings.push({
            provider: 'claude',
            captured_at: captured,
            format: 'claude-transcript',
            tokens: { total: tokens, input: Math.round(tokens * 0.05), output: Math.round(tokens * 0.05), cache_read: Math.round(tokens * 0.8) },
            model: 'claude-sonnet-4-5',
            message_key: `msg_${login.account}_${day}_${use}`,
            session_id: pro && !pro_sessions_shared ? `elsewhere-${day}` : session,
            ...(!pro || pro_uses_named ? { account: login.account } : {}),
          });
        const shown = {
          five_hour: { used_pct: Math.min(100, Math.floor(inWindow / login.five_hour)), resets_at: new Date(window + 5 * H).toISOString() },
          weekly: { used_pct: Math.min(100, Math.floor(inWeek / login.weekly)), resets_at: new Date(weekStart + 7 * DAY).toISOString() },
        };
        if (JSON.stringify(shown) === last || (pro && !pro_bars)) continue;
        last = JSON.stringify(shown);
        const read = new Date(at + 2_000).toISOString();
        bars.push({ provider: 'claude', captured_at: read, format: 'claude-statusline', bars: shown, account: login.account, session_id: session });
      }
    }
  }
  readings.sort((a, b) => a.captured_at.localeCompare(b.captured_at));
  bars.sort((a, b) => a.captured_at.localeCompare(b.captured_at));
  return { bars: { snapshots: [], readings: bars, telemetry: [] }, telemetry: [], otel: [], readings, windows: [] };
}

/** `tracker plans --since … --until … --plan claude@<max>=claude-max-5x --plan claude@<pro>=claude-pro`, or other plans. */
export function makeTwoLoginsOptions(plans: Record<string, string> = defaultPlans()): PlansOptions {
  const table = createPlanTable(BUILT_IN_CATALOG);
  return {
    prices: createPriceTable(BUILT_IN_CATALOG),
    plans: new Map(Object.entries(plans).map(([provider, plan]) => [provider, priceSubscription(table, plan, '--plan')])),
    since_ms: MONTH_START,
    until_ms: MONTH_END,
    timeZone: 'UTC',
    confidence: 0.95,
    providers: [],
    table,
    catalog: BUILT_IN_CATALOG,
  };
}

function defaultPlans(): Record<string, string> {
  return { [`claude@${MAX_LOGIN}`]: 'claude-max-5x', [`claude@${PRO_LOGIN}`]: 'claude-pro' };
}
