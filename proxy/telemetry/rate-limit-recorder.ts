// Turns the rate-limit headers seen on responses into reading rows, one each time an agent's bars change.
import { BAR_NAMES, readMachineId, stampRow, type Bars, type ReadingRow } from '../../ledger/index.js';
import type { RateLimitReading } from '../../sources/index.js';

export interface ObservedReading {
  agentId: string;
  provider: string;
  reading: RateLimitReading;
  capturedAt: Date;
  windowId: string | null;
  sessionId: string | null;
  model: string | null;
  /** The account the answer was for (findExchangeAccount), when it could be told. */
  account?: string | null;
}

export const PROXY_READING_FORMAT = 'proxy-headers';

export class RateLimitRecorder {
  private readonly last = new Map<string, string>();

  /** The reading row to record, or null when the bars equal this agent's last ones for the provider and window. */
  observe(observed: ObservedReading): ReadingRow | null {
    const key = `${observed.agentId}\u0000${observed.provider}\u0000${observed.account ?? ''}\u0000${observed.windowId ?? ''}`;
    const fingerprint = fingerprintBars(observed.reading.bars);
    if (this.last.get(key) === fingerprint) return null;
    this.last.set(key, fingerprint);
    return stampRow({ agentId: observed.agentId, source: 'proxy', now: () => observed.capturedAt }, 'reading', {
      provider: observed.provider,
      captured_at: observed.capturedAt.toISOString(),
      format: PROXY_READING_FORMAT,
      bars: observed.reading.bars,
      ...(observed.sessionId ? { session_id: observed.sessionId } : {}),
      ...(observed.model ? { model: observed.model } : {}),
      ...(observed.windowId ? { window_id: observed.windowId } : {}),
      ...(observed.account ? { account: observed.account } : {}),
      machine: readMachineId(),
    }) as ReadingRow;
  }
}

/** Only the numbers that mean a change: used percentages and reset instants. */
function fingerprintBars(bars: Bars): string {
  const part = (bar: Bars['five_hour']) => (bar ? `${bar.used_pct}@${bar.resets_at ?? ''}` : '-');
  return BAR_NAMES.map((name) => part(bars[name])).join('|');
}
