// Each account's headroom now: its bars' last readings in their current period, their calibration, its recent tasks (pure).
import { isPricedBar } from '../../ledger/schemas/index.js';
import { readRowTokens } from '../../ledger/vocabulary/index.js';
import type { BarSeries } from '../bars/bar-types.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import type { EverydayLedger } from '../metrics/build-everyday-calibration.js';
import { estimateHeadroom, type Headroom, type HeadroomInput } from './estimate-headroom.js';
import type { AccountHistory } from './price-plan-outcome.js';

export interface HeadroomSources {
  histories: readonly AccountHistory[];
  series: readonly BarSeries[];
  account: (provider: string) => string;
}

/** One headroom per account with use, at `now_ms` (the end of the span). */
export function collectHeadroom(ledger: Pick<EverydayLedger, 'telemetry' | 'otel'>, sources: HeadroomSources, nowMs: number): Headroom[] {
  const tasks = collectTasks(ledger, sources.account, nowMs);
  return sources.histories.map((history) => {
    const bars: HeadroomInput['bars'] = {};
    for (const one of sources.series) {
      if (sources.account(one.provider) !== history.provider || !isPricedBar(one.bar)) continue;
      const last = one.points.filter((point) => Date.parse(point.at) <= nowMs).at(-1);
      // A reading whose period has ended says nothing of the bar now.
      if (!last || (last.resets_at !== null && Date.parse(last.resets_at) <= nowMs)) continue;
      bars[one.bar] = { used_pct: last.used_pct, resets_at: last.resets_at, tokens_per_pct: history.bars[one.bar]?.tokens_per_pct ?? null };
    }
    const own = tasks.get(history.provider) ?? { unit: 'request' as const, tokens: [], at: [] };
    return estimateHeadroom({ provider: history.provider, bars, tasks: own.tokens, unit: own.unit });
  });
}

/** Each account's tasks up to now, oldest first: its sessions (the proxy's and OpenTelemetry's session ids), else its requests. */
export function collectTasks(
  ledger: Pick<EverydayLedger, 'telemetry' | 'otel'>,
  account: (provider: string) => string,
  nowMs: number,
): Map<string, { unit: 'session' | 'request'; tokens: number[]; at: number[] }> {
  const uses = [
    ...ledger.telemetry.map((row) => ({
      provider: account(nameBackendProvider(row.backend_provider)),
      at: Date.parse(row.timestamp),
      session: row.session_id ?? null,
      tokens: readRowTokens(row).total,
    })),
    ...ledger.otel.map((row) => ({
      provider: account(row.provider),
      at: Date.parse(row.occurred_at),
      session: row.session_id,
      tokens: row.input + row.output + row.cache_read + row.cache_creation,
    })),
  ].filter((use) => use.at <= nowMs && use.tokens > 0);
  const byAccount = new Map<string, typeof uses>();
  for (const use of uses) byAccount.set(use.provider, [...(byAccount.get(use.provider) ?? []), use]);
  const result = new Map<string, { unit: 'session' | 'request'; tokens: number[]; at: number[] }>();
  for (const [provider, list] of byAccount) {
    list.sort((a, b) => a.at - b.at);
    if (list.some((use) => use.session === null)) {
      result.set(provider, { unit: 'request', tokens: list.map((use) => use.tokens), at: list.map((use) => use.at) });
      continue;
    }
    // A session counts where it last did something, so the most recent are the last 20.
    const sessions = new Map<string, { at: number; tokens: number }>();
    for (const use of list) {
      const held = sessions.get(use.session as string) ?? { at: use.at, tokens: 0 };
      sessions.set(use.session as string, { at: use.at, tokens: held.tokens + use.tokens });
    }
    const ordered = [...sessions.values()].sort((a, b) => a.at - b.at);
    result.set(provider, { unit: 'session', tokens: ordered.map((one) => one.tokens), at: ordered.map((one) => one.at) });
  }
  return result;
}
