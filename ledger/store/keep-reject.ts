// Keeps refused input under rejects/ with the reason beside it, so the user can fix and replay it.
import { isUtf8 } from 'node:buffer';
import { closeSync, fsyncSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { redactSecrets, redactText } from '../../kernel/index.js';
import { readLedgerUrl } from '../pg/ledger-binding.js';
import { pgBridge } from '../pg/pg-bridge.js';
import { ensureDataDir, ensureDir, resolveRejectsDir } from './data-dir.js';

export interface RejectRecord {
  /** The command that refused it, e.g. `snapshot before`. */
  command: string;
  reason: string;
  agentId: string;
  input: Buffer | string;
  now?: Date;
}

/** Writes `<stamp>-<command>.input` (the raw input, secrets redacted) and `.reason.json`; returns the input path. */
export function keepReject(dataDir: string, record: RejectRecord): string {
  const dir = ensureDir(resolveRejectsDir(ensureDataDir(dataDir)));
  const at = (record.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const slug = record.command.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'input';
  const base = join(dir, `${at}-${slug}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const raw = typeof record.input === 'string' ? Buffer.from(record.input, 'utf8') : record.input;
  // Input that is not valid UTF-8 (binary, or text in another encoding) goes through latin1, which maps
  // every byte to one character and back, so the kept bytes are the raw input (less any secret).
  const encoding = isUtf8(raw) ? 'utf8' : 'latin1';
  const redacted = redactSecrets(raw.toString(encoding));
  writeDurably(`${base}.input`, Buffer.from(redacted.text, encoding));
  writeFileSync(
    `${base}.reason.json`,
    `${JSON.stringify(
      {
        command: record.command,
        reason: redactText(record.reason),
        agent_id: record.agentId,
        at: (record.now ?? new Date()).toISOString(),
        bytes: raw.length,
        secrets_redacted: redacted.redactions,
      },
      null,
      2,
    )}\n`,
  );
  copyRejectToDatabase(dataDir, base, record.reason, Buffer.from(redacted.text, encoding));
  return `${base}.input`;
}

/**
 * With a PostgreSQL ledger the team sees every machine's rejects in ledger_rejects. Best effort: the input may have
 * been refused because the database is down, and the copy under rejects/ is the one that must not be lost.
 */
function copyRejectToDatabase(dataDir: string, base: string, reason: string, bytes: Buffer): void {
  const url = readLedgerUrl(dataDir);
  if (url === null) return;
  try {
    pgBridge.reject(url, basename(base), redactText(reason), bytes);
  } catch {
    // Kept on disk above; the database copy is a convenience.
  }
}

/** The kept input may be the only copy of bytes cut from a ledger: it reaches the disk before the cut. */
function writeDurably(path: string, bytes: Buffer): void {
  const fd = openSync(path, 'wx');
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
