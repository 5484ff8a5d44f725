// Reads the JSON Claude Code pipes to a statusLine command: model, session and the subscription's rate limits.
import type { Bar, Bars } from '../../../ledger/schemas/index.js';
import { isPlausibleTime } from '../codex-rollout-line.js';
import { fail, succeed, type ParseResult } from '../parse-result.js';

/** A session id is a UUID (36 characters): past this it is no id, and only its start is kept (as the model's name is cut). */
export const MAX_SESSION_ID_CHARS = 200;

export interface StatuslineInput {
  model: string | null;
  sessionId: string | null;
  /** Empty when Claude Code sent no `rate_limits` (API-key use, or before the session's first response). */
  bars: Bars;
}

/**
 * Shape (Claude Code 2.x): `{"model":{"display_name":…},"session_id":…,"rate_limits":{"five_hour":
 * {"used_percentage":23.5,"resets_at":1738425600},"seven_day":{…}}}` with `resets_at` in epoch seconds.
 * Checked by hand rather than with zod: this runs on every prompt, and importing zod costs ~55 ms.
 * Never throws.
 */
export function parseClaudeStatusline(text: string): ParseResult<StatuslineInput> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(text.trim() === '' ? 'input is empty' : 'input is not JSON');
  }
  if (!isObject(value)) return fail('expected a JSON object');
  const rawModel =
    isObject(value.model) && typeof value.model.display_name === 'string'
      ? value.model.display_name
      : typeof value.model === 'string'
        ? value.model
        : null;
  // The model name is printed on the user's terminal: one line, no control characters.
  const model =
    rawModel === null
      ? null
      : rawModel
          .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
          .trim()
          .slice(0, 80) || null;
  // Kept in a reading row at every prompt: a 900 KB id was written whole into each.
  const sessionId =
    typeof value.session_id === 'string' && value.session_id !== '' ? value.session_id.slice(0, MAX_SESSION_ID_CHARS) : null;
  const bars: Bars = {};
  if (value.rate_limits !== undefined && value.rate_limits !== null) {
    if (!isObject(value.rate_limits)) return fail('rate_limits: expected an object');
    for (const [name, bar, minutes] of [
      ['five_hour', 'five_hour', 300],
      ['seven_day', 'weekly', 10080],
    ] as const) {
      const raw = value.rate_limits[name];
      if (raw === undefined || raw === null) continue;
      const read = readBar(raw, minutes);
      if (typeof read === 'string') return fail(`rate_limits.${name}.${read}`);
      bars[bar] = read;
    }
  }
  return succeed({ model, sessionId, bars });
}

function readBar(raw: unknown, minutes: number): Bar | string {
  if (!isObject(raw)) return 'used_percentage: expected an object with used_percentage';
  const pct = raw.used_percentage;
  if (typeof pct !== 'number' || !Number.isFinite(pct) || pct < 0 || pct > 100)
    return `used_percentage: expected a number from 0 to 100, got ${JSON.stringify(pct)}`;
  const resets = raw.resets_at;
  // Epoch seconds as Claude Code sends them; a value past the year 5000 can only be milliseconds.
  const ms =
    typeof resets === 'number'
      ? Math.abs(resets) >= 1e11
        ? resets
        : resets * 1000
      : typeof resets === 'string'
        ? Date.parse(resets)
        : null;
  if (resets !== undefined && resets !== null && (ms === null || !isPlausibleTime(ms)))
    return `resets_at: expected epoch seconds, got ${JSON.stringify(resets)}`;
  return { used_pct: pct, resets_at: ms === null ? null : new Date(ms).toISOString(), window_minutes: minutes };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
