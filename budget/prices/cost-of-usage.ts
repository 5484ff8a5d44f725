// What a request's tokens cost at a model's list price: pure, and null (with the reason) rather than a guess.
import { findModelPrice, type ModelPrice, type PriceTable } from './price-table.js';

/** Token counts in the Anthropic convention: `input` excludes cache reads and writes. */
export interface UsageTokens {
  input: number;
  output: number;
  cache_read: number;
  cache_creation: number;
}

export interface UsageCost {
  usd: number | null;
  /** The price table key used, when one matched. */
  price_key: string | null;
  /** Why `usd` is null (no model, no price, a cache rate missing). */
  note: string | null;
}

/**
 * USD for one request (or a sum of requests of one model that all stay below any long-prompt threshold) of `provider`
 * (its own declared prices first: findModelPrice; null where the use names no provider).
 */
export function computeUsageCost(
  table: PriceTable,
  provider: string | null,
  model: string | null | undefined,
  tokens: UsageTokens,
): UsageCost {
  if (model === null || model === undefined || model.trim() === '')
    return { usd: null, price_key: null, note: 'the request names no model' };
  const found = findModelPrice(table, model, provider);
  if (!found) return { usd: null, price_key: null, note: `no price for model ${JSON.stringify(model)} (add it with --prices FILE)` };
  const rates = selectRates(found.price, tokens);
  const missing = (['cache_read', 'cache_creation'] as const).find((kind) => tokens[kind] > 0 && rates[kind] === undefined);
  if (missing)
    return { usd: null, price_key: found.key, note: `no ${missing} price for ${found.key}, and the request has ${missing} tokens` };
  const usd =
    (tokens.input * rates.input +
      tokens.output * rates.output +
      tokens.cache_read * (rates.cache_read ?? 0) +
      tokens.cache_creation * (rates.cache_creation ?? 0)) /
    1_000_000;
  return { usd, price_key: found.key, note: null };
}

/** A prompt above the long-prompt threshold pays the long-prompt rates on every token of the request. */
function selectRates(price: ModelPrice, tokens: UsageTokens): Omit<ModelPrice, 'long_prompt'> {
  const prompt = tokens.input + tokens.cache_read + tokens.cache_creation;
  if (price.long_prompt && prompt > price.long_prompt.threshold_tokens) return price.long_prompt;
  return price;
}
