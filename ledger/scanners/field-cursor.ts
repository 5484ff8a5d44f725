// Finds a fixed pattern in a chunk of lines visited in order, scanning the chunk once per pattern.

/** Returns the offset of `pattern` in text[start, end), or -1; calls must move forward through the chunk. */
export type FieldCursor = (start: number, end: number) => number;

export function createFieldCursor(text: string, pattern: string): FieldCursor {
  let next = -2;
  return (start, end) => {
    if (next !== -1 && next < start) next = text.indexOf(pattern, start);
    return next !== -1 && next < end ? next : -1;
  };
}

/** The number starting at `at` (JSON number characters), or null. */
export function readNumberAt(text: string, at: number): number | null {
  return readNumberBetween(text, at, findNumberEnd(text, at));
}

/** Where the run of JSON number characters (0-9 . - + e E) starting at `at` ends. */
export function findNumberEnd(text: string, at: number): number {
  let end = at;
  for (;;) {
    const code = text.charCodeAt(end);
    if ((code >= 48 && code <= 57) || code === 46 || code === 45 || code === 43 || code === 101 || code === 69) end += 1;
    else return end;
  }
}

/** The number text[at, end) (a run of number characters), or null when it is none or not finite. */
export function readNumberBetween(text: string, at: number, end: number): number | null {
  if (end === at) return null;
  // Up to 15 digits, an integer sums exactly in a double: Number() would give the same value, without a slice.
  const negative = text.charCodeAt(at) === 45;
  if (end - at <= 15 && end > at + (negative ? 1 : 0)) {
    let value = 0;
    let cursor = negative ? at + 1 : at;
    for (; cursor < end; cursor += 1) {
      const digit = text.charCodeAt(cursor) - 48;
      if (digit < 0 || digit > 9) break;
      value = value * 10 + digit;
    }
    if (cursor === end) return negative ? -value : value;
  }
  const value = Number(text.slice(at, end));
  return Number.isFinite(value) ? value : null;
}

/** The string value starting at `at` (just after its opening quote), or undefined if it has escapes. */
export function readStringAt(text: string, at: number): string | undefined {
  // One bounded walk to the closing quote: an unbounded search for a backslash would scan the whole chunk.
  for (let end = at; end < text.length; end += 1) {
    const code = text.charCodeAt(end);
    if (code === 34) return text.slice(at, end);
    if (code === 92 || code === 10) return undefined;
  }
  return undefined;
}

/**
 * Epoch ms of a canonical `YYYY-MM-DDTHH:MM:SS.sssZ` (what toISOString writes) starting at `at`,
 * computed from character codes; any other form goes through Date.parse.
 */
export function readIsoTimeAt(text: string, at: number): number {
  if (text.charCodeAt(at + 23) !== 90 || text.charCodeAt(at + 10) !== 84 || text.charCodeAt(at + 19) !== 46) {
    return Date.parse(text.slice(at, text.indexOf('"', at)));
  }
  const digits = (from: number, count: number): number => {
    let value = 0;
    for (let i = from; i < from + count; i += 1) {
      const code = text.charCodeAt(i) - 48;
      if (code < 0 || code > 9) return Number.NaN;
      value = value * 10 + code;
    }
    return value;
  };
  return Date.UTC(
    digits(at, 4),
    digits(at + 5, 2) - 1,
    digits(at + 8, 2),
    digits(at + 11, 2),
    digits(at + 14, 2),
    digits(at + 17, 2),
    digits(at + 20, 3),
  );
}
