// The counts every report parser returns, and the clean-up they share (pure: no file system, no clock).
import { stripVTControlCharacters } from 'node:util';

/** One test run's score: `total` includes skipped tests, which neither pass nor fail. */
export interface TestCounts {
  total: number;
  passed: number;
  failed: number;
  /**
   * Each test's verdict by name, where the report names its tests (scoring by test identity, ADR 0023); undefined
   * when it cannot be read honestly (no names, or more names than the summary counts).
   */
  verdicts?: Map<string, 'pass' | 'fail' | 'skip'> | undefined;
}

/** What a finished test run printed, as the parsers read it. */
export interface TestRunOutput {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

/** The run's lines with colours and cursor moves removed (vitest and cargo colour their summaries on a terminal). */
export function splitCleanLines(text: string): string[] {
  return stripVTControlCharacters(text).split(/\r?\n/);
}

/** The number before `word` in a summary such as "2 passed, 1 failed" (0 when the word is absent). */
export function countBefore(text: string, word: string): number {
  const match = new RegExp(`(\\d+) ${word}\\b`).exec(text);
  return match ? Number(match[1]) : 0;
}
