// The script's accounts, one per API: answers counted per period, and with `refuse_when_spent` a full window refused.
import type { ModelApi } from './inspect-request.js';
import type { Script } from './script-schema.js';
import { findScriptedProtocol } from './scripted-protocols.js';

export interface QuotaTurn {
  /** The bars this answer carries (a refusal's show the full window, status `rejected`). */
  headers: Record<string, string>;
  /** The window is spent: the request is refused with a 429, takes no step and is not counted. */
  refused: boolean;
}

/**
 * Without `refuse_when_spent` the bars only fill (the script's old behaviour: one period from the start). With it, a
 * request that finds a bar at its top is refused as a spent subscription is (Anthropic: 429, unified status
 * `rejected`; Codex: 429, used percent 100), and at the first window's reset a new period starts: counts from zero,
 * resets one window later. What the proxy's failover specs run against, with quotas of a few requests.
 */
export function createScriptedQuota(
  limits: Script['rate_limits'],
  startedAtSeconds: number,
): (api: ModelApi, nowSeconds: number) => QuotaTurn {
  const periods = new Map<ModelApi, { startS: number; answered: number }>();
  return (api, nowSeconds) => {
    const spending = readSpending(limits, api);
    const period = periods.get(api) ?? { startS: startedAtSeconds, answered: 0 };
    periods.set(api, period);
    if (spending && nowSeconds >= period.startS + spending.periodS) {
      const elapsed = Math.floor((nowSeconds - period.startS) / spending.periodS);
      period.startS += elapsed * spending.periodS;
      period.answered = 0;
    }
    const headers = findScriptedProtocol(api).rateLimitHeaders(limits, period.answered, period.startS);
    const refused = spending !== null && isSpent(headers);
    if (!refused) period.answered += 1;
    return { headers, refused };
  };
}

/** The first window's length when the API's account refuses once spent; null when it never refuses. */
function readSpending(limits: Script['rate_limits'], api: ModelApi): { periodS: number } | null {
  if (api === 'anthropic-messages') return limits.anthropic?.refuse_when_spent ? { periodS: limits.anthropic.five_hour.reset_in_s } : null;
  if (api === 'openai-responses') return limits.codex?.refuse_when_spent ? { periodS: limits.codex.primary.reset_in_s } : null;
  return null;
}

function isSpent(headers: Record<string, string>): boolean {
  return (
    headers['anthropic-ratelimit-unified-status'] === 'rejected' ||
    headers['x-codex-primary-used-percent'] === '100' ||
    headers['x-codex-secondary-used-percent'] === '100'
  );
}
