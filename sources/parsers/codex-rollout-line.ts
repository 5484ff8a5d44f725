// Reads one line of a Codex rollout JSONL: a capacity reading from `token_count` events, nothing from others.
import type { Bar, Bars, Tokens } from '../../ledger/schemas/index.js';
import { isObject } from './is-object.js';

export interface RolloutReading {
  /** When Codex logged the event (the line's `timestamp`). */
  capturedAt: string;
  bars: Bars;
  tokens?: Tokens;
  /** The event's own request (`last_token_usage`): what a fork's first event adds to the totals it went on from. */
  lastTokens?: Tokens;
}

/**
 * A reading (with notes on parts left out), the model of the turns that follow (a `turn_context` line), what the
 * `session_meta` says of the session (its working directory, the session a fork came from), nothing, or why the line
 * could not be read at all.
 */
export type RolloutLine =
  | { reading: RolloutReading; notes: string[] }
  | { model: string }
  | { session: RolloutSession }
  | { skip: true }
  | { error: string };

/** What a rollout's `session_meta` says of its session; each field absent where the line does not say it. */
export interface RolloutSession {
  /** The folder Codex ran in (`payload.cwd`): `tracker usage --by project`. */
  cwd?: string;
  /** The session it was forked from (`payload.forked_from_id`). */
  forkedFrom?: string;
}

const SKIP = { skip: true } as const;

/**
 * Shape (Codex 0.5x and later): `{"timestamp":…,"type":"event_msg","payload":{"type":"token_count","info":
 * {"total_token_usage":{input_tokens, cached_input_tokens, output_tokens, reasoning_output_tokens,
 * total_tokens},"last_token_usage":{…the same fields, of the one request…},…}|null,"rate_limits":{"primary":
 * {used_percent, window_minutes, resets_at|resets_in_seconds},"secondary":{…}}|null}}`. A null `info` or null limits are left out, never read as zero. Never throws.
 */
export function readRolloutLine(line: string): RolloutLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  // Codex logs each turn's settings before its token counts: `{"type":"turn_context","payload":{…,"model":"gpt-5-codex",…}}`
  // (the real 0.169.0 rollout in test-fixtures/real). The turns' model prices their tokens.
  // `codex exec fork ID` (0.169.0) starts a new file whose session_meta names the parent, and whose token totals
  // go on from the parent's: 20,314 after a 10,220-token turn forked from a 10,094-token session (docs/codex-rollouts.md).
  // Its `cwd` is the folder the session ran in (`"cwd":"/tmp/tmp.c5bFb53gEY/repo"` in the real 0.169.0 rollout).
  if (isObject(value) && value.type === 'session_meta' && isObject(value.payload)) {
    const { forked_from_id: parent, cwd } = value.payload;
    const session: RolloutSession = {
      ...(typeof cwd === 'string' && cwd !== '' ? { cwd } : {}),
      ...(typeof parent === 'string' && parent !== '' ? { forkedFrom: parent } : {}),
    };
    return Object.keys(session).length > 0 ? { session } : SKIP;
  }
  if (isObject(value) && value.type === 'turn_context' && isObject(value.payload))
    return typeof value.payload.model === 'string' && value.payload.model !== '' ? { model: value.payload.model } : SKIP;
  if (!isObject(value) || !isObject(value.payload) || value.payload.type !== 'token_count') return SKIP;
  const at = typeof value.timestamp === 'string' ? Date.parse(value.timestamp) : Number.NaN;
  if (Number.isNaN(at)) return { error: 'token_count event without a timestamp' };
  const bars: Bars = {};
  const notes: string[] = [];
  const limits = value.payload.rate_limits;
  if (isObject(limits)) {
    for (const name of ['primary', 'secondary'] as const) {
      const limit = limits[name];
      if (limit === null || limit === undefined) continue;
      const read = readLimit(limit, at);
      // A bad limit is left out, with a note; the event's tokens and other limit still count.
      if (typeof read === 'string') notes.push(`rate_limits.${name}.${read}`);
      else if (read) bars[read.name] = read.bar;
    }
  }
  const info = isObject(value.payload.info) ? value.payload.info : {};
  const tokens = readTokens(info.total_token_usage);
  if (typeof tokens === 'string') notes.push(`info.total_token_usage.${tokens}`);
  const counted = typeof tokens === 'string' ? null : tokens;
  if (!counted && Object.keys(bars).length === 0) return notes.length > 0 ? { error: notes.join('; ') } : SKIP;
  // The request's own count matters only beside the totals (a fork's base); a bad one is left out, never guessed.
  const last = counted ? readTokens(info.last_token_usage) : null;
  const reading: RolloutReading = { capturedAt: new Date(at).toISOString(), bars };
  if (counted) reading.tokens = counted;
  if (last !== null && typeof last !== 'string') reading.lastTokens = last;
  return { reading, notes };
}

/** A limit is placed by its window length, not its name: some accounts get only the weekly one, as `primary`. */
function readLimit(limit: unknown, at: number): { name: keyof Bars; bar: Bar } | null | string {
  if (!isObject(limit)) return 'expected an object';
  const pct = limit.used_percent;
  if (pct === null || pct === undefined) return null;
  if (typeof pct !== 'number' || pct < 0 || pct > 100) return `used_percent: expected a number from 0 to 100, got ${JSON.stringify(pct)}`;
  const minutes = typeof limit.window_minutes === 'number' && limit.window_minutes > 0 ? limit.window_minutes : null;
  const name = minutes === null ? null : minutes <= 360 ? 'five_hour' : minutes >= 6 * 1440 && minutes <= 8 * 1440 ? 'weekly' : null;
  if (name === null || minutes === null) return null;
  const resetsMs =
    typeof limit.resets_at === 'number'
      ? limit.resets_at * 1000
      : typeof limit.resets_in_seconds === 'number'
        ? at + limit.resets_in_seconds * 1000
        : null;
  if (resetsMs !== null && !isPlausibleTime(resetsMs))
    return `resets_at: expected a time within a few centuries, got ${JSON.stringify(limit.resets_at ?? limit.resets_in_seconds)}`;
  return { name, bar: { used_pct: pct, resets_at: resetsMs === null ? null : new Date(resetsMs).toISOString(), window_minutes: minutes } };
}

/** A `*_token_usage` object of Codex's token_count info as tokens; null when absent, why when malformed. */
function readTokens(usage: unknown): Tokens | null | string {
  if (!isObject(usage)) return null;
  const count = (key: string): number | undefined =>
    typeof usage[key] === 'number' && Number.isInteger(usage[key]) && (usage[key] as number) >= 0 ? (usage[key] as number) : undefined;
  const total = count('total_tokens');
  if (total === undefined) return 'total_tokens: expected a whole number';
  const input = count('input_tokens');
  const output = count('output_tokens');
  const cacheRead = count('cached_input_tokens');
  return {
    total,
    ...(input === undefined ? {} : { input }),
    ...(output === undefined ? {} : { output }),
    ...(cacheRead === undefined ? {} : { cache_read: cacheRead }),
  };
}

/** Between 2000 and 2200: anything else is a unit mix-up (milliseconds for seconds) or garbage, not a reset. */
export function isPlausibleTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= 946_684_800_000 && ms <= 7_258_118_400_000;
}
