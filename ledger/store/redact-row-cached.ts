// redactRow with a memory of strings already found clean: rows of one writer repeat most of their strings.
import { redactText } from '../../kernel/index.js';

/** Past this many remembered strings the memory starts over (a few hundred rows' worth of unique ids and times). */
const MAX_REMEMBERED = 2_048;
/** Longer strings are checked every time: they are rarely repeated, and remembering them would hold their memory. */
const MAX_REMEMBERED_LENGTH = 512;

/**
 * Strings that redactText returned unchanged. Only clean strings are kept, never one that held a secret,
 * so the memory holds nothing the ledger would not. A proxy row has ~20 strings of which ~16 (model, route,
 * path, source, tool version, statuses) are the same every request; five regular expressions per string were
 * half of the cost of appending a row.
 */
let clean = new Set<string>();

/** The same result as redactRow (kernel/secrets/redact-secrets.ts): a copy with every string value redacted. */
export function redactRowCached<R>(row: R): R {
  if (typeof row === 'string') return redactString(row) as R;
  if (Array.isArray(row)) return row.map((item: unknown) => redactRowCached(item)) as R;
  if (row === null || typeof row !== 'object') return row;
  // A spread copy keeps the row's hidden class, where a copy built key by key does not: in the proxy, building that
  // copy and stringifying it took ~40 µs per telemetry row, the spread and a stringify of it about half.
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const key in copy) {
    const value = copy[key];
    if (typeof value === 'string') {
      const redacted = redactString(value);
      if (redacted !== value) copy[key] = redacted;
    } else if (value !== null && typeof value === 'object') copy[key] = redactRowCached(value);
  }
  return copy as R;
}

function redactString(text: string): string {
  if (clean.has(text)) return text;
  const redacted = redactText(text);
  if (redacted === text && text.length <= MAX_REMEMBERED_LENGTH) {
    if (clean.size >= MAX_REMEMBERED) clean = new Set();
    clean.add(text);
  }
  return redacted;
}
