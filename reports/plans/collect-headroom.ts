// Each account's headroom now: its bars' last readings in their current period, their calibration, its recent tasks (pure).
import { BAR_KINDS, isPricedBar, type PricedBar } from '../../ledger/schemas/index.js';
import { readRowTokens } from '../../ledger/vocabulary/index.js';
import type { BarSeries } from '../bars/bar-types.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import type { EverydayLedger } from '../metrics/build-everyday-calibration.js';
import { estimateHeadroom, type Headroom, type HeadroomBasis, type HeadroomInput, RECENT_TASKS } from '../headroom/index.js';
import type { AccountHistory } from './price-plan-outcome.js';

export interface HeadroomSources {
  histories: readonly AccountHistory[];
  series: readonly BarSeries[];
  account: (provider: string) => string;
  confidence?: number;
}

/** One headroom per account with use, at `now_ms` (the end of the span). */
export function collectHeadroom(ledger: Pick<EverydayLedger, 'telemetry' | 'otel'>, sources: HeadroomSources, nowMs: number): Headroom[] {
  const tasks = collectTasks(ledger, sources.account, nowMs);
  return sources.histories.map((history) => {
    const bars: HeadroomInput['bars'] = {};
    for (const one of sources.series) {
      if (sources.account(one.provider) !== history.provider || !isPricedBar(one.bar)) continue;
      const last = one.points.filter((point) => Date.parse(point.at) <= nowMs).at(-1);
      // A reading whose period has ended (or, without a reset, older than one period) says nothing of the bar now.
      const ended =
        last &&
        (last.resets_at === null ? nowMs - Date.parse(last.at) > BAR_KINDS[one.bar].minutes * 60_000 : Date.parse(last.resets_at) <= nowMs);
      if (!last || ended) continue;
      bars[one.bar] = { used_pct: last.used_pct, resets_at: last.resets_at, tokens_per_pct: history.bars[one.bar]?.tokens_per_pct ?? null };
    }
    const own = tasks.get(history.provider) ?? { unit: 'request' as const, tokens: [], at: [] };
    return estimateHeadroom({
      provider: history.provider,
      bars,
      tasks: own.tokens,
      unit: own.unit,
      confidence: sources.confidence ?? 0.95,
    });
  });
}

/** What each account's headroom rests on, kept for a reader without the ledger (the status line): its bars' rates, its last tasks. */
export function collectHeadroomBases(
  ledger: Pick<EverydayLedger, 'telemetry' | 'otel'>,
  sources: HeadroomSources,
  nowMs: number,
): HeadroomBasis[] {
  const tasks = collectTasks(ledger, sources.account, nowMs);
  return sources.histories.map((history) => {
    const own = tasks.get(history.provider) ?? { unit: 'request' as const, tokens: [], at: [] };
    const rates: HeadroomBasis['rates'] = {};
    for (const bar of Object.keys(history.bars) as PricedBar[]) {
      const rate = history.bars[bar]?.tokens_per_pct;
      if (rate) rates[bar] = rate;
    }
    return {
      provider: history.provider,
      unit: own.unit,
      tasks: own.tokens.slice(-RECENT_TASKS),
      rates,
      confidence: sources.confidence ?? 0.95,
      reckoned_at: new Date(nowMs).toISOString(),
    };
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
      source: 'proxy' as const,
      provider: account(nameBackendProvider(row.backend_provider)),
      at: Date.parse(row.timestamp),
      session: row.session_id ?? null,
      tokens: readRowTokens(row).total,
    })),
    ...ledger.otel.map((row) => ({
      source: 'otel' as const,
      provider: account(row.provider),
      at: Date.parse(row.occurred_at),
      session: row.session_id,
      tokens: row.input + row.output + row.cache_read + row.cache_creation,
    })),
  ].filter((use) => use.at <= nowMs && use.tokens > 0);
  // One source an account a day, as the calibration takes them: where the proxy counted a day, the agents' own
  // OpenTelemetry of that day is the same use again (Claude Code sends the proxy its session id too).
  const proxied = new Set(uses.filter((use) => use.source === 'proxy').map((use) => `${use.provider}\u0000${dayOf(use.at)}`));
  const byAccount = new Map<string, typeof uses>();
  for (const use of uses) {
    if (use.source === 'otel' && proxied.has(`${use.provider}\u0000${dayOf(use.at)}`)) continue;
    const list = byAccount.get(use.provider) ?? [];
    list.push(use);
    byAccount.set(use.provider, list);
  }
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

/** The UTC day of an instant (the days a source is chosen for; the calibration's own are the user's time zone's). */
function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
