// Finds a canonical row's window key in its raw bytes (no string made), so rows of completed windows cost no decoding.
import { createFinder, matchesAt, toBytes } from './byte-search.js';
import { FNV_OFFSET, FNV_PRIME } from './key-table.js';
import { HEAD_FOUND, HEAD_NOT_CANONICAL, HEAD_OTHER_KIND } from './row-head.js';

/** Where the key of the line just read lies, bytes[keyStart, keyEnd), its hash (hashWindowKey's), and where `"agent_id":"` starts. */
export interface KeySpan {
  keyStart: number;
  keyEnd: number;
  hash: number;
  agentAt: number;
}

/** A span to reuse from line to line (readKeyBytes fills it in). */
export function createKeySpan(): KeySpan {
  return { keyStart: -1, keyEnd: -1, hash: 0, agentAt: -1 };
}

const ID_OPEN = toBytes('{"id":"');
const KIND = toBytes('","kind":"');
const AGENT = toBytes('"agent_id":"');
const findKind = createFinder(KIND);
const findAgent = createFinder(AGENT);
const PROVIDER_MIDDLE = toBytes('","provider":"');
const WINDOW_MIDDLE = toBytes('","window_id":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** What readPart returns for a part without its closing quote on the line, or with an escape. */
const NO_PART = -1;

/**
 * readHead (row-head.ts) on bytes: HEAD_FOUND with the key's place in `span`, HEAD_OTHER_KIND for a canonical
 * row of another kind, HEAD_NOT_CANONICAL for any other form. The same verdict as readHead on the latin1
 * text of the line, except that no search runs past the line's end (readHead's quote searches could run
 * into the next line of a damaged file; such a line is not canonical here, and JSON.parse judges it).
 * `kind` is the kind's value with its closing quote, as bytes (toBytes('snapshot"')). The key's hash is
 * taken on the way, over the bytes hashWindowKey hashes: each key byte is read once.
 */
export function readKeyBytes(bytes: Uint8Array, start: number, end: number, kind: Uint8Array, span: KeySpan): number {
  if (!matchesAt(bytes, ID_OPEN, start, end)) return HEAD_NOT_CANONICAL;
  // An id cannot hold `","kind":"` unescaped, so the first match ends it.
  const kindAt = findKind(bytes, start + ID_OPEN.length, end);
  if (kindAt === -1) return HEAD_NOT_CANONICAL;
  if (!matchesAt(bytes, kind, kindAt + KIND.length, end)) return HEAD_OTHER_KIND;
  const agentAt = findAgent(bytes, kindAt, end);
  if (agentAt === -1) return HEAD_NOT_CANONICAL;
  const keyStart = agentAt + AGENT.length;
  span.hash = FNV_OFFSET;
  const agentEnd = readPart(bytes, keyStart, end, span);
  if (agentEnd === NO_PART || !matchesAt(bytes, PROVIDER_MIDDLE, agentEnd, end)) return HEAD_NOT_CANONICAL;
  const providerEnd = readPart(bytes, agentEnd + PROVIDER_MIDDLE.length, end, span);
  if (providerEnd === NO_PART || !matchesAt(bytes, WINDOW_MIDDLE, providerEnd, end)) return HEAD_NOT_CANONICAL;
  const keyEnd = readPart(bytes, providerEnd + WINDOW_MIDDLE.length, end, span);
  if (keyEnd === NO_PART) return HEAD_NOT_CANONICAL;
  span.keyStart = keyStart;
  span.keyEnd = keyEnd;
  span.agentAt = agentAt;
  return HEAD_FOUND;
}

/**
 * The closing quote of the part starting at `from`, hashing the part's bytes into span.hash; NO_PART when
 * the line ends first or the part holds a backslash (an escape: the text would differ from the value).
 * Parts are short: a loop beats a call into native code here.
 */
function readPart(bytes: Uint8Array, from: number, end: number, span: KeySpan): number {
  let hash = span.hash;
  for (let at = from; at < end; at += 1) {
    const byte = bytes[at] as number;
    if (byte === QUOTE) {
      span.hash = hash;
      return at;
    }
    if (byte === BACKSLASH) return NO_PART;
    hash = Math.imul(hash ^ byte, FNV_PRIME);
  }
  return NO_PART;
}
