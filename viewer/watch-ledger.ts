// Notices when the ledger changed: sizes and mtimes of the data dir's files once a second, or a row count for PostgreSQL.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readLedgerUrl } from '../ledger/index.js';
import { pgBridge } from '../ledger/pg/index.js';

export interface LedgerWatch {
  /** Bumped at every change seen; the API stamps what it serves with it. */
  readonly generation: number;
  stop(): void;
}

/** What the poller compares: one string that changes whenever a file grows, is replaced or a row is added. */
export function readLedgerFingerprint(dataDir: string): string {
  const url = readLedgerUrl(dataDir);
  // The run's record and lock live in the directory even with a PostgreSQL ledger (local state stays local).
  const local = [...listStamps(dataDir), ...listStamps(join(dataDir, 'state', 'runs'))].join('|');
  if (url === null) return local;
  // Rows are only ever added: a count per file moves with every append, and the query reads an index.
  return `${local}#${JSON.stringify(pgBridge.count(url))}`;
}

function listStamps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.jsonl') || name.endsWith('.json') || name.endsWith('.csv'));
  } catch {
    return [];
  }
  return names.sort().flatMap((name) => {
    try {
      const stat = statSync(join(dir, name));
      return [`${name}:${stat.size}:${stat.mtimeMs}`];
    } catch {
      return [];
    }
  });
}

/** Polls every `everyMs` and calls `onChange` when the fingerprint moved; a failing poll is reported once per kind of failure. */
export function watchLedger(
  dataDir: string,
  onChange: (generation: number) => void,
  onError: (message: string) => void,
  everyMs = 1000,
): LedgerWatch {
  let generation = 1;
  let lastError: string | null = null;
  let last = '';
  last = safeFingerprint();
  function safeFingerprint(): string {
    try {
      const print = readLedgerFingerprint(dataDir);
      lastError = null;
      return print;
    } catch (error) {
      const message = (error as Error).message;
      if (message !== lastError) onError(message);
      lastError = message;
      return last;
    }
  }
  const timer = setInterval(() => {
    const next = safeFingerprint();
    if (next === last) return;
    last = next;
    generation += 1;
    onChange(generation);
  }, everyMs);
  timer.unref();
  return {
    get generation() {
      return generation;
    },
    stop: () => clearInterval(timer),
  };
}
