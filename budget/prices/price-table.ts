// Token prices per provider and model (USD per million tokens): the defaults, the declared ones, an override file, the lookup.
import picomatch from 'picomatch';
import * as z from 'zod';
import { AppError, parseJsonText } from '../../kernel/index.js';
import type { ProviderCatalog } from '../../ledger/vocabulary/index.js';
import { DEFAULT_PRICES } from './default-prices.js';
import { isGlob, measureLiteralPrefix } from './glob-pattern.js';
import { type ModelPrice, ModelPriceSchema } from './model-price.js';

export { ModelPriceSchema, type ModelPrice } from './model-price.js';

/** The override file: `{"models": {"glm-4.6": {"input": 0.6, "output": 2.2, "cache_read": 0.11}, "my-*": {...}}}`. */
export const PriceOverrideSchema = z.strictObject({
  models: z.record(z.string().min(1), ModelPriceSchema),
});
export type PriceOverride = z.infer<typeof PriceOverrideSchema>;

export interface PriceLayer {
  /** `defaults`, the override file's name, or the file that declares providers (`providers.json`, `providers/kimi.json`). */
  name: string;
  /** The provider whose use alone these prices are for (a reseller's own rates for a model others sell at the default). */
  provider?: string;
  models: Record<string, ModelPrice>;
}

/** Layers are consulted in order (createPriceTable's), a provider's own layer only for that provider's use. */
export interface PriceTable {
  layers: PriceLayer[];
}

export interface FoundPrice {
  /** The table key that matched (an exact name or a glob). */
  key: string;
  layer: string;
  price: ModelPrice;
}

/**
 * The price table of a catalog: an override file's prices, then each declared provider's own (for its use alone), then
 * the declared prices of models the defaults do not price (for anyone's use of them), then the defaults. So a reseller
 * that prices a model at its own rates (`hf:zai-org/GLM-4.6`) has its rows priced so, and every other provider's rows of
 * that model keep the default.
 */
export function createPriceTable(catalog: ProviderCatalog, override?: { name: string; value: PriceOverride }): PriceTable {
  const defaults: PriceLayer = { name: 'defaults', models: DEFAULT_PRICES };
  const layers = [...readDeclaredPrices(catalog, defaults), defaults];
  return { layers: override ? [{ name: override.name, models: override.value.models }, ...layers] : layers };
}

/** The prices declared with providers (checked where they are declared: the catalog, the data dir's providers.json). */
function readDeclaredPrices(catalog: ProviderCatalog, defaults: PriceLayer): PriceLayer[] {
  const own: PriceLayer[] = [];
  // One shared layer per declaring file, named after it (`providers.json`, `providers/minimax.json`): the data dir's first.
  const shared: PriceLayer[] = [];
  for (const provider of catalog.declared) {
    const models = Object.entries(provider.prices ?? {}).map(([model, price]) => [model, ModelPriceSchema.parse(price)] as const);
    if (models.length === 0) continue;
    own.push({ name: provider.declaredIn, provider: provider.id, models: Object.fromEntries(models) });
    const unpriced = models.filter(([model]) => findInLayer(defaults, toLookupNames(model)) === null);
    const layer = shared.find((one) => one.name === provider.declaredIn);
    if (layer) Object.assign(layer.models, Object.fromEntries(unpriced));
    else shared.push({ name: provider.declaredIn, models: Object.fromEntries(unpriced) });
  }
  shared.sort((a, b) => Number(b.name === 'providers.json') - Number(a.name === 'providers.json'));
  return [...own, ...shared];
}

/** Reads an override file's text; a bad file is one line naming the file and the field. */
export function parsePriceOverride(text: string, where: string): PriceOverride {
  const value = parseJsonText(text, where, 'the price file is not JSON');
  const parsed = PriceOverrideSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') || 'file';
    throw new AppError(
      'BAD_INPUT',
      `${path}: ${issue?.message ?? 'invalid'} (expected {"models": {"MODEL or GLOB": {"input": USD, "output": USD, "cache_read": USD, "cache_creation": USD, "max_output": TOKENS}}}, USD per million tokens, max_output optional)`,
      { where },
    );
  }
  return parsed.data;
}

/** Lookups per table (a table is never changed once made): a report prices each of 300,000 proxy rows by model. */
const found = new WeakMap<PriceTable, Map<string, FoundPrice | null>>();
/** Model names come from requests: a proxy that meets many stops remembering more, it does not grow without end. */
const MAX_REMEMBERED = 1_000;

/**
 * Finds the price of a model as `provider` sells it: in each layer (a provider's own layer only for that provider), an
 * exact key (case-insensitive) first, then the most specific glob (longest literal prefix). The name is also tried
 * without a provider prefix ("anthropic/", Bedrock's "us.anthropic."), a version or date suffix ("-20251001",
 * "@20251001", "-2025-08-07", "-v1:0", "-latest") and a context tag ("[1m]"). `provider` is the ledger's id of the
 * seller, an account key's `@acct-…` ignored; null where the use names none (the shared prices alone). Null when no
 * layer has it: callers must not guess.
 */
export function findModelPrice(table: PriceTable, model: string, provider: string | null): FoundPrice | null {
  let cache = found.get(table);
  if (!cache) found.set(table, (cache = new Map()));
  // Provider ids hold no `@` (PROVIDER_ID_PATTERN): what follows one is the account of a `provider@acct-…` key.
  const seller = provider === null ? null : provider.split('@')[0] || null;
  const key = `${seller ?? ''}\u0000${model}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const price = lookUpModelPrice(table, model, seller);
  if (cache.size < MAX_REMEMBERED) cache.set(key, price);
  return price;
}

function lookUpModelPrice(table: PriceTable, model: string, provider: string | null): FoundPrice | null {
  const names = toLookupNames(model);
  for (const layer of table.layers) {
    if (layer.provider !== undefined && layer.provider !== provider) continue;
    const found = findInLayer(layer, names);
    if (found) return found;
  }
  return null;
}

function toLookupNames(model: string): string[] {
  return [...new Set([model.trim().toLowerCase(), normalizeModelName(model)])];
}

export function normalizeModelName(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^.*\//, '')
    .replace(/^(?:[a-z]{2,4}\.)?anthropic\./, '')
    .replace(/\[[^\]]*\]$/, '')
    .replace(/-v\d+(?::\d+)?$/, '')
    .replace(/(?:[-@]\d{8}|-\d{4}-\d{2}-\d{2})$/, '')
    .replace(/-latest$/, '');
}

function findInLayer(layer: PriceLayer, names: string[]): FoundPrice | null {
  const entries = Object.entries(layer.models);
  for (const [key, price] of entries) {
    if (!isGlob(key) && names.includes(key.toLowerCase())) return { key, layer: layer.name, price };
  }
  let best: { found: FoundPrice; literal: number } | null = null;
  for (const [key, price] of entries) {
    if (!isGlob(key) || !names.some((name) => picomatch.isMatch(name, key, { nocase: true }))) continue;
    const literal = measureLiteralPrefix(key);
    if (!best || literal > best.literal) best = { found: { key, layer: layer.name, price }, literal };
  }
  return best?.found ?? null;
}
