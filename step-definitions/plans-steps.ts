// A month of everyday use through the proxy on a plan whose limits are known, as the proxy records it: each request's
// tokens and the bars its answer carried, requests past a limit refused (429, rejected), for `tracker plans`.
import { Given } from '@cucumber/cucumber';
import { writeHeadroomBases } from '../cli/headroom-basis-file.js';
import { appendRows, LEDGER_FILES, stampRow } from '../ledger/index.js';
import type { HeadroomBasis } from '../reports/headroom/index.js';
import type { TrackerWorld } from './world.js';

const H = 3_600_000;
const DAY = 24 * H;
/** Monday 2026-10-05 00:00 UTC: the weekly bar resets there, and every 7 days after. */
const MONTH_START = Date.parse('2026-10-05T00:00:00Z');

export interface MonthShape {
  backend: string;
  /** The account the rows name (the proxy's fingerprint), and how long after the first account's each request comes. */
  account?: string;
  offsetMs?: number;
  fiveHour: number;
  weekly: number;
  perDay: number;
  tokens: number;
  heavyDay: number;
  heavyExtra: number;
}

Given(
  'a month of {word} use through the proxy: a 5-hour bar of {int} tokens and a weekly one of {int}; {int} requests of {int} tokens a day from 09:00, one an hour, and on day {int} {int} more',
  function (
    this: TrackerWorld,
    who: string,
    fiveHour: number,
    weekly: number,
    perDay: number,
    tokens: number,
    heavyDay: number,
    heavyExtra: number,
  ) {
    // Claude's rows name its API's back end; a simulated profile's rows name the profile, as the proxy records them.
    const backend = who === 'Claude' ? 'anthropic' : who;
    const rows = buildMonth({ backend, fiveHour, weekly, perDay, tokens, heavyDay, heavyExtra });
    this.withLedgerEnv(() => appendRows(this.dataDir, LEDGER_FILES.proxyTelemetry, rows, { agentId: 'main', source: 'proxy' }));
  },
);

/** 28 days; a 5-hour window from each day's first request; refused requests carry no counts, as the proxy records them. */
export function buildMonth(shape: MonthShape): object[] {
  const rows: object[] = [];
  let weekUsed = 0;
  let week = -1;
  for (let day = 0; day < 28; day += 1) {
    if (Math.floor(day / 7) !== week) [week, weekUsed] = [Math.floor(day / 7), 0];
    const start = MONTH_START + day * DAY + 9 * H;
    const requests = shape.perDay + (day === shape.heavyDay ? shape.heavyExtra : 0);
    let used = 0;
    for (let index = 0; index < requests; index += 1) {
      // Within the 5-hour window: the heavy day's extra requests come 5 minutes apart after the first ones.
      const at = start + (shape.offsetMs ?? 0) + (index < 5 ? index * H : 4 * H + (index - 4) * 5 * 60_000);
      // Each bar reads its own use; the one whose limit refused the request reads 100% (Anthropic's unified headers
      // carry every window's utilization, and the refusal names the window that binds).
      const [fiveHourFull, weekFull] = [used + shape.tokens > shape.fiveHour, weekUsed + shape.tokens > shape.weekly];
      const refused = fiveHourFull || weekFull;
      if (!refused) [used, weekUsed] = [used + shape.tokens, weekUsed + shape.tokens];
      const bar = (count: number, size: number, resetsAt: number, minutes: number) => ({
        used_pct: Math.min(100, Math.floor((count * 100) / size)),
        resets_at: new Date(resetsAt).toISOString(),
        window_minutes: minutes,
      });
      const rateLimits = {
        five_hour: bar(fiveHourFull ? shape.fiveHour : used, shape.fiveHour, start + 5 * H, 300),
        weekly: bar(weekUsed, shape.weekly, MONTH_START + (week + 1) * 7 * DAY, 10_080),
      };
      rows.push(
        stampRow({ agentId: 'main', source: 'proxy', now: () => new Date(at) }, 'proxy-request', {
          timestamp: new Date(at).toISOString(),
          session_id: null,
          subagent_id: null,
          backend_provider: shape.backend,
          model: shape.backend === 'anthropic' ? 'claude-sonnet-4-5' : `scripted-${shape.backend.replace(/^sim-/, '')}`,
          prompt_tokens: refused ? null : shape.tokens,
          completion_tokens: refused ? null : 0,
          latency_ms: 900,
          status: refused ? 429 : 200,
          error_type: refused ? 'rate_limit_error' : null,
          trace_id: `month-${day}-${index}`,
          rate_limits: rateLimits,
          rate_limit_status: refused ? 'rejected' : 'allowed',
          ...(shape.account ? { account: shape.account } : {}),
        }),
      );
    }
  }
  return rows;
}

Given(
  'tracker plans kept a headroom basis for claude: {int} tokens per 1% of the 5-hour bar, {int} of the weekly one, its last tasks of {int} and {int} tokens',
  function (this: TrackerWorld, fiveHour: number, weekly: number, first: number, second: number) {
    const rate = (estimate: number) => ({ estimate, low: estimate, high: estimate });
    const basis = {
      provider: 'claude',
      unit: 'session',
      tasks: [first, second],
      rates: { five_hour: rate(fiveHour), weekly: rate(weekly) },
      confidence: 0.95,
      reckoned_at: new Date().toISOString(),
    };
    writeHeadroomBases(this.dataDir, 'main', [basis as HeadroomBasis]);
  },
);
