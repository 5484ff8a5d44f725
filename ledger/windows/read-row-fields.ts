// Reads the few fields a window view needs straight out of a ledger line, without parsing the whole row.
import type { Outcome } from '../schemas/index.js';
import { OUTCOMES } from '../schemas/index.js';
import type { CapacityPoint } from './compute-capacity.js';

export interface SnapshotFields {
  id: string;
  agentId: string;
  provider: string;
  windowId: string;
  phase: 'before' | 'after';
  point: CapacityPoint;
}

export interface CompletionFields {
  id: string;
  agentId: string;
  provider: string;
  windowId: string;
  quality: number;
  outcome: Outcome;
  featureId: string | null;
}

/**
 * The ledger writes canonical JSON (JSON.stringify, no spaces), where a key pattern like `"provider":"`
 * cannot occur inside a string value: quotes in values are escaped as `\"`. So the first match of a
 * pattern is the top-level field. Lines not in that form (hand-edited) go through JSON.parse instead.
 * Returns null for rows of other kinds, undefined for lines that are not a readable row.
 */
export function readSnapshotFields(line: string): SnapshotFields | null | undefined {
  if (!line.includes('"kind":"snapshot"')) return line.includes('"kind":"') ? null : readParsedSnapshot(line);
  const id = readString(line, '"id":"');
  const agentId = readString(line, '"agent_id":"');
  const provider = readString(line, '"provider":"');
  const windowId = readString(line, '"window_id":"');
  const phase = readString(line, '"phase":"');
  const capturedAt = readString(line, '"captured_at":"');
  if (!id || !agentId || !provider || !windowId || !capturedAt || (phase !== 'before' && phase !== 'after')) return readParsedSnapshot(line);
  const fiveHour = readObject(line, '"five_hour":{');
  const tokens = readObject(line, '"tokens":{');
  const reset = fiveHour === null ? null : readString(fiveHour, '"resets_at":"');
  const point: CapacityPoint = {
    at: Date.parse(capturedAt),
    pct5h: fiveHour === null ? null : readNumber(fiveHour, '"used_pct":'),
    tokens: tokens === null ? null : readNumber(tokens, '"total":'),
    reset5h: reset ? Date.parse(reset) : null,
  };
  if ((fiveHour !== null && point.pct5h === null) || (tokens !== null && point.tokens === null)) return readParsedSnapshot(line);
  return { id, agentId, provider, windowId, phase, point };
}

export function readCompletionFields(line: string): CompletionFields | null | undefined {
  if (!line.includes('"kind":"window"')) return line.includes('"kind":"') ? null : readParsedCompletion(line);
  const id = readString(line, '"id":"');
  const agentId = readString(line, '"agent_id":"');
  const provider = readString(line, '"provider":"');
  const windowId = readString(line, '"window_id":"');
  const quality = readNumber(line, '"quality_score":');
  const outcome = OUTCOMES.find((known) => known === readString(line, '"outcome":"'));
  if (!id || !agentId || !provider || !windowId || quality === null || !outcome) return readParsedCompletion(line);
  const featureId = line.includes('"feature_id":null') ? null : readString(line, '"feature_id":"') ?? null;
  return { id, agentId, provider, windowId, quality, outcome, featureId };
}

function readString(text: string, pattern: string): string | undefined {
  const at = text.indexOf(pattern);
  if (at === -1) return undefined;
  const start = at + pattern.length;
  const end = text.indexOf('"', start);
  if (end === -1) return undefined;
  const value = text.slice(start, end);
  return value.includes('\\') ? undefined : value;
}

function readNumber(text: string, pattern: string): number | null {
  const at = text.indexOf(pattern);
  if (at === -1) return null;
  const start = at + pattern.length;
  let end = start;
  while (end < text.length && '-+.0123456789eE'.includes(text[end] as string)) end += 1;
  const value = Number(text.slice(start, end));
  return end > start && Number.isFinite(value) ? value : null;
}

/** The text of a flat object value (bars and token counts hold no nested objects). */
function readObject(text: string, pattern: string): string | null {
  const at = text.indexOf(pattern);
  if (at === -1) return null;
  const end = text.indexOf('}', at);
  return end === -1 ? null : text.slice(at + pattern.length - 1, end + 1);
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readParsedSnapshot(line: string): SnapshotFields | null | undefined {
  const row = parseObject(line);
  if (!row) return undefined;
  if (row.kind !== 'snapshot') return null;
  const { id, agent_id: agentId, provider, window_id: windowId, phase, captured_at: capturedAt } = row;
  const bars = row.bars as { five_hour?: { used_pct?: unknown; resets_at?: unknown } } | undefined;
  const tokens = row.tokens as { total?: unknown } | undefined;
  if (typeof id !== 'string' || typeof agentId !== 'string' || typeof provider !== 'string' || typeof windowId !== 'string' || typeof capturedAt !== 'string') return undefined;
  if (phase !== 'before' && phase !== 'after') return undefined;
  const pct = bars?.five_hour?.used_pct;
  const reset = bars?.five_hour?.resets_at;
  const total = tokens?.total;
  return {
    id,
    agentId,
    provider,
    windowId,
    phase,
    point: {
      at: Date.parse(capturedAt),
      pct5h: typeof pct === 'number' ? pct : null,
      tokens: typeof total === 'number' ? total : null,
      reset5h: typeof reset === 'string' ? Date.parse(reset) : null,
    },
  };
}

function readParsedCompletion(line: string): CompletionFields | null | undefined {
  const row = parseObject(line);
  if (!row) return undefined;
  if (row.kind !== 'window') return null;
  const { id, agent_id: agentId, provider, window_id: windowId, quality_score: quality, feature_id: featureId } = row;
  const outcome = OUTCOMES.find((known) => known === row.outcome);
  if (typeof id !== 'string' || typeof agentId !== 'string' || typeof provider !== 'string' || typeof windowId !== 'string' || typeof quality !== 'number' || !outcome) return undefined;
  return { id, agentId, provider, windowId, quality, outcome, featureId: typeof featureId === 'string' ? featureId : null };
}
