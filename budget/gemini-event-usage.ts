// Usage from Gemini CLI's `-o stream-json` lines: the `result` line's stats are the session's totals, in Google's convention.
import type { UsageDelta } from './budget-contract.js';
import { isObject, readCount, type JsonObject } from './claude-event-usage.js';
import { CumulativeUsage } from './cumulative-usage.js';
import { isZeroUsage } from './measure-usage.js';

export interface GeminiUsage {
  session: string | null;
  model: string | null;
  delta: UsageDelta;
  from: 'result';
}

/**
 * Gemini CLI 0.61.0 (seen on loopback, and its JsonStreamFormatter.convertToStreamStats): `init` names the session and
 * the model; `result` ends the run with `stats` {total_tokens, input_tokens (the prompt, cached reads included), output_tokens
 * (candidates only), cached, input (input_tokens less cached)}. Per-message lines carry no usage, so the result is the
 * one reading; it is read as a running total all the same, so a repeated result adds nothing.
 */
export class GeminiEventUsage {
  /** The agent whose stream this reads (its provider id). */
  readonly agent = 'gemini' as const;
  private readonly sessions = new CumulativeUsage();
  private session: string | null = null;
  private model: string | null = null;

  read(event: JsonObject): GeminiUsage | null {
    if (event.type === 'init' && typeof event.session_id === 'string') {
      this.session = event.session_id === '' ? null : event.session_id;
      this.model = typeof event.model === 'string' && event.model !== '' ? event.model : null;
      return null;
    }
    if (event.type !== 'result' || !isObject(event.stats)) return null;
    const total = readGeminiStats(event.stats);
    if (!total) return null;
    const delta = this.sessions.observe(this.session ?? '', total);
    return isZeroUsage(delta) ? null : { session: this.session, model: this.model, delta, from: 'result' };
  }
}

/**
 * Stats in the Anthropic convention. Output is total less the prompt: the thoughts tokens (which `output_tokens` leaves
 * out but `total_tokens` holds) are output, as the proxy counts them from `thoughtsTokenCount`.
 */
export function readGeminiStats(stats: JsonObject): UsageDelta | null {
  const prompt = readCount(stats.input_tokens);
  const candidates = readCount(stats.output_tokens);
  if (prompt === null || candidates === null) return null;
  const cached = Math.min(prompt, readCount(stats.cached) ?? 0);
  const total = readCount(stats.total_tokens);
  return {
    input: prompt - cached,
    output: total !== null && total >= prompt + candidates ? total - prompt : candidates,
    cache_read: cached,
    cache_creation: 0,
  };
}
