// Claude Code's answers from its transcripts as dated uses, each answer counted once as ccusage counts it: pure.
import { computeUsageCost, type PriceTable } from '../../budget/prices/index.js';
import { compareTranscriptCopies } from '../../sources/parsers/index.js';
import { keyAccount } from './account-keys.js';
import type { ProxyRequests } from './index-proxy-requests.js';
import type { TokenUse, UsageReading } from './usage-inputs.js';

/** A reading's tokens with every kind present (0 where the reading has none). */
export function readTranscriptTokens(reading: UsageReading): {
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
  total: number;
} {
  const { total = 0, input = 0, output = 0, cache_read = 0, cache_creation = 0 } = reading.tokens ?? {};
  return { input, output, cache_read, cache_creation, total };
}

/**
 * The transcript readings that count, in ledger order: of the copies of one answer (one `message_key` of a provider),
 * the fullest (compareTranscriptCopies), the first recorded on a tie; a reading without a key always counts. The ingest
 * records a copy again when a later one is fuller (a line written while the answer streamed, then the whole answer).
 */
export function selectTranscriptReadings(readings: readonly UsageReading[]): UsageReading[] {
  const kept: (UsageReading | null)[] = [];
  const at = new Map<string, number>();
  for (const reading of readings) {
    if (reading.format !== 'claude-transcript' || !reading.tokens) continue;
    const key = reading.message_key === undefined ? null : `${keyAccount(reading.provider, reading.account)}\u0000${reading.message_key}`;
    const index = key === null ? undefined : at.get(key);
    if (index === undefined) {
      if (key !== null) at.set(key, kept.length);
      kept.push(reading);
      continue;
    }
    const seen = kept[index] as UsageReading;
    if (compareTranscriptCopies(readTranscriptTokens(reading), readTranscriptTokens(seen)) > 0) kept[index] = reading;
  }
  return kept.filter((reading): reading is UsageReading => reading !== null);
}

/**
 * Each counted answer as a use on its day, in its session, project and sub-agent, priced by its model. On a day the
 * proxy saw with every request id named (`proxied`), an answer it carried is left to its row, and one it did not is
 * marked `beside`: it counts with the proxy's rows, the day's total their union.
 */
export function collectTranscriptUses(
  readings: readonly UsageReading[],
  prices: PriceTable,
  dayOf: (iso: string) => string | null,
  proxied: ProxyRequests = new Map(),
): TokenUse[] {
  const uses: TokenUse[] = [];
  for (const reading of selectTranscriptReadings(readings)) {
    const day = dayOf(reading.captured_at);
    if (day === null) continue;
    const carried = reading.request_id ? proxied.get(`${reading.provider}\u0000${day}`) : undefined;
    if (carried?.has(reading.request_id as string)) continue;
    const { total, ...tokens } = readTranscriptTokens(reading);
    const model = reading.model ?? null;
    const cost =
      model === null
        ? { usd: null, note: 'the transcript names no model, so no list price applies' }
        : computeUsageCost(prices, reading.provider, model, tokens);
    uses.push({
      source: 'claude-transcript',
      provider: keyAccount(reading.provider, reading.account),
      model,
      day,
      session: reading.session_id ?? null,
      last_at: reading.captured_at,
      project: reading.project ?? null,
      subagent: reading.subagent_id ?? null,
      ...tokens,
      total,
      usd: cost.usd,
      usd_reason: cost.note,
      ...(carried ? { beside: true } : {}),
    });
  }
  return uses;
}
