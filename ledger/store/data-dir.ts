// Where the ledger lives: the data directory, its files, per-agent state and rejects.
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../kernel/index.js';

export const LEDGER_FILES = {
  snapshots: 'snapshots.jsonl',
  windows: 'windows.jsonl',
  anomalies: 'anomalies.jsonl',
  previews: 'previews.jsonl',
  proxyTelemetry: 'proxy_telemetry.jsonl',
  budgetEvents: 'budget_events.jsonl',
  assignments: 'assignments.jsonl',
  otelUsage: 'otel_usage.jsonl',
} as const;
export type LedgerFile = (typeof LEDGER_FILES)[keyof typeof LEDGER_FILES];

/** `--data-dir`, else `TRACKER_DATA_DIR`, else `./tracker-data`, as an absolute path. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  // An empty flag or variable counts as unset, as AGENT_ID does: never the current directory by accident.
  return resolve(flag || env.TRACKER_DATA_DIR || 'tracker-data');
}

export function resolveLedgerPath(dataDir: string, file: LedgerFile): string {
  return join(dataDir, file);
}

export function resolveAgentStateDir(dataDir: string, agentId: string): string {
  return join(dataDir, 'state', agentId);
}

export function resolveRejectsDir(dataDir: string): string {
  return join(dataDir, 'rejects');
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The file that says "this folder is a data dir": an arm's sandbox hides every folder holding it (and any copy of one),
 * wherever it lies (runner/isolation/find-data-dirs.ts). It holds nothing but that sentence.
 */
export const DATA_DIR_MARKER = '.agent-tracker-data-dir';
const MARKER_TEXT = 'agent-tracker data directory: experiment sandboxes hide every folder holding this file (docs/isolation.md)\n';
const marked = new Set<string>();

/** `ensureDir` for a data dir, which also gets its marker (once per process; an existing one is never rewritten). */
export function ensureDataDir(dataDir: string): string {
  ensureDir(dataDir);
  const dir = resolve(dataDir);
  if (marked.has(dir)) return dataDir;
  try {
    // wx: O_CREAT|O_EXCL, never through a link or over an existing file.
    const fd = openSync(join(dir, DATA_DIR_MARKER), 'wx', 0o644);
    try {
      writeFileSync(fd, MARKER_TEXT);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST')
      throw new AppError('IO', `expected to write the data dir's marker ${DATA_DIR_MARKER}, got ${code ?? String(error)}`, {
        where: dir,
        cause: error,
      });
  }
  marked.add(dir);
  return dataDir;
}
