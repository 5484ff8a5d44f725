// The task budget a plan registers: `--task-budget` as given, else each provider's default, each with why.
import { AppError } from '../kernel/index.js';
import type { TaskBudget } from '../ledger/index.js';
import type { ProviderCalibration } from '../reports/index.js';
import type { ProviderProfile } from '../runner/index.js';

/** The share of its plan's 5-hour window an arm may take by default, where that window's price is known. */
export const DEFAULT_WINDOW_SHARE = 10;
/** Where nothing is known of a provider: a round amount of list price per arm, said as such. */
export const FALLBACK_TASK_BUDGET_USD = 5;

type Amount = { usd: number } | { percent: number };

/**
 * `$2` or `2usd` (list-price dollars per arm), `10%` (of the provider's 5-hour window, at the list price its readings
 * calibrate: `tracker calibrate`), for every provider, or `provider=...` for one; entries joined by commas. A bare
 * number is refused: a token count does not bound an arm's dollars (its tokens are priced by kind).
 */
export function resolveTaskBudget(
  flag: string | undefined,
  providers: readonly string[],
  profiles: ReadonlyMap<string, ProviderProfile>,
  readCalibrations: () => ReadonlyMap<string, ProviderCalibration>,
): TaskBudget {
  const given = parseTaskBudget(flag, providers);
  let calibrations: ReadonlyMap<string, ProviderCalibration> | null = null;
  const calibrated = (provider: string) => (calibrations ??= readCalibrations()).get(provider)?.five_hour ?? null;
  const limits: Record<string, number> = {};
  const why: string[] = [];
  for (const provider of providers) {
    const amount = given.get(provider) ?? given.get('*');
    if (amount && 'usd' in amount) limits[provider] = amount.usd;
    else if (amount) {
      const bar = calibrated(provider);
      if (!bar || !(bar.low > 0))
        throw new AppError(
          'BAD_USAGE',
          `expected a calibrated 5-hour window for ${provider} to turn ${amount.percent}% into dollars, got none (no readings of its plan yet): give --task-budget in list-price dollars ($2), or run \`tracker calibrate\` once its bars have moved`,
          { where: '--task-budget' },
        );
      limits[provider] = amount.percent / bar.pct_per_unit;
    } else {
      const own = profiles.get(provider)?.task_budget_usd;
      const bar = own === undefined ? calibrated(provider) : null;
      if (own !== undefined) {
        limits[provider] = own;
        why.push(`${provider} ${formatUsd(own)} (1.5x the simulated provider's dearest solved arm on the bank's tasks)`);
      } else if (bar && bar.low > 0) {
        limits[provider] = DEFAULT_WINDOW_SHARE / bar.pct_per_unit;
        why.push(
          `${provider} ${formatUsd(DEFAULT_WINDOW_SHARE / bar.pct_per_unit)} (${DEFAULT_WINDOW_SHARE}% of its plan's 5-hour window, as its readings price it)`,
        );
      } else {
        limits[provider] = FALLBACK_TASK_BUDGET_USD;
        why.push(
          `${provider} ${formatUsd(FALLBACK_TASK_BUDGET_USD)} (nothing known of it yet: a round amount, not a measured one; give --task-budget)`,
        );
      }
    }
  }
  const source =
    flag === undefined
      ? `default, list-price dollars per arm: ${why.join(', ')}`
      : `--task-budget ${flag}${why.length > 0 ? `; default for the rest: ${why.join(', ')}` : ''}`;
  return { metric: 'cost', limits, source };
}

function parseTaskBudget(flag: string | undefined, providers: readonly string[]): Map<string, Amount> {
  const given = new Map<string, Amount>();
  if (flag === undefined) return given;
  for (const entry of flag.split(',').map((part) => part.trim())) {
    const eq = entry.indexOf('=');
    const who = eq > 0 ? entry.slice(0, eq).trim() : '*';
    if (who !== '*' && !providers.includes(who))
      throw new AppError('BAD_USAGE', `expected a provider of the plan (${providers.join(', ')}) before "=", got ${JSON.stringify(who)}`, {
        where: '--task-budget',
      });
    given.set(who, parseAmount(eq > 0 ? entry.slice(eq + 1).trim() : entry));
  }
  return given;
}

function parseAmount(text: string): Amount {
  const dollars = /^\$(\d+(?:\.\d+)?)$|^(\d+(?:\.\d+)?)\s*usd$/i.exec(text);
  const value = Number(dollars?.[1] ?? dollars?.[2] ?? /^(\d+(?:\.\d+)?)%$/.exec(text)?.[1]);
  if (dollars && value > 0) return { usd: value };
  if (/%$/.test(text) && value > 0 && value <= 100) return { percent: value };
  throw new AppError(
    'BAD_USAGE',
    `expected list-price dollars per arm ($2 or 2usd) or a share of the 5-hour window (10%), got ${JSON.stringify(text)}${/^\d+(?:\.\d+)?[kKmM]?$/.test(text) ? ": a token count does not bound an arm's dollars (its tokens are priced by kind)" : ''}`,
    { where: '--task-budget' },
  );
}

function formatUsd(value: number): string {
  return `$${Number(value.toPrecision(3))}`;
}
