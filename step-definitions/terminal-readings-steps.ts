// Status-line readings beside the proxy's, as two Claude Code terminals write them: each after a request, one a second late and stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given } from '@cucumber/cucumber';
import { appendRows, LEDGER_FILES, stampRow } from '../ledger/index.js';
import type { TrackerWorld } from './world.js';

interface ProxyBars {
  timestamp: string;
  rate_limits?: Record<string, { used_pct: number; resets_at: string; window_minutes: number }>;
}

Given(
  "two Claude Code terminals' status lines read the same bars after every request in whole percents, the second {int} s later with the value before it",
  function (this: TrackerWorld, lateSeconds: number) {
    const proxied = readFileSync(join(this.dataDir, LEDGER_FILES.proxyTelemetry), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ProxyBars)
      .filter((row) => row.rate_limits !== undefined);
    const rows: object[] = [];
    const reading = (ms: number, bars: NonNullable<ProxyBars['rate_limits']>) =>
      stampRow({ agentId: 'main', source: 'automation', now: () => new Date(ms) }, 'reading', {
        provider: 'claude',
        captured_at: new Date(ms).toISOString(),
        format: 'claude-statusline',
        bars: Object.fromEntries(Object.entries(bars).map(([bar, one]) => [bar, { ...one, used_pct: Math.round(one.used_pct) }])),
      });
    proxied.forEach((row, index) => {
      const at = Date.parse(row.timestamp);
      rows.push(reading(at + 1_000, row.rate_limits as NonNullable<ProxyBars['rate_limits']>));
      const before = proxied[index - 1]?.rate_limits;
      if (before) rows.push(reading(at + 1_000 + lateSeconds * 1_000, before));
    });
    this.withLedgerEnv(() => appendRows(this.dataDir, LEDGER_FILES.snapshots, rows, { agentId: 'main', source: 'automation' }));
  },
);

Given(
  "a status-line reading of claude's 5-hour bar at {int}% on day {int} of that month at {int}:00",
  function (this: TrackerWorld, used: number, day: number, hour: number) {
    // The month of plans-steps.ts starts on Monday 2026-10-05; each day's 5-hour window opens at 09:00.
    const at = Date.parse('2026-10-05T00:00:00Z') + day * 86_400_000 + hour * 3_600_000;
    const resets = Date.parse('2026-10-05T14:00:00Z') + day * 86_400_000;
    const row = stampRow({ agentId: 'main', source: 'automation', now: () => new Date(at) }, 'reading', {
      provider: 'claude',
      captured_at: new Date(at).toISOString(),
      format: 'claude-statusline',
      bars: { five_hour: { used_pct: used, resets_at: new Date(resets).toISOString(), window_minutes: 300 } },
    });
    this.withLedgerEnv(() => appendRows(this.dataDir, LEDGER_FILES.snapshots, [row], { agentId: 'main', source: 'automation' }));
  },
);
