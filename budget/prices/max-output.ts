// The most output one answer of a model may have: what a block budget reserves for a request that names no cap.
import { findModelPrice, type PriceLayer, type PriceTable } from './price-table.js';

/*
 * A request without an output cap (OpenAI Responses without `max_output_tokens`, which Codex never sends) may still
 * produce only as much as its model allows; that, not the whole budget, is its worst case. Sources,
 * looked up on 2026-11-25 (an override file's `max_output` wins, see price-table.ts):
 * - Anthropic: https://platform.claude.com/docs/en/models ("Max output": Fable 5.1, Opus 5.5, Sonnet 5 128K tokens,
 *   Haiku 4.5 64K); Opus 4.6 to 4.8 and Sonnet 4.6 128K, the 4.5 models 64K as the Effect-TS @effect/ai-anthropic
 *   4.0.0-beta.106 release notes state them; Opus 4 / 4.1 32K and Sonnet 4 64K as labring/fastgpt-plugin#242 lists them.
 * - OpenAI: 128,000 for the GPT-5 family (platform.openai.com/docs/models pages as quoted by Vercel's AI Gateway model
 *   pages for gpt-5 and gpt-5.2, and Box's model card for gpt-5.4), 272,000 for gpt-5-pro (its model page as quoted
 *   by Koog's API docs).
 * GLM is left out: its listings disagree (65,536 and 131,072 for glm-4.6); it gets the default.
 */
const MAX_OUTPUT: Record<string, number> = {
  'claude-fable-5*': 128_000,
  'claude-opus-5*': 128_000,
  'claude-sonnet-5*': 128_000,
  'claude-opus-4-[678]': 128_000,
  'claude-sonnet-4-6': 128_000,
  'claude-opus-4-5': 64_000,
  'claude-sonnet-4-5': 64_000,
  'claude-haiku-4-5': 64_000,
  'claude-sonnet-4': 64_000,
  'claude-sonnet-4-0': 64_000,
  'claude-opus-4': 32_000,
  'claude-opus-4-0': 32_000,
  'claude-opus-4-1': 32_000,
  'gpt-5*': 128_000,
  'gpt-5-pro': 272_000,
};

/**
 * For a model found nowhere above (a stand-in, a new name): 128,000, the largest maximum of the current models above
 * but gpt-5-pro's, so for all of those it is a bound, never an underestimate. A model that may write more still cannot
 * overrun a block budget by streaming: its stream is cut when everything charged and in flight reaches the limit.
 */
export const DEFAULT_MAX_OUTPUT = 128_000;

const tables = new WeakMap<PriceTable, PriceTable>();

/** The model's maximum output: an override file's `max_output` first, then the list above, else DEFAULT_MAX_OUTPUT. */
export function findMaxOutput(table: PriceTable, model: string | null): number {
  if (model === null) return DEFAULT_MAX_OUTPUT;
  let limits = tables.get(table);
  if (!limits) tables.set(table, (limits = buildLimitTable(table)));
  // A model's maximum answer is the model's, whoever sells it: the shared layers' (a provider's own layer holds prices).
  return findModelPrice(limits, model, null)?.price.max_output ?? DEFAULT_MAX_OUTPUT;
}

/** Only the entries that name a maximum, so an override that prices a model without one does not hide the list's. */
function buildLimitTable(table: PriceTable): PriceTable {
  const layers: PriceLayer[] = table.layers.map((layer) => ({
    name: layer.name,
    ...(layer.provider === undefined ? {} : { provider: layer.provider }),
    models: Object.fromEntries(Object.entries(layer.models).filter(([, price]) => price.max_output !== undefined)),
  }));
  const listed = Object.fromEntries(Object.entries(MAX_OUTPUT).map(([key, max]) => [key, { input: 0, output: 0, max_output: max }]));
  return { layers: [...layers, { name: 'max-output', models: listed }] };
}
