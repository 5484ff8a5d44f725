// What a failing test said, and the small text helpers every report kind's reader shares; pure.

/** A failing test's name (as close to its report kind's verdict name as the output allows) and what it printed. */
export interface FailureMessage {
  name: string;
  lines: string[];
}

/** Terminal colour codes, which some runners print even into a pipe. */
export const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** The lines without colour codes, trailing blanks or empty lines. */
export function clean(lines: Iterable<string>): string[] {
  return [...lines].map((line) => line.replace(ANSI, '').trimEnd()).filter((line) => line.trim() !== '');
}

/** A line of JSON as an object, or undefined for anything else (output of the code under test). */
export function parseJsonLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
