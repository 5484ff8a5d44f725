// Finds the top-level "model" of a JSON request body without parsing the rest, and splices in a new one.

/** Where the model's JSON string sits in the body (offsets of its quotes, end exclusive). */
export interface ModelField {
  model: string;
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MODEL_KEY = Buffer.from('"model"');

/**
 * Walks the top level of the object only: strings are skipped with indexOf (a request is mostly message
 * text) and nesting is counted. JSON parsers keep the last of repeated keys, so the last top-level
 * "model" (escaped spellings included) is the one the back end will read. Null when the body is not a
 * JSON object or its model is not a string; the caller then routes it as a request without a model.
 */
export function findModelField(body: Buffer): ModelField | null {
  let pos = skipBlanks(body, 0);
  if (body[pos] !== 0x7b) return null;
  pos += 1;
  let depth = 1;
  let expectKey = true;
  let found: ModelField | null = null;
  while (pos < body.length) {
    const byte = body[pos];
    if (byte === QUOTE) {
      const close = findStringEnd(body, pos);
      if (close < 0) return null;
      if (depth === 1 && expectKey) {
        if (isModelKey(body, pos, close)) found = readModelValue(body, close + 1);
        expectKey = false;
      }
      pos = close + 1;
      continue;
    }
    if (byte === 0x7b || byte === 0x5b) depth += 1;
    else if (byte === 0x7d || byte === 0x5d) {
      depth -= 1;
      if (depth === 0) return found;
    } else if (byte === 0x2c && depth === 1) expectKey = true;
    pos += 1;
  }
  return null;
}

function isModelKey(body: Buffer, open: number, close: number): boolean {
  if (close - open + 1 === MODEL_KEY.length) return body.compare(MODEL_KEY, 0, MODEL_KEY.length, open, close + 1) === 0;
  // A key spelt with escapes ("mod\u0065l") is rare and short: decode it only then.
  const slash = close - open > 40 ? -1 : body.indexOf(BACKSLASH, open);
  if (slash < 0 || slash > close) return false;
  try {
    return JSON.parse(body.toString('utf8', open, close + 1)) === 'model';
  } catch {
    return false;
  }
}

export function replaceModel(body: Buffer, field: ModelField, model: string): Buffer {
  return Buffer.concat([body.subarray(0, field.start), Buffer.from(JSON.stringify(model)), body.subarray(field.end)]);
}

function readModelValue(body: Buffer, afterKey: number): ModelField | null {
  let pos = skipBlanks(body, afterKey);
  if (body[pos] !== 0x3a) return null;
  pos = skipBlanks(body, pos + 1);
  if (body[pos] !== QUOTE) return null;
  const close = findStringEnd(body, pos);
  if (close < 0) return null;
  try {
    const model: unknown = JSON.parse(body.toString('utf8', pos, close + 1));
    return typeof model === 'string' ? { model, start: pos, end: close + 1 } : null;
  } catch {
    return null;
  }
}

/** The offset of the quote closing the string opening at `open`, or -1. */
function findStringEnd(body: Buffer, open: number): number {
  let pos = open + 1;
  for (;;) {
    const quote = body.indexOf(QUOTE, pos);
    if (quote < 0) return -1;
    let slashes = 0;
    while (body[quote - 1 - slashes] === BACKSLASH) slashes += 1;
    if (slashes % 2 === 0) return quote;
    pos = quote + 1;
  }
}

function skipBlanks(body: Buffer, pos: number): number {
  let at = pos;
  while (at < body.length && (body[at] === 0x20 || body[at] === 0x0a || body[at] === 0x0d || body[at] === 0x09)) at += 1;
  return at;
}
