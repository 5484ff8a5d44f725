// Public API of subscription plans: the dated plan table, its override file, and pricing a window in dollars of subscription.
export {
  BUILTIN_PLANS,
  createPlanTable,
  findPlan,
  priceSubscription,
  PlanIdSchema,
  PlanSchema,
  PlansFileSchema,
  type SubscriptionPlan,
  type PlanTable,
} from './plan-table.js';
export {
  priceOnePercent,
  priceWindow,
  WINDOWS_PER_MONTH,
  type WindowBars,
  type WindowPrice,
  type WindowSubscription,
} from './price-window.js';
