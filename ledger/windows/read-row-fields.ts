// Reads the few fields a window view needs straight out of ledger lines, without parsing whole rows.
import { OUTCOMES, type Outcome } from '../schemas/index.js';
import type { CapacityPoint } from './compute-capacity.js';
import { createFieldCursor, readIsoTimeAt, readNumberAt, readStringAt } from './field-cursor.js';

/** A window's identity as one string: `AGENT","provider":"PROVIDER","window_id":"WINDOW`. */
export type WindowKey = string;

export interface SnapshotFields {
  id: string;
  key: WindowKey;
  phase: 'before' | 'after';
  point: CapacityPoint;
}

export interface CompletionFields {
  id: string;
  key: WindowKey;
  quality: number;
  outcome: Outcome;
  featureId: string | null;
}

/** Reads the fields of the line text[start, end): the fields, null for a row of another kind, undefined if unreadable. */
export type LineReader<T> = (start: number, end: number) => T | null | undefined;

const KEY_MIDDLE = ['","provider":"', '","window_id":"'] as const;

export function buildWindowKey(agentId: string, provider: string, windowId: string): WindowKey {
  return `${agentId}${KEY_MIDDLE[0]}${provider}${KEY_MIDDLE[1]}${windowId}`;
}

export function splitWindowKey(key: WindowKey): { agentId: string; provider: string; windowId: string } {
  const [agentId = '', rest = ''] = key.split(KEY_MIDDLE[0]);
  const [provider = '', windowId = ''] = rest.split(KEY_MIDDLE[1]);
  return { agentId, provider, windowId };
}

/**
 * The ledger writes canonical JSON (JSON.stringify, stamp first, then agent_id, provider, window_id
 * side by side), where a key pattern such as `"phase":"` cannot occur inside a string value because
 * quotes in values are escaped. So the first match in a line is the top-level field, and the window
 * key can be cut out in one slice. Lines in any other form go through JSON.parse.
 */
export function createSnapshotReader(text: string, decode: (start: number, end: number) => string): LineReader<SnapshotFields> {
  // Optional parts may be absent from many lines: cursors find them with one scan of the chunk.
  const fiveHour = createFieldCursor(text, '"five_hour":{"used_pct":');
  const resets = createFieldCursor(text, '"resets_at":');
  const tokens = createFieldCursor(text, '"tokens":{');
  const total = createFieldCursor(text, '"total":');
  return (start, end) => {
    const head = readHead(text, start, end, 'snapshot"');
    if (head === null) return null;
    if (head === undefined) return parseSnapshot(decode(start, end));
    const { id, key, agentAt } = head;
    // Fields a snapshot always has are searched in the order the ledger writes them, each from the last.
    const phaseAt = findAfter(text, '"phase":"', agentAt, end);
    const capturedAt = findAfter(text, '"captured_at":"', phaseAt, end);
    if (phaseAt === -1 || capturedAt === -1) return parseSnapshot(decode(start, end));
    const at = readIsoTimeAt(text, capturedAt + 15);
    const point: CapacityPoint = { at, pct5h: null, tokens: null, reset5h: null };
    const fiveAt = fiveHour(capturedAt, end);
    if (fiveAt !== -1) {
      point.pct5h = readNumberAt(text, fiveAt + 24);
      const resetAt = resets(fiveAt, text.indexOf('}', fiveAt));
      if (resetAt !== -1 && text.charCodeAt(resetAt + 12) === 34) point.reset5h = readIsoTimeAt(text, resetAt + 13);
    }
    const tokensAt = tokens(capturedAt, end);
    if (tokensAt !== -1) {
      const totalAt = total(tokensAt, text.indexOf('}', tokensAt));
      point.tokens = totalAt === -1 ? null : readNumberAt(text, totalAt + 8);
    }
    if ((fiveAt !== -1 && point.pct5h === null) || (tokensAt !== -1 && point.tokens === null) || Number.isNaN(at)) return parseSnapshot(decode(start, end));
    return { id, key, phase: text.charCodeAt(phaseAt + 9) === 98 ? 'before' : 'after', point };
  };
}

export function createCompletionReader(text: string, decode: (start: number, end: number) => string): LineReader<CompletionFields> {
  return (start, end) => {
    const head = readHead(text, start, end, 'window"');
    if (head === null) return null;
    if (head === undefined) return parseCompletion(decode(start, end));
    const { id, key, agentAt } = head;
    const featureAt = findAfter(text, '"feature_id":', agentAt, end);
    const qualityAt = findAfter(text, '"quality_score":', featureAt, end);
    const outcomeAt = findAfter(text, '"outcome":"', qualityAt, end);
    if (outcomeAt === -1) return parseCompletion(decode(start, end));
    const score = readNumberAt(text, qualityAt + 16);
    const known = toOutcome(readStringAt(text, outcomeAt + 11));
    const featureId = text.charCodeAt(featureAt + 13) === 34 ? readStringAt(text, featureAt + 14) : null;
    if (score === null || known === undefined || featureId === undefined) return parseCompletion(decode(start, end));
    return { id, key, quality: score, outcome: known, featureId };
  };
}

/** The offset of `pattern` after `from` and before `end`, or -1 (also when `from` is -1). */
function findAfter(text: string, pattern: string, from: number, end: number): number {
  if (from === -1) return -1;
  const at = text.indexOf(pattern, from);
  return at !== -1 && at < end ? at : -1;
}

/**
 * The start every canonical row shares: `{"id":"…","kind":"KIND"`, then agent_id, provider and window_id
 * side by side. Null for a canonical row of another kind; undefined when the line is not canonical.
 */
function readHead(text: string, start: number, end: number, kindValue: string): { id: string; key: WindowKey; agentAt: number } | null | undefined {
  const id = text.startsWith('{"id":"', start) ? readStringAt(text, start + 7) : undefined;
  if (id === undefined) return undefined;
  const kindAt = start + id.length + 9;
  if (!text.startsWith('"kind":"', kindAt)) return undefined;
  if (!text.startsWith(kindValue, kindAt + 8)) return null;
  const agentAt = findAfter(text, '"agent_id":"', kindAt, end);
  const key = readKey(text, agentAt);
  return key === undefined ? undefined : { id, key, agentAt };
}

/** Cuts `AGENT","provider":"P","window_id":"W` when the three fields sit side by side, as the ledger writes them. */
function readKey(text: string, agentAt: number): WindowKey | undefined {
  if (agentAt === -1) return undefined;
  const start = agentAt + 12;
  const agentEnd = text.indexOf('"', start);
  if (!text.startsWith(KEY_MIDDLE[0], agentEnd)) return undefined;
  const providerEnd = text.indexOf('"', agentEnd + KEY_MIDDLE[0].length);
  if (!text.startsWith(KEY_MIDDLE[1], providerEnd)) return undefined;
  const end = text.indexOf('"', providerEnd + KEY_MIDDLE[1].length);
  const key = text.slice(start, end);
  return key.includes('\\') ? undefined : key;
}

function toOutcome(value: string | undefined): Outcome | undefined {
  return OUTCOMES.find((known) => known === value);
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readIdentity(row: Record<string, unknown>): { id: string; key: WindowKey } | undefined {
  const { id, agent_id: agentId, provider, window_id: windowId } = row;
  if (typeof id !== 'string' || typeof agentId !== 'string' || typeof provider !== 'string' || typeof windowId !== 'string') return undefined;
  return { id, key: buildWindowKey(agentId, provider, windowId) };
}

function parseSnapshot(line: string): SnapshotFields | null | undefined {
  const row = parseObject(line);
  if (!row) return undefined;
  if (row.kind !== 'snapshot') return typeof row.kind === 'string' ? null : undefined;
  const identity = readIdentity(row);
  const at = typeof row.captured_at === 'string' ? Date.parse(row.captured_at) : NaN;
  if (!identity || (row.phase !== 'before' && row.phase !== 'after') || Number.isNaN(at)) return undefined;
  const fiveHour = (row.bars as { five_hour?: { used_pct?: unknown; resets_at?: unknown } } | undefined)?.five_hour;
  const total = (row.tokens as { total?: unknown } | undefined)?.total;
  return {
    ...identity,
    phase: row.phase,
    point: {
      at,
      pct5h: typeof fiveHour?.used_pct === 'number' ? fiveHour.used_pct : null,
      tokens: typeof total === 'number' ? total : null,
      reset5h: typeof fiveHour?.resets_at === 'string' ? Date.parse(fiveHour.resets_at) : null,
    },
  };
}

function parseCompletion(line: string): CompletionFields | null | undefined {
  const row = parseObject(line);
  if (!row) return undefined;
  if (row.kind !== 'window') return typeof row.kind === 'string' ? null : undefined;
  const identity = readIdentity(row);
  const outcome = toOutcome(row.outcome as string);
  if (!identity || typeof row.quality_score !== 'number' || !outcome) return undefined;
  return { ...identity, quality: row.quality_score, outcome, featureId: typeof row.feature_id === 'string' ? row.feature_id : null };
}
