// Subscription plans: monthly price and the usage windows each has, dated and sourced; an override file over them.
import * as z from 'zod';
import { PlanIdSchema, PRICED_BARS, type PricedBar, type WindowSubscription } from '../../ledger/schemas/index.js';
import { AppError, suggestClosest } from '../../kernel/index.js';
import { findProvider, listProviders, type ProviderCatalog } from '../../ledger/vocabulary/index.js';

export { PlanIdSchema };

export const PlanSchema = z.strictObject({
  name: z.string().min(1),
  /** What the plan costs a month, in US dollars, before tax. */
  usd_per_month: z.number().positive(),
  /** The day the price was checked (prices change; a window records the price it was measured under). */
  priced_at: z.iso.date(),
  /** The usage windows the plan meters: a 5-hour window, a weekly one, both, or a daily one (bar-kinds.ts). */
  windows: z.array(z.enum(PRICED_BARS as readonly PricedBar[] as [PricedBar, ...PricedBar[]])).min(1),
  source: z.string().min(1).optional(),
  /** The provider whose tier it is, for a plans file's own plans: `tracker plans` weighs it with that provider's tiers. */
  provider: z.string().min(1).optional(),
  /**
   * Each bar's usage against the same provider's other tiers as the vendor states it (Max 5x: 5 times Pro's 5-hour
   * session, 3.5 times its week): what sizes a tier never held from the one whose bars were read (`tracker plans`).
   * A bar the vendor states no ratio for is absent.
   */
  usage_units: z
    .partialRecord(z.enum(PRICED_BARS as readonly PricedBar[] as [PricedBar, ...PricedBar[]]), z.number().positive())
    .optional(),
});
export type SubscriptionPlan = z.infer<typeof PlanSchema>;

/** The override file: `{"plans": {"claude-max-20x": {"name": ..., "usd_per_month": 180, "priced_at": "2026-12-01", "windows": [...]}}}`. */
export const PlansFileSchema = z.strictObject({ plans: z.record(PlanIdSchema, PlanSchema) });

const BOTH: SubscriptionPlan['windows'] = ['five_hour', 'weekly'];

/**
 * List prices per month, checked on the dates given (regular prices, not first-month offers). Sources:
 * claude.com/pricing (Pro, Max 5x, Max 20x), chatgpt.com/pricing (Plus, Pro), z.ai/subscribe (GLM
 * Coding Plan; docs.z.ai/devpack/faq gives its 5-hour prompt quotas, ~120, ~600 and ~2,400: usage units 1, 5, 20).
 * Claude's usage units: its page's "5x" and "20x more usage than Pro" for the 5-hour session; for the week, Anthropic's
 * estimate when it added weekly limits (28 July 2025, as TechCrunch and others quote it): Sonnet 4 for 40-80 hours a
 * week on Pro, 140-280 on Max 5x, 240-480 on Max 20x, so 1, 3.5, 6. GLM states only its 5-hour prompts. Google AI Pro and Ultra: their daily
 * Gemini CLI requests (1,500 and 2,000) from google-gemini/gemini-cli docs/resources/quota-and-pricing.md; their
 * prices ($19.99, $249.99 a month, US) as integrators copy one.google.com's, which could not be read from here.
 * Override with a plans file when yours differ (annual billing, a team plan, a new price).
 */
export const BUILTIN_PLANS: Readonly<Record<string, SubscriptionPlan>> = {
  'claude-pro': {
    name: 'Claude Pro',
    usd_per_month: 20,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://claude.com/pricing',
    usage_units: { five_hour: 1, weekly: 1 },
  },
  'claude-max-5x': {
    name: 'Claude Max 5x',
    usd_per_month: 100,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://claude.com/pricing',
    usage_units: { five_hour: 5, weekly: 3.5 },
  },
  'claude-max-20x': {
    name: 'Claude Max 20x',
    usd_per_month: 200,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://claude.com/pricing',
    usage_units: { five_hour: 20, weekly: 6 },
  },
  'chatgpt-plus': {
    name: 'ChatGPT Plus (Codex)',
    usd_per_month: 20,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://chatgpt.com/pricing',
  },
  'chatgpt-pro': {
    name: 'ChatGPT Pro (Codex)',
    usd_per_month: 200,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://chatgpt.com/pricing',
  },
  'glm-coding-lite': {
    name: 'GLM Coding Plan Lite',
    usd_per_month: 6,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://z.ai/subscribe',
    usage_units: { five_hour: 1 },
  },
  'glm-coding-pro': {
    name: 'GLM Coding Plan Pro',
    usd_per_month: 30,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://z.ai/subscribe',
    usage_units: { five_hour: 5 },
  },
  'glm-coding-max': {
    name: 'GLM Coding Plan Max',
    usd_per_month: 60,
    priced_at: '2026-11-01',
    windows: BOTH,
    source: 'https://z.ai/subscribe',
    usage_units: { five_hour: 20 },
  },
  'google-ai-pro': {
    name: 'Google AI Pro (Gemini CLI, 1,500 requests a day)',
    usd_per_month: 19.99,
    priced_at: '2026-11-27',
    windows: ['daily'],
    source:
      'https://one.google.com/about/google-ai-plans/ (price as cited by third parties); daily requests: gemini-cli docs/resources/quota-and-pricing.md',
    usage_units: { daily: 1500 },
  },
  'google-ai-ultra': {
    name: 'Google AI Ultra (Gemini CLI, 2,000 requests a day)',
    usd_per_month: 249.99,
    priced_at: '2026-11-27',
    windows: ['daily'],
    source:
      'https://one.google.com/about/google-ai-plans/ (price as cited by third parties); daily requests: gemini-cli docs/resources/quota-and-pricing.md',
    usage_units: { daily: 2000 },
  },
  // The simulated providers' plans: made-up prices for the scripted server's accounts, so the default run is priced too.
  'sim-max': { name: 'simulated $200 plan', usd_per_month: 200, priced_at: '2026-11-01', windows: BOTH },
  'sim-pro': { name: 'simulated $100 plan', usd_per_month: 100, priced_at: '2026-11-01', windows: BOTH },
  'sim-lite': { name: 'simulated $30 plan', usd_per_month: 30, priced_at: '2026-11-01', windows: BOTH },
  'sim-daily': { name: 'simulated $20 daily plan', usd_per_month: 20, priced_at: '2026-11-27', windows: ['daily'] },
};

export type PlanTable = Readonly<Record<string, SubscriptionPlan>>;

/** The built-in plans and a catalog's declared ones, overridden and extended by a parsed plans file (a plan naming an unknown provider is refused). */
export function createPlanTable(catalog: ProviderCatalog, override?: z.infer<typeof PlansFileSchema>, file = 'the plans file'): PlanTable {
  for (const [id, plan] of Object.entries(override?.plans ?? {}))
    if (plan.provider !== undefined && findProvider(catalog, plan.provider) === undefined) {
      const known = listProviders(catalog).map((provider) => provider.id);
      throw new AppError(
        'BAD_INPUT',
        `plans.${id}.provider: no provider ${JSON.stringify(plan.provider)}${suggestClosest(plan.provider, known)}: expected one of ${known.join(', ')}`,
        { where: file },
      );
    }
  return { ...BUILTIN_PLANS, ...readDeclaredPlans(catalog), ...(override?.plans ?? {}) };
}

/** The plans the catalog's providers declare (checked where they are declared). */
function readDeclaredPlans(catalog: ProviderCatalog): Record<string, SubscriptionPlan> {
  const entries = catalog.declared.flatMap((provider) => Object.entries(provider.plans ?? {}));
  return Object.fromEntries(entries.map(([id, plan]) => [id, PlanSchema.parse(plan)]));
}

/** What a window records of the plan named: its id and its price now (see findPlan for the error). */
export function priceSubscription(table: PlanTable, id: string, where: string): WindowSubscription {
  const plan = findPlan(table, id, where);
  return { plan: plan.id, usd_per_month: plan.usd_per_month, priced_at: plan.priced_at };
}

/**
 * The plan named, in any case (every plan id is lower-case: `Claude-Max-5x` is `claude-max-5x`), or an error listing
 * the ones there are (`where` names the flag or file that asked).
 */
export function findPlan(table: PlanTable, id: string, where: string): SubscriptionPlan & { id: string } {
  const key = Object.hasOwn(table, id) ? id : id.toLowerCase();
  const plan = Object.hasOwn(table, key) ? table[key] : undefined;
  if (!plan)
    throw new AppError(
      'BAD_USAGE',
      `no plan ${JSON.stringify(id)}${suggestClosest(key, Object.keys(table))}: expected one of ${Object.keys(table).join(', ')} (or add it with a plans file)`,
      { where },
    );
  return { ...plan, id: key };
}
