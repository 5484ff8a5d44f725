// Where the ledger lives: the data directory, its files, per-agent state and rejects.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

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
