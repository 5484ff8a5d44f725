// Reads a canonical completion (window) row from its raw bytes into columns: no string and no object per row.
import { OUTCOMES, ROW_SOURCES } from '../vocabulary/index.js';
import { createFinder, findName, findStringEnd, matchesAt, toBytes } from './byte-search.js';
import { createKeySpan, readKeyBytes, type KeySpan } from './read-key-bytes.js';
import { HEAD_NOT_CANONICAL, HEAD_OTHER_KIND } from './row-head.js';

/** One row's fields, filled in by readCompletionBytes (reused from row to row). Offsets are into the bytes read. */
export interface CompletionRow {
  span: KeySpan;
  idStart: number;
  idEnd: number;
  quality: number;
  /** Index in OUTCOMES. */
  outcome: number;
  /** 0 for a null capacity, 1 pct_5h, 2 tokens (CompletionTable's codes). */
  unit: number;
  /** NaN for null. */
  before: number;
  after: number;
  delta: number;
  /** Index in ROW_SOURCES; a source the ledger does not know reads as manual (0), as the table always had it. */
  source: number;
  /** -1 for a null feature id. */
  featureStart: number;
  featureEnd: number;
}

export const ROW_READ = 0;
export const ROW_OTHER_KIND = 1;
/** Not read here: the caller reads the line as text (createCompletionReader), which decides. */
export const ROW_AS_TEXT = 2;

const WINDOW_KIND = toBytes('window"');
const FEATURE_NEXT = toBytes(',"feature_id":');
const OUTCOME_NEXT = toBytes(',"outcome":"');
const CAPACITY_NEXT = toBytes(',"capacity":');
const SOURCE = toBytes('"source":"');
const NULL = toBytes('null');
const CAPACITY_OPEN = [toBytes('{"unit":"pct_5h","before":'), toBytes('{"unit":"tokens","before":')];
const AFTER = toBytes(',"after":');
const DELTA = toBytes(',"delta":');
const findFeature = createFinder(toBytes('"feature_id":'));
const findQuality = createFinder(toBytes('"quality_score":'));
const findOutcome = createFinder(toBytes('"outcome":"'));
const findCapacity = createFinder(toBytes('"capacity":'));
const findErrors = createFinder(toBytes('"errors":['));
const OUTCOME_NAMES = OUTCOMES.map(toBytes);
/** Exact powers of ten, as literals (a computed power need not be exact). */
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
const SOURCE_NAMES = ROW_SOURCES.map(toBytes);

export function createCompletionRow(): CompletionRow {
  return {
    span: createKeySpan(),
    idStart: -1,
    idEnd: -1,
    quality: 0,
    outcome: 0,
    unit: 0,
    before: 0,
    after: 0,
    delta: 0,
    source: 0,
    featureStart: -1,
    featureEnd: -1,
  };
}

/**
 * createCompletionReader (read-completion-fields.ts) on bytes, step for step: the same searches from the same
 * places, so a row read here has the fields the text reader gives. Anything it does not read the canonical
 * way (escapes, token sides, recorded errors, exponents, unknown outcomes) is left to the text reader.
 */
export function readCompletionBytes(bytes: Buffer, start: number, end: number, row: CompletionRow): number {
  const { span } = row;
  const verdict = readKeyBytes(bytes, start, end, WINDOW_KIND, span);
  if (verdict === HEAD_OTHER_KIND) return ROW_OTHER_KIND;
  if (verdict === HEAD_NOT_CANONICAL) return ROW_AS_TEXT;
  const featureAt = matchesAt(bytes, FEATURE_NEXT, span.keyEnd + 1, end) ? span.keyEnd + 2 : findFeature(bytes, span.agentAt, end);
  const qualityAt = findQuality(bytes, featureAt, end);
  if (qualityAt === -1) return ROW_AS_TEXT;
  const quality = readNumberBytes(bytes, qualityAt + 16, end);
  const scoreEnd = numberEnd;
  const outcomeAt = matchesAt(bytes, OUTCOME_NEXT, scoreEnd, end) ? scoreEnd + 1 : findOutcome(bytes, qualityAt, end);
  const outcomeEnd = outcomeAt === -1 ? -1 : findStringEnd(bytes, outcomeAt + 11, end);
  const capacityAt =
    outcomeEnd !== -1 && matchesAt(bytes, CAPACITY_NEXT, outcomeEnd + 1, end) ? outcomeEnd + 2 : findCapacity(bytes, outcomeAt, end);
  const errorsAt = findErrors(bytes, capacityAt, end);
  if (errorsAt === -1 || quality === null || outcomeEnd === -1 || bytes[errorsAt + 10] !== 0x5d) return ROW_AS_TEXT;
  row.outcome = findName(bytes, outcomeAt + 11, outcomeEnd, OUTCOME_NAMES);
  row.featureStart = bytes[featureAt + 13] === 0x22 ? featureAt + 14 : -1;
  row.featureEnd = row.featureStart === -1 ? -1 : findStringEnd(bytes, row.featureStart, end);
  row.idStart = start + 7;
  row.idEnd = findStringEnd(bytes, row.idStart, end);
  if (
    row.outcome === -1 ||
    (row.featureStart !== -1 && row.featureEnd === -1) ||
    row.idEnd === -1 ||
    !readCapacityBytes(bytes, capacityAt + 11, end, row)
  )
    return ROW_AS_TEXT;
  row.quality = quality;
  row.source = readSourceBytes(bytes, start, span.agentAt, end);
  return ROW_READ;
}

/** The canonical capacity (null, or unit, before, after, delta with numbers or nulls) into `row`; false for any other form. */
function readCapacityBytes(bytes: Buffer, at: number, end: number, row: CompletionRow): boolean {
  if (matchesAt(bytes, NULL, at, end)) {
    row.unit = 0;
    return true;
  }
  const unit = matchesAt(bytes, CAPACITY_OPEN[0] as Uint8Array, at, end)
    ? 1
    : matchesAt(bytes, CAPACITY_OPEN[1] as Uint8Array, at, end)
      ? 2
      : 0;
  if (unit === 0) return false;
  const before = readNumberOrNullBytes(bytes, at + 26, end);
  if (before === undefined || !matchesAt(bytes, AFTER, numberEnd, end)) return false;
  const after = readNumberOrNullBytes(bytes, numberEnd + AFTER.length, end);
  if (after === undefined || !matchesAt(bytes, DELTA, numberEnd, end)) return false;
  const delta = readNumberOrNullBytes(bytes, numberEnd + DELTA.length, end);
  if (delta === undefined || bytes[numberEnd] !== 0x7d) return false;
  row.unit = unit;
  row.before = before ?? Number.NaN;
  row.after = after ?? Number.NaN;
  row.delta = delta ?? Number.NaN;
  return true;
}

/** readRowSource on bytes: the `source` written before agent_id, as an index in ROW_SOURCES; 0 (manual) otherwise. */
function readSourceBytes(bytes: Uint8Array, start: number, agentAt: number, end: number): number {
  for (let at = agentAt; at >= start; at -= 1) {
    if (bytes[at] !== 0x22 || !matchesAt(bytes, SOURCE, at, end)) continue;
    const valueEnd = findStringEnd(bytes, at + SOURCE.length, end);
    return valueEnd === -1 ? 0 : Math.max(0, findName(bytes, at + SOURCE.length, valueEnd, SOURCE_NAMES));
  }
  return 0;
}

/** Where the number readNumberBytes or readNumberOrNullBytes read last ended: a cursor, so no object is made per value. */
let numberEnd = 0;

/** `null`, or a finite number; undefined for anything else. */
function readNumberOrNullBytes(bytes: Buffer, at: number, end: number): number | null | undefined {
  if (matchesAt(bytes, NULL, at, end)) {
    numberEnd = at + NULL.length;
    return null;
  }
  return readNumberBytes(bytes, at, end) ?? undefined;
}

/**
 * readNumberAt on bytes: the run of number characters at `at` as Number() reads it, or null. Integers of up to
 * 15 digits and decimals of up to 15 digits in all are computed exactly (an integer, or an integer divided by
 * a power of ten: both exact doubles, and division rounds correctly, as Number() does); others are decoded.
 */
function readNumberBytes(bytes: Buffer, at: number, end: number): number | null {
  const negative = bytes[at] === 0x2d;
  let cursor = negative ? at + 1 : at;
  let mantissa = 0;
  let digits = 0;
  let fraction = -1;
  for (; cursor < end; cursor += 1) {
    const byte = bytes[cursor] as number;
    if (byte >= 0x30 && byte <= 0x39) {
      mantissa = mantissa * 10 + (byte - 0x30);
      digits += 1;
    } else if (byte === 0x2e && fraction === -1 && digits > 0) {
      fraction = digits;
    } else {
      break;
    }
  }
  numberEnd = cursor;
  while (numberEnd < end && isNumberByte(bytes[numberEnd] as number)) numberEnd += 1;
  const plain = numberEnd === cursor && digits > 0 && digits <= 15 && fraction !== digits;
  if (plain) {
    const value = fraction === -1 ? mantissa : mantissa / (POWERS_OF_TEN[digits - fraction] as number);
    return negative ? -value : value;
  }
  if (numberEnd === at) return null;
  const value = Number(bytes.toString('latin1', at, numberEnd));
  return Number.isFinite(value) ? value : null;
}

/** 0-9 . - + e E: what readNumberAt takes as part of a number. */
function isNumberByte(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || byte === 0x2e || byte === 0x2d || byte === 0x2b || byte === 0x65 || byte === 0x45;
}
