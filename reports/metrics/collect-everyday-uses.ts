// Each provider's recorded use as timed events (list-price dollars and tokens) for the everyday calibration: pure.
import { computeUsageCost, type PriceTable } from '../../budget/prices/index.js';
import { nameBackendProvider } from '../name-backend-provider.js';
import { readUsageTokens } from '../read-usage-tokens.js';
import type { UsageTelemetry } from '../usage/usage-inputs.js';
import type { UseEvent } from './everyday-samples.js';

/** One counted request or turn of a source: whose, when, which model, its tokens in the Anthropic convention. */
export interface TimedUse {
  source: string;
  provider: string;
  at_ms: number;
  model: string | null;
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
}

export interface EverydayUses {
  dollars: Map<string, UseEvent[]>;
  tokens: Map<string, UseEvent[]>;
  /** The source each provider's day was taken from (the first in `order` with any use that day), by provider. */
  sources: Map<string, Set<string>>;
  /** Uses with tokens that no list price covers (their model is not in the table): left out of the dollars only. */
  unpriced: number;
}

/** The proxy's generation requests as timed uses (a request with no counts is a probe or a refusal: not a use). */
export function readProxyTimedUses(rows: readonly UsageTelemetry[]): TimedUse[] {
  const uses: TimedUse[] = [];
  for (const row of rows) {
    if (row.prompt_tokens === null && row.completion_tokens === null) continue;
    const at = Date.parse(row.timestamp);
    const { total, ...tokens } = readUsageTokens(row);
    if (!Number.isFinite(at) || total <= 0) continue;
    uses.push({ source: 'proxy', provider: nameBackendProvider(row.backend_provider), at_ms: at, model: row.model ?? null, ...tokens });
  }
  return uses;
}

/**
 * Several sources may count the same requests (an agent behind the proxy that also exports its own telemetry): as
 * `tracker usage` does, a provider's day is taken from the first source in `order` that has any use that day, and
 * the others' uses that day are left out. `dayOf` keys a time to its day in the user's zone.
 */
export function collectEverydayUses(
  uses: readonly TimedUse[],
  order: readonly string[],
  prices: PriceTable,
  dayOf: (ms: number) => string,
): EverydayUses {
  const rank = (source: string): number => (order.includes(source) ? order.indexOf(source) : order.length);
  const winner = new Map<string, number>();
  for (const use of uses) {
    const key = `${use.provider}\u0000${dayOf(use.at_ms)}`;
    winner.set(key, Math.min(winner.get(key) ?? Number.POSITIVE_INFINITY, rank(use.source)));
  }
  const result: EverydayUses = { dollars: new Map(), tokens: new Map(), sources: new Map(), unpriced: 0 };
  const push = (map: Map<string, UseEvent[]>, provider: string, event: UseEvent): void => {
    const list = map.get(provider) ?? [];
    list.push(event);
    map.set(provider, list);
  };
  for (const use of uses) {
    if (rank(use.source) !== winner.get(`${use.provider}\u0000${dayOf(use.at_ms)}`)) continue;
    const tokens = { input: use.input, output: use.output, cache_read: use.cache_read, cache_creation: use.cache_creation };
    push(result.tokens, use.provider, {
      at_ms: use.at_ms,
      amount: tokens.input + tokens.output + tokens.cache_read + tokens.cache_creation,
    });
    const cost = computeUsageCost(prices, use.model, tokens);
    if (cost.usd === null) result.unpriced += 1;
    else push(result.dollars, use.provider, { at_ms: use.at_ms, amount: cost.usd });
    result.sources.set(use.provider, (result.sources.get(use.provider) ?? new Set()).add(use.source));
  }
  for (const map of [result.dollars, result.tokens]) for (const list of map.values()) list.sort((a, b) => a.at_ms - b.at_ms);
  return result;
}
