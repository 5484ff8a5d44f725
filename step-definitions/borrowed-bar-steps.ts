// A week whose 5-hour bar has no rate of its own: it moved only while nothing was recorded, read beside the weekly bar by a status line.
import { Given } from '@cucumber/cucumber';
import { appendRows, LEDGER_FILES, stampRow } from '../ledger/index.js';
import type { TrackerWorld } from './world.js';

const H = 3_600_000;
const DAY = 24 * H;
/** Monday 2026-10-05 00:00 UTC: the weekly bar resets a week later. */
const WEEK_START = Date.parse('2026-10-05T00:00:00Z');
const WEEK_RESET = new Date(WEEK_START + 7 * DAY).toISOString();
/** The weekly bar's size and the tokens the proxy recorded in the week, for the session's readings after them. */
const weeks = new WeakMap<TrackerWorld, { weekly: number; used: number }>();

Given(
  'a week of Claude use through the proxy whose headers read only the weekly bar of {int} tokens: {int} requests of {int} tokens a day from 09:00 on days 0 to 5, a status line polled hourly at night',
  function (this: TrackerWorld, weekly: number, perDay: number, tokens: number) {
    const proxied: object[] = [];
    const readings: object[] = [];
    let used = 0;
    for (let day = 0; day < 7; day += 1) {
      for (let index = 0; day < 6 && index < perDay; index += 1) {
        const at = WEEK_START + day * DAY + (9 + index) * H;
        used += tokens;
        proxied.push(
          stampRow({ agentId: 'main', source: 'proxy', now: () => new Date(at) }, 'proxy-request', {
            timestamp: new Date(at).toISOString(),
            session_id: null,
            subagent_id: null,
            backend_provider: 'anthropic',
            model: 'claude-sonnet-4-5',
            prompt_tokens: tokens,
            completion_tokens: 0,
            latency_ms: 900,
            status: 200,
            error_type: null,
            trace_id: `week-${day}-${index}`,
            rate_limits: { weekly: { used_pct: Math.floor((used * 100) / weekly), resets_at: WEEK_RESET, window_minutes: 10_080 } },
            rate_limit_status: 'allowed',
          }),
        );
      }
      // An idle terminal's status line at night (20:00 to 08:00): nothing moves.
      for (let hour = 20; hour <= 32; hour += 1)
        readings.push(statusLine(WEEK_START + day * DAY + hour * H, { weekly: Math.floor((used * 100) / weekly) }));
    }
    this.withLedgerEnv(() => {
      appendRows(this.dataDir, LEDGER_FILES.proxyTelemetry, proxied, { agentId: 'main', source: 'proxy' });
      appendRows(this.dataDir, LEDGER_FILES.snapshots, readings, { agentId: 'main', source: 'automation' });
    });
    weeks.set(this, { weekly, used });
  },
);

Given(
  'on day 6 Claude Code, not behind the proxy, asks {int} requests of {int} tokens an hour apart from 15:00 on a 5-hour bar of {int} tokens, its status line reading both bars after each',
  function (this: TrackerWorld, count: number, tokens: number, fiveHour: number) {
    const week = weeks.get(this) ?? { weekly: 1, used: 0 };
    const start = WEEK_START + 6 * DAY + 15 * H;
    const rows = Array.from({ length: count }, (_, index) => {
      const done = (index + 1) * tokens;
      return statusLine(start + index * H + 30 * 60_000, {
        weekly: Math.floor(((week.used + done) * 100) / week.weekly),
        five_hour: Math.floor((done * 100) / fiveHour),
        five_hour_reset: new Date(start + 5 * H).toISOString(),
      });
    });
    this.withLedgerEnv(() => appendRows(this.dataDir, LEDGER_FILES.snapshots, rows, { agentId: 'main', source: 'automation' }));
  },
);

function statusLine(at: number, bars: { weekly: number; five_hour?: number; five_hour_reset?: string }): object {
  return stampRow({ agentId: 'main', source: 'automation', now: () => new Date(at) }, 'reading', {
    provider: 'claude',
    captured_at: new Date(at).toISOString(),
    format: 'claude-statusline',
    bars: {
      weekly: { used_pct: bars.weekly, resets_at: WEEK_RESET, window_minutes: 10_080 },
      ...(bars.five_hour === undefined
        ? {}
        : { five_hour: { used_pct: bars.five_hour, resets_at: bars.five_hour_reset, window_minutes: 300 } }),
    },
  });
}
