// A tool's answer as `tracker mcp` sends it: at most a limit of rows (flagged when cut), every string escaped, as JSON text.
import { escapeControls, escapeStrings, isAppError, redactText } from '../../kernel/index.js';

/** What a tool sends back: the JSON text a model reads, the same object for a program (MCP's structured content). */
export interface ToolAnswer {
  [key: string]: unknown;
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** The most rows any answer holds, and the default: a client's context is the budget (Claude Code warns past ~10,000 tokens). */
export const MAX_ROWS = 200;
export const DEFAULT_ROWS = 50;

/** Rows cut to `limit`: the latest ones for a table in time order (`last`), the first ones for one ranked by size. */
export function boundRows<T>(
  rows: readonly T[],
  limit: number,
  keep: 'first' | 'last',
): { rows: T[]; rows_total: number; truncated: boolean } {
  const kept = rows.length <= limit ? [...rows] : keep === 'first' ? rows.slice(0, limit) : rows.slice(rows.length - limit);
  return { rows: kept, rows_total: rows.length, truncated: kept.length < rows.length };
}

/**
 * The answer: ledger text escaped (a row's `ESC]0;…BEL` or forged line reaches the model, or a terminal a client prints
 * it on, as visible escapes), compact JSON text. `escapeLines` keeps line breaks, for text composed of lines from
 * ledger text already escaped where it was read (the report's verdict paragraph: buildExperimentReport).
 */
export function sendAnswer(value: Record<string, unknown>, escapeText: (text: string) => string = escapeControls): ToolAnswer {
  const shown = escapeStrings(value, escapeText);
  return { content: [{ type: 'text', text: JSON.stringify(shown) }], structuredContent: shown };
}

/** A refusal as a tool error: the one line the CLI would print (`where: message`), redacted and escaped. */
export function sendRefusal(error: unknown): ToolAnswer {
  if (!isAppError(error)) throw error;
  return { content: [{ type: 'text', text: escapeControls(redactText(error.toLine())) }], isError: true };
}

/** Notes as the CLI prints them on stderr (redacted and escaped), at most `limit` of them. */
export function boundNotes(notes: readonly string[], limit = 20): string[] {
  return notes.slice(0, limit).map((note) => escapeControls(redactText(note)));
}
