// One model's token prices (USD per million tokens): the schema the defaults and an override file share.
import { z } from 'zod';

const usd = z.number().nonnegative();
const RatesShape = { input: usd, output: usd, cache_read: usd.optional(), cache_creation: usd.optional() };

/** One model's rates; `long_prompt` applies to a request whose prompt (input + cache) is above its threshold. */
export const ModelPriceSchema = z.strictObject({
  ...RatesShape,
  long_prompt: z.strictObject({ threshold_tokens: z.number().int().positive(), ...RatesShape }).optional(),
});
export type ModelPrice = z.infer<typeof ModelPriceSchema>;
