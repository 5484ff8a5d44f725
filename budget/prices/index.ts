// Model prices and the cost of a usage (a sub-face of budget/): pure, so reports/ reads prices without the budget tracker.
export { computeUsageCost, type UsageCost, type UsageTokens } from './cost-of-usage.js';
export { isGlob, measureLiteralPrefix } from './glob-pattern.js';
export {
  createPriceTable,
  type FoundPrice,
  findModelPrice,
  type ModelPrice,
  ModelPriceSchema,
  normalizeModelName,
  type PriceLayer,
  type PriceOverride,
  PriceOverrideSchema,
  type PriceTable,
  parsePriceOverride,
} from './price-table.js';
export { DEFAULT_MAX_OUTPUT, findMaxOutput } from './max-output.js';
