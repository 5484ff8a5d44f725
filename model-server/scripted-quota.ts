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
  /** The refusal's step when it is not SPENT_STEP (Google's, whose body names the quota and its reset). */
  refusal: Step | null;
}

/** A tiny quota's bars now, as its quota endpoint reports them: 0..1 fractions and epoch-millisecond resets. */
export interface ScriptedBars {
  fiveHour: number;
  sevenDay: number;
  fiveHourResetMs: number;
  sevenDayResetMs: number;
}

export interface ScriptedQuota {
  /** Counts one model request of `api` (unless refused) and says what its answer carries. */
  take(api: ModelApi, nowSeconds: number): QuotaTurn;
  /** The bars of `api`'s tiny quota for its quota endpoint, counting nothing; null when `api` has none. */
  peek(api: ModelApi, nowSeconds: number): ScriptedBars | null;
}

/**
 * Without `refuse_when_spent` the bars only fill (the script's old behaviour: one period from the start). With it, a
 * request that finds a bar at its top is refused as a spent subscription is (Anthropic: 429, unified status
 * `rejected`; Codex: 429, used percent 100), and at the first window's reset a new period starts: counts from zero,
 * resets one window later (the first period starts at the first request). What the proxy's failover specs run against, with quotas of a few requests.
 */
export function createScriptedQuota(limits: Script['rate_limits'], startedAtSeconds: number): ScriptedQuota {
  const periods = new Map<ModelApi, { startS: number; answered: number }>();
  const periodOf = (api: ModelApi, nowSeconds: number) => {
    const periodS = findScriptedProtocol(api).spendingPeriod(limits);
    // A tiny quota's first period starts with the first request, not the server: a spec's few requests then fall in one
    // period whatever the start-up took.
    const period = periods.get(api) ?? { startS: periodS !== null ? nowSeconds : startedAtSeconds, answered: 0 };
    periods.set(api, period);
    if (periodS !== null && nowSeconds >= period.startS + periodS) {
      const elapsed = Math.floor((nowSeconds - period.startS) / periodS);
      period.startS += elapsed * periodS;
      period.answered = 0;
    }
    return { period, periodS };
  };
  return {
    take(api, nowSeconds) {
      const { period, periodS } = periodOf(api, nowSeconds);
      const protocol = findScriptedProtocol(api);
      const headers = protocol.rateLimitHeaders(limits, period.answered, period.startS);
      const allowed = protocol.requestLimit(limits);
      const counted = periodS !== null && allowed !== null && period.answered >= allowed;
      const refused = counted || (periodS !== null && isSpent(headers));
      if (!refused) period.answered += 1;
      const refusal = counted ? buildGoogleSpentStep(period.startS + (periodS ?? 0) - nowSeconds) : null;
      return { headers: protocol.showsBars(limits) ? headers : {}, refused, refusal };
    },
    peek(api, nowSeconds) {
      if (findScriptedProtocol(api).spendingPeriod(limits) === null) return null;
      const { period } = periodOf(api, nowSeconds);
      return readBars(findScriptedProtocol(api).rateLimitHeaders(limits, period.answered, period.startS));
    },
  };
}

/** The longest RetryInfo delay the scripted refusal names: a retry hint of seconds, as the real API's. */
const MAX_RETRY_DELAY_S = 60;

/**
 * Google's refusal of a spent daily quota, as the Gemini API sends it (ai.google.dev/gemini-api/docs/rate-limits; the
 * bodies Gemini CLI users post: Help, a QuotaFailure whose quotaId is per day, RetryInfo with a short delay: the real
 * API sends one of seconds on a per-day refusal too, "47s", not the day's reset, which is midnight Pacific time).
 */
function buildGoogleSpentStep(secondsLeft: number): Step {
  return {
    type: 'error',
    status: 429,
    message: 'You exceeded your current quota, please check your plan and billing details. (scripted account: the daily quota is spent)',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.Help',
        links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }],
      },
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [
          {
            quotaMetric: 'generativelanguage.googleapis.com/generate_content_requests',
            quotaId: 'GenerateRequestsPerDayPerProjectPerModel',
            quotaDimensions: { model: 'gemini-2.5-pro', location: 'global' },
          },
        ],
      },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${Math.min(MAX_RETRY_DELAY_S, Math.max(1, secondsLeft))}s` },
    ],
  };
}

function isSpent(headers: Record<string, string>): boolean {
  return (
    headers['anthropic-ratelimit-unified-status'] === 'rejected' ||
    headers['x-codex-primary-used-percent'] === '100' ||
    headers['x-codex-secondary-used-percent'] === '100'
  );
}

/** The bars the headers would carry, for the quota endpoint of the same account. */
function readBars(headers: Record<string, string>): ScriptedBars | null {
  const anthropic = 'anthropic-ratelimit-unified-5h-utilization' in headers;
  const prefix = anthropic ? 'anthropic-ratelimit-unified-' : 'x-codex-';
  const [five, seven] = anthropic ? ['5h', '7d'] : ['primary', 'secondary'];
  const used = (name: string): number =>
    Number(headers[`${prefix}${name}-${anthropic ? 'utilization' : 'used-percent'}`]) / (anthropic ? 1 : 100);
  const reset = (name: string): number => Number(headers[`${prefix}${name}-${anthropic ? 'reset' : 'reset-at'}`]) * 1000;
  if (!anthropic && !('x-codex-primary-used-percent' in headers)) return null;
  return {
    fiveHour: used(five as string),
    sevenDay: used(seven as string),
    fiveHourResetMs: reset(five as string),
    sevenDayResetMs: reset(seven as string),
  };
}
