// The start every canonical ledger row shares, read in place: id, kind and the window key.
import { readStringAt } from './field-cursor.js';
import { FNV_OFFSET, hashKeyText } from './key-table.js';

/** A window's identity as one string: `AGENT","provider":"PROVIDER","window_id":"WINDOW`. */
export type WindowKey = string;

/** Reads the fields of the line text[start, end): the fields, null for a row of another kind, undefined if unreadable. */
export type LineReader<T> = (start: number, end: number) => T | null | undefined;

const KEY_MIDDLE = ['","provider":"', '","window_id":"'] as const;

export function buildWindowKey(agentId: string, provider: string, windowId: string): WindowKey {
  return `${agentId}${KEY_MIDDLE[0]}${provider}${KEY_MIDDLE[1]}${windowId}`;
}

export function splitWindowKey(key: WindowKey): { agentId: string; provider: string; windowId: string } {
  const first = key.indexOf(KEY_MIDDLE[0]);
  const second = key.indexOf(KEY_MIDDLE[1], first + KEY_MIDDLE[0].length);
  return {
    agentId: key.slice(0, first),
    provider: key.slice(first + KEY_MIDDLE[0].length, second),
    windowId: key.slice(second + KEY_MIDDLE[1].length),
  };
}

/**
 * The hash a window key is stored and looked up with: its three parts (agent, provider, window), not the
 * constant text between them, so the byte reader (read-key-bytes.ts) takes it while it looks for the
 * parts' ends. The parts are cut at the first separators, which for canonical keys are the only ones.
 */
export function hashWindowKey(key: WindowKey): number {
  const providerAt = key.indexOf(KEY_MIDDLE[0]);
  const windowAt = providerAt === -1 ? -1 : key.indexOf(KEY_MIDDLE[1], providerAt + KEY_MIDDLE[0].length);
  if (windowAt === -1) return hashKeyText(key, 0, key.length);
  const agent = hashKeyText(key, 0, providerAt, FNV_OFFSET);
  const provider = hashKeyText(key, providerAt + KEY_MIDDLE[0].length, windowAt, agent);
  return hashKeyText(key, windowAt + KEY_MIDDLE[1].length, key.length, provider);
}

/** readHead's verdicts as numbers, for readers that make no object per row (read-key-bytes.ts). */
export const HEAD_FOUND = 0;
/** A canonical row of another kind (readHead's null). */
export const HEAD_OTHER_KIND = 1;
/** Not in the canonical form (readHead's undefined): JSON.parse decides. */
export const HEAD_NOT_CANONICAL = 2;

/** The offset of `pattern` after `from` and before `end`, or -1 (also when `from` is -1). */
export function findAfter(text: string, pattern: string, from: number, end: number): number {
  if (from === -1) return -1;
  const at = text.indexOf(pattern, from);
  return at !== -1 && at < end ? at : -1;
}

/**
 * The start every canonical row shares: `{"id":"…","kind":"KIND"`, then agent_id, provider and window_id
 * side by side. Null for a canonical row of another kind; undefined when the line is not canonical.
 * The id is not cut out here (see readRowId): rows that are skipped by key never need it.
 */
export function readHead(
  text: string,
  start: number,
  end: number,
  kindValue: string,
): { key: WindowKey; agentAt: number } | null | undefined {
  if (!text.startsWith('{"id":"', start)) return undefined;
  // An id cannot hold `","kind":"` unescaped, so the first match ends it.
  const kindAt = findAfter(text, '","kind":"', start + 7, end);
  if (kindAt === -1) return undefined;
  if (!text.startsWith(kindValue, kindAt + 10)) return null;
  const agentAt = findAfter(text, '"agent_id":"', kindAt, end);
  const key = readKey(text, agentAt);
  return key === undefined ? undefined : { key, agentAt };
}

/** The id of a canonical row whose head was read; undefined if it holds an escape. */
export function readRowId(text: string, start: number): string | undefined {
  return readStringAt(text, start + 7);
}

/** The `source` stamp, which the ledger writes just before `agent_id`; `manual` if it cannot be read there. */
export function readRowSource(text: string, start: number, agentAt: number): string {
  const at = text.lastIndexOf('"source":"', agentAt);
  return at === -1 || at < start ? 'manual' : (readStringAt(text, at + 10) ?? 'manual');
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

export function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function readIdentity(row: Record<string, unknown>): { id: string; key: WindowKey } | undefined {
  const { id, agent_id: agentId, provider, window_id: windowId } = row;
  if (typeof id !== 'string' || typeof agentId !== 'string' || typeof provider !== 'string' || typeof windowId !== 'string')
    return undefined;
  return { id, key: buildWindowKey(agentId, provider, windowId) };
}

/**
 * A copy that does not pin its source: V8 represents a slice of 13+ characters as a view into the
 * string it came from (a line or a chunk), so a kept field would keep all of it alive.
 * Concatenating and re-slicing forces a new flat string of about the field's own length.
 */
export function copyString(value: string): string {
  return ` ${value}`.slice(1);
}
