// Finds a canonical row's window key in its raw bytes (no string made), so rows of completed windows cost no decoding.
import { HEAD_FOUND, HEAD_NOT_CANONICAL, HEAD_OTHER_KIND } from './row-head.js';

/** Where the key of the line just read lies: bytes[keyStart, keyEnd). */
export interface KeySpan {
  keyStart: number;
  keyEnd: number;
}

const ID_OPEN = toBytes('{"id":"');
const KIND = toBytes('","kind":"');
const AGENT = toBytes('"agent_id":"');
const PROVIDER_MIDDLE = toBytes('","provider":"');
const WINDOW_MIDDLE = toBytes('","window_id":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * readHead (row-head.ts) on bytes: HEAD_FOUND with the key's place in `span`, HEAD_OTHER_KIND for a canonical
 * row of another kind, HEAD_NOT_CANONICAL for any other form. The same verdict as readHead on the latin1
 * text of the line, except that no search runs past the line's end (readHead's quote searches could run
 * into the next line of a damaged file; such a line is not canonical here, and JSON.parse judges it).
 * `kind` is the kind's value with its closing quote, as bytes (toBytes('snapshot"')).
 */
export function readKeyBytes(bytes: Uint8Array, start: number, end: number, kind: Uint8Array, span: KeySpan): number {
  if (!matchesAt(bytes, ID_OPEN, start, end)) return HEAD_NOT_CANONICAL;
  // An id cannot hold `","kind":"` unescaped, so the first match ends it.
  const kindAt = findBytes(bytes, KIND, start + ID_OPEN.length, end);
  if (kindAt === -1) return HEAD_NOT_CANONICAL;
  if (!matchesAt(bytes, kind, kindAt + KIND.length, end)) return HEAD_OTHER_KIND;
  const agentAt = findBytes(bytes, AGENT, kindAt, end);
  if (agentAt === -1) return HEAD_NOT_CANONICAL;
  const keyStart = agentAt + AGENT.length;
  const agentEnd = findQuote(bytes, keyStart, end);
  if (!matchesAt(bytes, PROVIDER_MIDDLE, agentEnd, end)) return HEAD_NOT_CANONICAL;
  const providerEnd = findQuote(bytes, agentEnd + PROVIDER_MIDDLE.length, end);
  if (!matchesAt(bytes, WINDOW_MIDDLE, providerEnd, end)) return HEAD_NOT_CANONICAL;
  const keyEnd = findQuote(bytes, providerEnd + WINDOW_MIDDLE.length, end);
  if (keyEnd === end) return HEAD_NOT_CANONICAL;
  for (let at = keyStart; at < keyEnd; at += 1) if (bytes[at] === BACKSLASH) return HEAD_NOT_CANONICAL;
  span.keyStart = keyStart;
  span.keyEnd = keyEnd;
  return HEAD_FOUND;
}

/** The first offset in [from, end) where `pattern` lies whole, or -1. */
function findBytes(bytes: Uint8Array, pattern: Uint8Array, from: number, end: number): number {
  const first = pattern[0];
  for (let at = from; at + pattern.length <= end; at += 1) {
    if (bytes[at] === first && matchesAt(bytes, pattern, at, end)) return at;
  }
  return -1;
}

/** The first quote in [from, end), or `end`. Keys are short: a loop beats a call into native code here. */
function findQuote(bytes: Uint8Array, from: number, end: number): number {
  let at = from;
  while (at < end && bytes[at] !== QUOTE) at += 1;
  return at;
}

function matchesAt(bytes: Uint8Array, pattern: Uint8Array, at: number, end: number): boolean {
  if (at + pattern.length > end) return false;
  for (let i = 0; i < pattern.length; i += 1) if (bytes[at + i] !== pattern[i]) return false;
  return true;
}

/** ASCII text as bytes, for patterns and kinds. */
export function toBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
