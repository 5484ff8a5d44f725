// Reads what a window view needs from completion (window) lines, in place; other forms go through JSON.parse.
import { OUTCOMES, type Capacity, type Outcome } from '../schemas/index.js';
import { readNumberAt, readStringAt } from './field-cursor.js';
import { findAfter, parseObject, readHead, readIdentity, readRowId, readRowSource, type LineReader, type WindowKey } from './row-head.js';

export interface CompletionFields {
  id: string;
  key: WindowKey;
  quality: number;
  outcome: Outcome;
  featureId: string | null;
  /** The capacity recorded when the window was finalized; the window's captures can no longer change. */
  capacity: Capacity | null;
  errors: string[];
  source: string;
}

/** See read-snapshot-fields.ts for why reading canonical lines in place is safe. */
export function createCompletionReader(text: string, decode: (start: number, end: number) => string): LineReader<CompletionFields> {
  return (start, end) => {
    const head = readHead(text, start, end, 'window"');
    if (head === null) return null;
    if (head === undefined) return parseCompletion(decode(start, end));
    const { key, agentAt } = head;
    const featureAt = findAfter(text, '"feature_id":', agentAt, end);
    const qualityAt = findAfter(text, '"quality_score":', featureAt, end);
    const outcomeAt = findAfter(text, '"outcome":"', qualityAt, end);
    const capacityAt = findAfter(text, '"capacity":', outcomeAt, end);
    const errorsAt = findAfter(text, '"errors":[', capacityAt, end);
    if (errorsAt === -1) return parseCompletion(decode(start, end));
    const score = readNumberAt(text, qualityAt + 16);
    const known = toOutcome(readStringAt(text, outcomeAt + 11));
    const featureId = text.charCodeAt(featureAt + 13) === 34 ? readStringAt(text, featureAt + 14) : null;
    const capacity = readCapacityAt(text, capacityAt + 11) ?? readFlatJson(text, capacityAt + 11, '}', end);
    const errors = text.charCodeAt(errorsAt + 10) === 93 ? [] : readFlatJson(text, errorsAt + 9, ']', end);
    const checked = toCapacity(capacity);
    if (score === null || known === undefined || featureId === undefined || checked === undefined || !isStringList(errors)) {
      return parseCompletion(decode(start, end));
    }
    const id = readRowId(text, start);
    if (id === undefined) return parseCompletion(decode(start, end));
    return { id, key, quality: score, outcome: known, featureId, capacity: checked, errors, source: readRowSource(text, start, agentAt) };
  };
}

/** The canonical `{"unit":"pct_5h","before":1,"after":2,"delta":1}` read in place; undefined for any other form. */
function readCapacityAt(text: string, at: number): Capacity | null | undefined {
  if (text.startsWith('null', at)) return null;
  let unit: Capacity['unit'];
  let cursor: number;
  if (text.startsWith('{"unit":"pct_5h","before":', at)) {
    unit = 'pct_5h';
    cursor = at + 26;
  } else if (text.startsWith('{"unit":"tokens","before":', at)) {
    unit = 'tokens';
    cursor = at + 26;
  } else {
    return undefined;
  }
  const values: (number | null)[] = [];
  for (const label of [',"after":', ',"delta":', '}']) {
    const value = text.startsWith('null', cursor) ? null : readNumberAt(text, cursor);
    const length = value === null ? (text.startsWith('null', cursor) ? 4 : -1) : numberLength(text, cursor);
    if (length === -1 || !text.startsWith(label, cursor + length)) return undefined;
    values.push(value);
    cursor += length + label.length;
  }
  const [before = null, after = null, delta = null] = values;
  return { unit, before, after, delta };
}

function numberLength(text: string, at: number): number {
  let end = at;
  while ('-+.0123456789eE'.includes(text.charAt(end)) && end < text.length) end += 1;
  return end - at;
}

/** `null`, or the flat object or array at `at` (no nesting), parsed. Undefined when it is neither. */
function readFlatJson(text: string, at: number, closer: '}' | ']', end: number): unknown {
  if (text.startsWith('null', at)) return null;
  const close = text.indexOf(closer, at);
  if (close === -1 || close >= end) return undefined;
  try {
    return JSON.parse(text.slice(at, close + 1));
  } catch {
    return undefined;
  }
}

/** The capacity shape, checked by hand: zod here would cost seconds over a large ledger (it checked the row on write). */
function toCapacity(value: unknown): Capacity | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'object' || value === undefined) return undefined;
  const { unit, before, after, delta, tokens } = value as Record<string, unknown>;
  const numberOrNull = (n: unknown): n is number | null => n === null || (typeof n === 'number' && Number.isFinite(n));
  if ((unit !== 'pct_5h' && unit !== 'tokens') || !numberOrNull(before) || !numberOrNull(after) || !numberOrNull(delta)) return undefined;
  if (tokens === undefined) return { unit, before, after, delta };
  const side = tokens as Record<string, unknown> | null;
  if (typeof side?.before !== 'number' || typeof side.after !== 'number' || !numberOrNull(side.delta)) return undefined;
  return { unit, before, after, delta, tokens: { before: side.before, after: side.after, delta: side.delta } };
}

function toOutcome(value: string | undefined): Outcome | undefined {
  return OUTCOMES.find((known) => known === value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function parseCompletion(line: string): CompletionFields | null | undefined {
  const row = parseObject(line);
  if (!row) return undefined;
  if (row.kind !== 'window') return typeof row.kind === 'string' ? null : undefined;
  const identity = readIdentity(row);
  const outcome = toOutcome(row.outcome as string);
  const capacity = toCapacity(row.capacity ?? null);
  const errors = row.errors ?? [];
  if (!identity || typeof row.quality_score !== 'number' || !outcome || capacity === undefined || !isStringList(errors)) return undefined;
  return {
    ...identity,
    quality: row.quality_score,
    outcome,
    featureId: typeof row.feature_id === 'string' ? row.feature_id : null,
    capacity,
    errors,
    source: typeof row.source === 'string' ? row.source : 'manual',
  };
}
