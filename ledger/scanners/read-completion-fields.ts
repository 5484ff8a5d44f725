// Reads what a window view needs from completion (window) lines, in place; other forms go through JSON.parse.
import type { Capacity, Outcome } from '../schemas/index.js';
import { OUTCOMES } from '../vocabulary/index.js';
import { findNumberEnd, readNumberBetween, readStringAt } from './field-cursor.js';
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

/**
 * See read-snapshot-fields.ts for why reading canonical lines in place is safe. Fields are searched in the
 * order the ledger writes them, each from the last; where the ledger writes one right after the previous
 * value it is checked there first (nothing lies between, so it is also the first match a search would find).
 */
export function createCompletionReader(text: string, decode: (start: number, end: number) => string): LineReader<CompletionFields> {
  return (start, end) => {
    const head = readHead(text, start, end, 'window"');
    if (head === null) return null;
    if (head === undefined) return parseCompletion(decode(start, end));
    const { key, agentAt } = head;
    const keyEnd = agentAt + 12 + key.length;
    const featureAt = text.startsWith(',"feature_id":', keyEnd + 1) ? keyEnd + 2 : findAfter(text, '"feature_id":', agentAt, end);
    const qualityAt = findAfter(text, '"quality_score":', featureAt, end);
    if (qualityAt === -1) return parseCompletion(decode(start, end));
    const scoreEnd = findNumberEnd(text, qualityAt + 16);
    const outcomeAt = text.startsWith(',"outcome":"', scoreEnd) ? scoreEnd + 1 : findAfter(text, '"outcome":"', qualityAt, end);
    const outcome = outcomeAt === -1 ? undefined : readStringAt(text, outcomeAt + 11);
    const outcomeEnd = outcomeAt + 11 + (outcome?.length ?? 0);
    const capacityAt =
      outcome !== undefined && text.startsWith(',"capacity":', outcomeEnd + 1)
        ? outcomeEnd + 2
        : findAfter(text, '"capacity":', outcomeAt, end);
    const errorsAt = findAfter(text, '"errors":[', capacityAt, end);
    if (errorsAt === -1) return parseCompletion(decode(start, end));
    const score = readNumberBetween(text, qualityAt + 16, scoreEnd);
    const known = toOutcome(outcome);
    const featureId = text.charCodeAt(featureAt + 13) === 34 ? readStringAt(text, featureAt + 14) : null;
    const fast = readCapacityAt(text, capacityAt + 11);
    const capacity = fast !== undefined ? fast : toCapacity(readFlatJson(text, capacityAt + 11, '}', end));
    const errors = text.charCodeAt(errorsAt + 10) === 93 ? [] : readFlatJson(text, errorsAt + 9, ']', end);
    if (score === null || known === undefined || featureId === undefined || capacity === undefined || !isStringList(errors)) {
      return parseCompletion(decode(start, end));
    }
    const id = readRowId(text, start);
    if (id === undefined) return parseCompletion(decode(start, end));
    return { id, key, quality: score, outcome: known, featureId, capacity, errors, source: readRowSource(text, start, agentAt) };
  };
}

/**
 * The canonical `{"unit":"pct_5h","before":1,"after":2,"delta":1}` read in place, finite numbers or nulls (the
 * shape toCapacity checks); undefined for any other form.
 */
function readCapacityAt(text: string, at: number): Capacity | null | undefined {
  if (text.startsWith('null', at)) return null;
  const unit = text.startsWith('{"unit":"pct_5h","before":', at)
    ? 'pct_5h'
    : text.startsWith('{"unit":"tokens","before":', at)
      ? 'tokens'
      : undefined;
  if (unit === undefined) return undefined;
  const before = readNumberOrNullAt(text, at + 26);
  if (before === undefined || !text.startsWith(',"after":', valueEnd)) return undefined;
  const after = readNumberOrNullAt(text, valueEnd + 9);
  if (after === undefined || !text.startsWith(',"delta":', valueEnd)) return undefined;
  const delta = readNumberOrNullAt(text, valueEnd + 9);
  if (delta === undefined || text.charCodeAt(valueEnd) !== 125) return undefined;
  return { unit, before, after, delta };
}

/** Where the value readNumberOrNullAt read last ended: a module-level cursor, so that no object is made per value. */
let valueEnd = 0;

/** `null`, or a finite number; undefined for anything else. Sets valueEnd. */
function readNumberOrNullAt(text: string, at: number): number | null | undefined {
  if (text.startsWith('null', at)) {
    valueEnd = at + 4;
    return null;
  }
  valueEnd = findNumberEnd(text, at);
  return readNumberBetween(text, at, valueEnd) ?? undefined;
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
