// The script's accounts, one per API: answers counted per period, and with `refuse_when_spent` a full window refused.
import type { ModelApi } from './inspect-request.js';
import type { Script, Step } from './script-schema.js';
import { findScriptedProtocol } from './scripted-protocols.js';

/** A spent window's answer, as Anthropic's is (docs.anthropic.com errors: 429 rate_limit_error) and OpenAI's. */
export const SPENT_STEP: Step = {
  type: 'error',
  status: 429,
  message: 'scripted account: this window is spent until its reset (see the rate-limit headers)',
  code: 'usage_limit_reached',
};

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
 * resets one window later (the first period starts at the first request). What the proxy's failover specs run against, with quotas of a few requests.
 */
export function createScriptedQuota(
  limits: Script['rate_limits'],
  startedAtSeconds: number,
): (api: ModelApi, nowSeconds: number) => QuotaTurn {
  const periods = new Map<ModelApi, { startS: number; answered: number }>();
  return (api, nowSeconds) => {
    const protocol = findScriptedProtocol(api);
    const periodS = protocol.spendingPeriod(limits);
    // A tiny quota's first period starts with the first request, not the server: a spec's few requests then fall in one
    // period whatever the start-up took.
    const period = periods.get(api) ?? { startS: periodS !== null ? nowSeconds : startedAtSeconds, answered: 0 };
    periods.set(api, period);
    if (periodS !== null && nowSeconds >= period.startS + periodS) {
      const elapsed = Math.floor((nowSeconds - period.startS) / periodS);
      period.startS += elapsed * periodS;
      period.answered = 0;
    }
    const headers = protocol.rateLimitHeaders(limits, period.answered, period.startS);
    const refused = periodS !== null && isSpent(headers);
    if (!refused) period.answered += 1;
    return { headers, refused };
  };
}

function isSpent(headers: Record<string, string>): boolean {
  return (
    headers['anthropic-ratelimit-unified-status'] === 'rejected' ||
    headers['x-codex-primary-used-percent'] === '100' ||
    headers['x-codex-secondary-used-percent'] === '100'
  );
}
