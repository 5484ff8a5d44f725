// Byte-level looks at ledger lines before they are parsed: which name a provider or plan, which name a window id.
import { readLines } from '../store/read-lines.js';

/**
 * Keeps the lines that name one of `values` (providers, or a plan) as a quoted string, and every line that may
 * retract or correct another (the fold needs those whatever they name). Loose on purpose, like the preview's byte
 * search (ADR 0002): a false match only costs one parse (the rows kept are checked exactly after it), and a
 * hand-formatted row still holds `"claude"`.
 */
export function createLineFilter(values: readonly string[] | undefined): ((text: string) => boolean) | undefined {
  if (values === undefined) return undefined;
  const quoted = values.map((value) => JSON.stringify(value));
  return (text) => text.includes('retraction"') || text.includes('supersedes"') || quoted.some((value) => text.includes(value));
}

/** A row's `window_id` as JSON writes it (with or without a space after the colon). */
const WINDOW_ID = /"window_id":\s*"((?:[^"\\]|\\.)*)"/;

/** True when the line's window_id is one of `ids` (an unreadable one counts: the parse after decides). */
export function namesWindowOf(text: string, ids: ReadonlySet<string>): boolean {
  const match = WINDOW_ID.exec(text);
  if (!match) return false;
  try {
    return ids.has(JSON.parse(`"${match[1]}"`) as string);
  } catch {
    return true;
  }
}

/** Whether any line of the file passes `test` (a missing file has none). */
export function hasLine(path: string, test: (text: string) => boolean): boolean {
  let found = false;
  readLines(path, ({ text }) => {
    if (!found && test(text)) found = true;
  });
  return found;
}
