// A data dir for `tracker mcp`'s tests: four weeks of Claude use through the proxy, each answer carrying its bars, a sub-agent's share.
import { appendRows, LEDGER_FILES, stampRow } from '../../../ledger/index.js';

const H = 3_600_000;
const DAY = 24 * H;
/** Monday 2026-10-05 00:00 UTC: the weekly bar resets there, and every 7 days after. */
export const MONTH_START = Date.parse('2026-10-05T00:00:00Z');
const FIVE_HOUR = 100_000;
const WEEKLY = 500_000;

/**
 * 28 days of 5 requests an hour apart from 09:00, 10,000 prompt and 500 completion tokens each, two sessions a day (one
 * of them a sub-agent's), the 5-hour and weekly bars as the proxy reads them from each answer; `hostile` puts
 * terminal controls into one session id.
 */
export function writeMonthOfUse(dataDir: string, options: { hostile?: boolean } = {}): void {
  const rows: object[] = [];
  let weekUsed = 0;
  for (let day = 0; day < 28; day += 1) {
    if (day % 7 === 0) weekUsed = 0;
    const start = MONTH_START + day * DAY + 9 * H;
    let used = 0;
    for (let index = 0; index < 5; index += 1) {
      const at = start + index * H;
      used += 10_500;
      weekUsed += 10_500;
      const bar = (count: number, size: number, resetsAt: number, minutes: number) => ({
        used_pct: Math.min(100, Math.floor((count * 100) / size)),
        resets_at: new Date(resetsAt).toISOString(),
        window_minutes: minutes,
      });
      const session = day === 3 && options.hostile ? 'sess-\u001b]0;pwned\u0007-3' : `sess-${day}-${index < 3 ? 'a' : 'b'}`;
      rows.push(
        stampRow({ agentId: 'main', source: 'proxy', now: () => new Date(at) }, 'proxy-request', {
          timestamp: new Date(at).toISOString(),
          session_id: session,
          subagent_id: index === 4 ? 'reviewer' : null,
          backend_provider: 'anthropic',
          model: index === 4 ? 'claude-haiku-4-5' : 'claude-sonnet-4-5',
          prompt_tokens: 10_000,
          completion_tokens: 500,
          latency_ms: 900,
          status: 200,
          trace_id: `month-${day}-${index}`,
          rate_limits: {
            five_hour: bar(used, FIVE_HOUR, start + 5 * H, 300),
            weekly: bar(weekUsed, WEEKLY, MONTH_START + (Math.floor(day / 7) + 1) * 7 * DAY, 10_080),
          },
          rate_limit_status: 'allowed',
        }),
      );
    }
  }
  appendRows(dataDir, LEDGER_FILES.proxyTelemetry, rows, { agentId: 'main', source: 'proxy' });
}
