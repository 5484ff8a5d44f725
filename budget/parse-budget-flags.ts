// Builds the budget policy from the budget flags (the same on `tracker proxy` and `experiment run`) and the files they name.
import { AppError } from '../kernel/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import { BUDGET_SCOPES, type BudgetLimit, type BudgetScope } from './budget-contract.js';
import { buildConfigLimits, parseBudgetConfig, readBudgetFile, type LimitDefaults } from './budget-config.js';
import { buildBudgetId, DEFAULT_METRIC, DEFAULT_MODE, DEFAULT_WARN_AT, normalizeBudgetKey, type BudgetPolicy } from './budget-policy.js';
import { describeAmount, parseBudgetMetric, parseBudgetMode, parseWarnAt, readAmountText } from './parse-budget-values.js';
import { createPriceTable, parsePriceOverride } from './prices/price-table.js';

/** The flags as commander gives them (camel-cased; a repeatable flag as a list, or one string). */
export interface BudgetFlags {
  /** `--overall-token-budget N`: tokens, or USD with `--budget-metric cost`. */
  overallTokenBudget?: string;
  /** `--arm-budget N` (experiment run): the same limit for each arm's window (the plan's own cap is --task-budget). */
  armBudget?: string;
  /** `--command-budget "/cmd=N"`, repeatable. */
  commandBudget?: string | string[];
  /** `--agent-budget "ID=N"`, repeatable. */
  agentBudget?: string | string[];
  /** `--provider-budget "P=N"`, repeatable. */
  providerBudget?: string | string[];
  /** `--window-budget "W=N"`, repeatable. */
  windowBudget?: string | string[];
  /** `--feature-budget "F=N"`, repeatable. */
  featureBudget?: string | string[];
  /** `--budget-metric total|input|output|input+output|cost` (default total). */
  budgetMetric?: string;
  /** `--budget-mode warn|block` (default warn). */
  budgetMode?: string;
  /** `--budget-warn-at 0.5,0.8` (default 0.8; `none` for no warnings). */
  budgetWarnAt?: string;
  /** `--budget-config FILE` (JSON; see budget-config.ts). */
  budgetConfig?: string;
  /** `--prices FILE`: a price override for the cost metric. */
  prices?: string;
}

const KEYED: { flag: string; field: keyof BudgetFlags; scope: Exclude<BudgetScope, 'overall'>; form: string }[] = [
  { flag: '--command-budget', field: 'commandBudget', scope: 'command', form: '/cmd=N' },
  { flag: '--agent-budget', field: 'agentBudget', scope: 'agent', form: 'ID=N' },
  { flag: '--provider-budget', field: 'providerBudget', scope: 'provider', form: 'P=N' },
  { flag: '--window-budget', field: 'windowBudget', scope: 'window', form: 'W=N' },
  { flag: '--feature-budget', field: 'featureBudget', scope: 'feature', form: 'F=N' },
];

/**
 * Flags over the config file over the defaults: `--budget-metric`, `--budget-mode` and `--budget-warn-at`
 * replace the file's `metric`, `mode` and `warn_at` (a limit's own settings in `limits` still win), and a
 * limit flag replaces the file's limit with the same id whole. `readFile` is for tests.
 */
export function parseBudgetFlags(
  flags: BudgetFlags,
  catalog: ProviderCatalog,
  readFile: (path: string) => string = readBudgetFile,
): BudgetPolicy {
  const config = flags.budgetConfig ? parseBudgetConfig(readFile(flags.budgetConfig), flags.budgetConfig) : null;
  const defaults: LimitDefaults = {
    metric:
      flags.budgetMetric !== undefined ? parseBudgetMetric(flags.budgetMetric, '--budget-metric') : (config?.metric ?? DEFAULT_METRIC),
    mode: flags.budgetMode !== undefined ? parseBudgetMode(flags.budgetMode, '--budget-mode') : (config?.mode ?? DEFAULT_MODE),
    warnAt:
      flags.budgetWarnAt !== undefined ? parseWarnAt(flags.budgetWarnAt, '--budget-warn-at') : [...(config?.warn_at ?? DEFAULT_WARN_AT)],
  };
  const fromConfig = config && flags.budgetConfig ? buildConfigLimits(config, flags.budgetConfig, defaults) : [];
  const fromFlags = readLimitFlags(flags, defaults);
  const merged = new Map<string, BudgetLimit>(fromConfig.map((limit) => [limit.id, limit]));
  for (const limit of fromFlags) merged.set(limit.id, limit);
  const limits = [...merged.values()].sort((a, b) => BUDGET_SCOPES.indexOf(a.scope) - BUDGET_SCOPES.indexOf(b.scope));
  const prices = flags.prices
    ? createPriceTable(catalog, { name: flags.prices, value: parsePriceOverride(readFile(flags.prices), flags.prices) })
    : createPriceTable(catalog);
  const sources = [
    ...(fromFlags.length > 0 ? ['flags'] : []),
    ...(flags.budgetConfig ? [flags.budgetConfig] : []),
    ...(flags.prices ? [flags.prices] : []),
  ];
  return { limits, prices, sources };
}

function readLimitFlags(flags: BudgetFlags, defaults: LimitDefaults): BudgetLimit[] {
  const limits: BudgetLimit[] = [];
  const make = (scope: BudgetScope, key: string | null, limit: number, source: string): BudgetLimit => ({
    id: buildBudgetId(scope, key),
    scope,
    key,
    limit,
    metric: defaults.metric,
    mode: defaults.mode,
    warnAt: [...defaults.warnAt],
    source,
  });
  if (flags.overallTokenBudget !== undefined) {
    const amount = readAmountText(flags.overallTokenBudget, defaults.metric);
    if (typeof amount !== 'number')
      throw new AppError('BAD_USAGE', `expected ${amount.expected}, got ${JSON.stringify(flags.overallTokenBudget)}`, {
        where: '--overall-token-budget',
      });
    limits.push(make('overall', null, amount, '--overall-token-budget'));
  }
  if (flags.armBudget !== undefined) {
    const amount = readAmountText(flags.armBudget, defaults.metric);
    if (typeof amount !== 'number')
      throw new AppError('BAD_USAGE', `expected ${amount.expected}, got ${JSON.stringify(flags.armBudget)}`, { where: '--arm-budget' });
    limits.push({ ...make('window', null, amount, '--arm-budget'), id: 'arm', each: true });
  }
  for (const { flag, field, scope, form } of KEYED) {
    const given = new Map<string, string>();
    for (const value of toList(flags[field])) {
      const eq = value.lastIndexOf('=');
      const key = eq > 0 ? normalizeBudgetKey(scope, value.slice(0, eq)) : null;
      const amount = eq > 0 ? readAmountText(value.slice(eq + 1), defaults.metric) : { expected: describeAmount(defaults.metric) };
      if (key === null || typeof amount !== 'number' || /\s/.test(value.slice(0, eq).trim())) {
        const expected = typeof amount === 'number' ? describeAmount(defaults.metric) : amount.expected;
        throw new AppError('BAD_USAGE', `expected "${form}" with N ${expected}, got ${JSON.stringify(value)}`, { where: flag });
      }
      const earlier = given.get(key);
      if (earlier !== undefined)
        throw new AppError(
          'BAD_USAGE',
          `expected one budget per ${scope}, got ${key} twice (${JSON.stringify(earlier)} and ${JSON.stringify(value)})`,
          { where: flag },
        );
      given.set(key, value);
      limits.push(make(scope, key, amount, flag));
    }
  }
  return limits;
}

function toList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
