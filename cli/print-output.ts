// Writes a command's result: JSON for --json, text otherwise; notes go to stderr. Every text line is escaped for the terminal.
import { escapeControls, escapeLines, escapeStrings, redactText } from '../kernel/index.js';

/**
 * `text` renders `shown`: `value` with every string (and key) escaped one line each (kernel escapeStrings), so a
 * ledger row's `\r\nERROR ...` or `ESC]0;...BEL` stays inside its own line as visible escapes, and no renderer can
 * forget it. The whole text is escaped again line by line, for what a renderer read elsewhere.
 * JSON needs neither: JSON.stringify escapes every control character, and --json output is read by programs.
 */
export function printResult<T>(json: boolean, value: T, text: (shown: T) => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : escapeLines(text(escapeStrings(value))));
}

export function printNote(message: string): void {
  process.stderr.write(`note: ${escapeControls(redactText(message))}\n`);
}

/** Tells the user about a ledger row that a rule check left out because it does not match its schema. */
export function noteSkippedRow(skipped: { file: string; lineNo: number; reason: string }): void {
  printNote(`ignored ${skipped.file}:${skipped.lineNo}, which does not match its schema (${skipped.reason})`);
}
