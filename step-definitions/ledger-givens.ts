// Given-steps' rows written through the ledger library, as the commands write them but without a command's start-up
// or argument parsing: a scenario pays only for the command it tests. The When-steps still run the CLI.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { completeWindow, noteAgentWindow, recordSnapshot, type CaptureReading, type Phase } from '../ledger/index.js';
import { readGitHead } from '../cli/git-head.js';
import { parseCapacityInput } from '../sources/index.js';
import type { TrackerWorld } from './world.js';

export interface Capture {
  agentId: string;
  provider: string;
  phase: Phase;
  file: string;
  at: Date;
}

export interface CompletedWindow {
  provider: string;
  agentId?: string;
  before: object;
  after: object;
  beforeAt: Date;
  afterAt: Date;
}

/** `snapshot before`, `snapshot after` and `complete --quality 1 --outcome success`, each row under the ledger's lock. */
export function recordCompletedWindow(world: TrackerWorld, window: CompletedWindow): void {
  world.withLedgerEnv(() => writeCompletedWindow(world, window));
}

function writeCompletedWindow(world: TrackerWorld, window: CompletedWindow): void {
  const ctx = { agentId: window.agentId ?? 'main', source: 'manual' as const };
  const opened = recordSnapshot(world.dataDir, ctx, {
    provider: window.provider,
    phase: 'before',
    reading: parseReading(window.before, window.beforeAt),
    capturedAt: window.beforeAt,
    gitHead: readGitHead(world.workDir),
  });
  recordSnapshot(world.dataDir, ctx, {
    provider: window.provider,
    phase: 'after',
    reading: parseReading(window.after, window.afterAt),
    capturedAt: window.afterAt,
    gitHead: readGitHead(world.workDir),
  });
  const row = completeWindow(world.dataDir, ctx, {
    provider: window.provider,
    quality: 1,
    outcome: 'success',
    gitHead: readGitHead(world.workDir),
  });
  noteAgentWindow(world.dataDir, ctx.agentId, window.provider, { window_id: opened.row.window_id, last_phase: 'complete', at: row.ts });
}

/** `tracker snapshot PHASE --provider P --input FILE --at AT` as agent `agentId`, through the library. */
export function recordCapture(world: TrackerWorld, capture: Capture): void {
  world.withLedgerEnv(() => writeCapture(world, capture));
}

function writeCapture(world: TrackerWorld, capture: Capture): void {
  const ctx = { agentId: capture.agentId, source: 'manual' as const };
  const text = readFileSync(resolve(world.workDir, capture.file), 'utf8');
  const { row } = recordSnapshot(world.dataDir, ctx, {
    provider: capture.provider,
    phase: capture.phase,
    reading: parseReading(text, capture.at),
    capturedAt: capture.at,
    gitHead: readGitHead(world.workDir),
  });
  noteAgentWindow(world.dataDir, ctx.agentId, capture.provider, { window_id: row.window_id, last_phase: capture.phase, at: row.ts });
}

/** The reading `snapshot --input` would have stored for this input (JSON or a pasted screen). */
function parseReading(input: object | string, capturedAt: Date): CaptureReading {
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const parsed = parseCapacityInput(text, { capturedAt, timeZone: 'UTC' });
  if (!parsed.ok) throw new Error(`a Given's reading did not parse: ${parsed.issues[0]?.message ?? 'unknown'}`);
  return parsed.value;
}
