// A subscriber's month for the calibration benchmarks: three Claude accounts behind one proxy, read by its headers, status lines and quota polls.
import { mkdirSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { appendRows, LEDGER_FILES, stampRow } from '../ledger/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-10-05T00:00:00.000Z');
/** Organization ids' fingerprints as the proxy writes them (fingerprintAccount), one per account. */
const ACCOUNTS = ['acct-0a0a0a0a0a', 'acct-1b1b1b1b1b', 'acct-2c2c2c2c2c'];

/**
 * 28 days; each account works in sessions (median 6,000 tokens a request) on its own bars (40,000, 60,000 and 100,000
 * tokens per 1% of the 5-hour bar, 40x that for the weekly). `requests` proxy rows in all, each with its bars in
 * hundredths; a status line reading (whole percents) after one request in 30 and a quota poll every 20 minutes of a
 * working session: about 6,000 readings from the three sources at 100,000 requests.
 */
export function writeAccountMonth(dataDir: string, requests = 100_000, seed = 'account month'): void {
  mkdirSync(dataDir, { recursive: true });
  const random = seedrandom(seed);
  const perAccount = Math.round(requests / ACCOUNTS.length);
  const telemetry: object[] = [];
  const readings: object[] = [];
  ACCOUNTS.forEach((account, index) => {
    const perPct = [40_000, 60_000, 100_000][index] as number;
    let [at, fiveEnd, five, weekEnd, week] = [T0 + 8 * HOUR, 0, 0, T0 + 7 * DAY, 0];
    let nextPoll = 0;
    const gap = (28 * DAY) / perAccount;
    for (let r = 0; r < perAccount; r += 1) {
      at += gap * (0.5 + random());
      if (at >= fiveEnd) [fiveEnd, five] = [Math.ceil(at / HOUR) * HOUR + 4 * HOUR, 0];
      while (at >= weekEnd) [weekEnd, week] = [weekEnd + 7 * DAY, 0];
      const tokens = Math.round(6_000 * Math.exp(0.8 * (random() + random() + random() - 1.5)));
      [five, week] = [five + tokens / perPct, week + tokens / (40 * perPct)];
      const bars = (cut: (x: number) => number) => ({
        five_hour: { used_pct: Math.min(100, cut(five)), resets_at: new Date(fiveEnd).toISOString(), window_minutes: 300 },
        weekly: { used_pct: Math.min(100, cut(week)), resets_at: new Date(weekEnd).toISOString(), window_minutes: 10_080 },
      });
      const iso = new Date(at).toISOString();
      telemetry.push(
        stampRow({ agentId: 'main', source: 'proxy', now: () => new Date(at) }, 'proxy-request', {
          ...{ timestamp: iso, session_id: null, subagent_id: null, backend_provider: 'anthropic', model: 'claude-sonnet-4-5' },
          ...{ prompt_tokens: tokens, completion_tokens: 0, latency_ms: 900, status: 200, error_type: null, trace_id: `m-${index}-${r}` },
          ...{ rate_limits: bars((x) => Math.round(x * 100) / 100), rate_limit_status: 'allowed', account },
        }),
      );
      const reading = (ms: number, format: string, cut: (x: number) => number) =>
        stampRow({ agentId: 'main', source: 'automation', now: () => new Date(ms) }, 'reading', {
          ...{ provider: 'claude', captured_at: new Date(ms).toISOString(), format, bars: bars(cut), account },
        });
      if (random() < 1 / 30) readings.push(reading(at + 1_000, 'claude-statusline', Math.round));
      if (at >= nextPoll) {
        readings.push(reading(at + 2_000, 'quota-claude', Math.floor));
        nextPoll = at + 20 * 60_000;
      }
    }
  });
  appendRows(dataDir, LEDGER_FILES.proxyTelemetry, telemetry, { agentId: 'main', source: 'proxy' });
  appendRows(dataDir, LEDGER_FILES.snapshots, readings, { agentId: 'main', source: 'automation' });
}
