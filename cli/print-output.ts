// Writes a command's result: JSON for --json, text otherwise; notes go to stderr.
import { escapeControls, redactText } from '../kernel/index.js';

export function printResult(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : text());
}

export function printNote(message: string): void {
  process.stderr.write(`note: ${escapeControls(redactText(message))}\n`);
}

/** Tells the user about a ledger row that a rule check left out because it does not match its schema. */
export function noteSkippedRow(skipped: { file: string; lineNo: number; reason: string }): void {
  printNote(`ignored ${skipped.file}:${skipped.lineNo}, which does not match its schema (${skipped.reason})`);
}
