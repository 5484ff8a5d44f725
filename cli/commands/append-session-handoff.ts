// SESSION_HANDOFF.md in the data directory: what each checkpoint left, where its files are, and what comes next.
import { appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { escapeControls, redactText } from '../../kernel/index.js';
import { CSV_LEDGERS, LEDGER_FILES, readLedgerUrl, type TokenChurnRecord } from '../../ledger/index.js';

export const SESSION_HANDOFF = 'SESSION_HANDOFF.md';
/** A checkpoint's notes in the handoff: a summary's worth; the whole text is in the CSV row. */
const NOTE_CHARS = 1000;

/**
 * Seed 001's ledger checkpoint "adds file paths to SESSION_HANDOFF.md", so the next session (or agent) starts from
 * the ledgers rather than from memory. One section per checkpoint, appended: a hand-written note above survives.
 */
export function appendSessionHandoff(dataDir: string, record: TokenChurnRecord, churned: boolean): string {
  const path = join(dataDir, SESSION_HANDOFF);
  // A PostgreSQL ledger's rows are in its database, not in the data dir's JSONL files (its URL may hold a password:
  // never written here).
  const inDatabase = readLedgerUrl(dataDir) !== null;
  const csvs = [CSV_LEDGERS.tokenChurn, ...(churned ? [CSV_LEDGERS.churn] : [])];
  const files = inDatabase ? csvs : [...csvs, LEDGER_FILES.snapshots, LEDGER_FILES.windows];
  const window = `--window ${record.window_id} --provider ${record.provider}`;
  const next =
    record.stage === 'final'
      ? `\`tracker complete ${window} --quality Q --outcome O\` (if not done), then a new window`
      : `\`tracker checkpoint ${record.stage === 'plan' ? 'mid' : 'final'} ${window}\``;
  const lines = [
    `## ${record.recorded_at}: ${record.stage} checkpoint of ${record.window_id} (${record.provider}, agent ${record.agent_id})`,
    '',
    `- tokens so far: ${record.tokens} (${record.tokens_from})`,
    ...(record.notes ? [`- notes: ${describeNotes(String(record.notes))}`] : []),
    `- files: ${files.map((file) => resolve(dataDir, file)).join(', ')}${inDatabase ? '; the ledger rows in its PostgreSQL database (TRACKER_LEDGER_URL)' : ''}`,
    `- next: ${next}`,
    '',
  ];
  appendFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * The notes as the CSV keeps them (redacted: the next agent reads this file, and a key in it would be handed on), on
 * one line with every control visible, then cut: redaction first, so a cut never leaves half a key.
 */
function describeNotes(notes: string): string {
  const line = escapeControls(redactText(notes).replace(/\s+/g, ' '));
  if (line.length <= NOTE_CHARS) return line;
  return `${line.slice(0, NOTE_CHARS)}... (${line.length - NOTE_CHARS} more characters in ${CSV_LEDGERS.tokenChurn})`;
}
