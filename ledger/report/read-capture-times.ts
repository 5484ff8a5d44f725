// Finds the capture times of wanted snapshots in snapshots.jsonl on the raw bytes: a canonical line is never decoded whole.
import { createFinder, matchesAt, toBytes } from '../scanners/byte-search.js';
import { walkLines } from '../scanners/scan-line-range.js';

const QUOTE = 0x22;
const ID_TEXT = '{"id":"';
const CAPTURED_TEXT = '"captured_at":"';
const ID_PREFIX = toBytes(ID_TEXT);
const CAPTURED = toBytes(CAPTURED_TEXT);
const findCaptured = createFinder(CAPTURED);

/**
 * Fills `wanted` (snapshot id -> captured_at, null when missing or not a date) from the file at `path`; a
 * later line with the same id wins. A canonical line (`{"id":"...` first, `"captured_at":"...` in it) is
 * read as bytes: only its id and, when wanted, its time are decoded. Any other line goes through
 * readCaptureLine, on its decoded text, so both paths give the same answers.
 */
export function readCaptureTimes(path: string, wanted: Map<string, string | null>): { torn: boolean } {
  if (wanted.size === 0) return { torn: false };
  const { tail } = walkLines(path, null, (bytes) => (start, end) => readCaptureBytes(bytes, start, end, wanted), { changers: false });
  return { torn: tail !== null };
}

/** One line [start, end) of `bytes`; falls back to readCaptureLine when the line is not in canonical form. */
function readCaptureBytes(bytes: Buffer, start: number, end: number, wanted: Map<string, string | null>): void {
  const idStart = start + ID_PREFIX.length;
  const idEnd = matchesAt(bytes, ID_PREFIX, start, end) ? bytes.indexOf(QUOTE, idStart) : -1;
  if (idEnd === -1 || idEnd >= end) return readCaptureLine(bytes.toString('utf8', start, end), wanted);
  const id = bytes.toString('utf8', idStart, idEnd);
  if (!wanted.has(id)) return;
  const at = findCaptured(bytes, start, end);
  const valueStart = at + CAPTURED.length;
  const valueEnd = at === -1 ? -1 : bytes.indexOf(QUOTE, valueStart);
  if (valueEnd === -1 || valueEnd >= end) return readCaptureLine(bytes.toString('utf8', start, end), wanted);
  wanted.set(id, checkTime(bytes.toString('utf8', valueStart, valueEnd)));
}

/**
 * One line as text: the id and time follow the canonical prefixes when the line has them, else they are
 * read from the parsed row (a hand-formatted line); a line that does not parse gives no id.
 */
export function readCaptureLine(text: string, wanted: Map<string, string | null>): void {
  const idAt = ID_TEXT.length;
  const id = text.startsWith(ID_TEXT) ? text.slice(idAt, text.indexOf('"', idAt)) : parseField(text, 'id');
  if (id === undefined || !wanted.has(id)) return;
  const at = text.indexOf(CAPTURED_TEXT);
  const timeAt = at + CAPTURED_TEXT.length;
  wanted.set(id, checkTime(at === -1 ? parseField(text, 'captured_at') : text.slice(timeAt, text.indexOf('"', timeAt))));
}

function checkTime(capturedAt: string | undefined): string | null {
  return capturedAt !== undefined && !Number.isNaN(Date.parse(capturedAt)) ? capturedAt : null;
}

/** A string field of a row not written in canonical form (a hand-edited line); undefined when it has none. */
function parseField(text: string, field: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
