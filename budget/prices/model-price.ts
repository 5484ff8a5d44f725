// One model's token prices (USD per million tokens): the schema the defaults and an override file share.
import * as z from 'zod';

// List prices run from cents to a few hundred dollars per million tokens; a rate past 10,000 is a slip (a price
// per billion, a stray exponent) whose costs would overflow to Infinity, not a price.
const usd = z.number().nonnegative().max(10_000);
const RatesShape = { input: usd, output: usd, cache_read: usd.optional(), cache_creation: usd.optional() };

/**
 * One model's rates; `long_prompt` applies to a request whose prompt (input + cache) is above its threshold.
 * `max_output` is not a price: the most output tokens one answer of the model may have (its documented maximum), what a
 * block budget reserves for a request that names no cap of its own (max-output.ts).
 */
export const ModelPriceSchema = z.strictObject({
  ...RatesShape,
  max_output: z.number().int().positive().max(10_000_000).optional(),
  long_prompt: z.strictObject({ threshold_tokens: z.number().int().positive(), ...RatesShape }).optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
