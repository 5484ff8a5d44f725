// Turns pasted terminal text into plain lines: no ANSI escapes, no carriage returns, no box borders.

/** CSI sequences (colours, cursor moves), OSC sequences (titles, links) and two-byte escapes. */
const ANSI_PATTERN = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;

/** Control characters left after escapes are removed; tab and newline are kept. */
const STRAY_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Vertical box borders Codex and other TUIs draw at both ends of a row. */
const BORDERS = new Set(['│', '┃', '║', '|']);

/** One line of a screen: its 1-based number in the pasted input and its text without borders. */
export interface ScreenLine {
  line: number;
  raw: string;
  text: string;
}

/** Removes ANSI escape sequences (colours, cursor moves, titles) and nothing else. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** Removes ANSI escapes, other control characters and a leading byte-order mark; CRLF or lone CR become LF. */
export function stripTerminalCodes(text: string): string {
  return stripAnsi(text.replace(/^\uFEFF/, ''))
    .replace(/\r\n?/g, '\n')
    .replace(STRAY_CONTROLS, '');
}

/** Strips box borders and surrounding blanks from one row of a screen (a loop: a trailing-run regex is quadratic). */
export function unboxLine(raw: string): string {
  const isBorder = (ch: string) => BORDERS.has(ch) || /\s/.test(ch);
  let start = 0;
  let end = raw.length;
  while (start < end && isBorder(raw.charAt(start))) start += 1;
  while (end > start && isBorder(raw.charAt(end - 1))) end -= 1;
  return raw.slice(start, end);
}

/** Cleans a pasted screen and splits it into numbered, unboxed lines. */
export function splitScreenLines(text: string): ScreenLine[] {
  return stripTerminalCodes(text)
    .split('\n')
    .map((raw, index) => ({ line: index + 1, raw, text: unboxLine(raw) }));
}

/** A short, printable rendering of a value for an error message. */
export function quoteForMessage(value: unknown, max = 40): string {
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown;
}

/** The message of anything thrown, for the last-resort guard around each parser. */
export function describeThrown(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
