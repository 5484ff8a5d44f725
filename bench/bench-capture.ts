// Capture latency against ledger size: the first capture (full scan) and later ones (checkpoint) on generated ledgers of 1k to 1M rows.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { recordSnapshot, type CaptureReading } from '../ledger/index.js';
import { generateLedger } from './generate-ledger.js';
import { pickPercentile } from './latency-stats.js';

export interface CaptureSize {
  rows: number;
  /** The agent's first capture (a before): no checkpoint yet, so it reads the whole file. */
  coldMs: number;
  /** Median wall time of one before and of one after once the checkpoint exists (the first before left out). */
  beforeMs: number;
  afterMs: number;
}

const reading = (usedPct: number): CaptureReading => ({
  format: 'json',
  bars: { five_hour: { used_pct: usedPct, resets_at: null, window_minutes: 300 } },
  parse_errors: [],
});

/** Each size on its own generated ledger; captures are by a new agent on `claude`, a provider the ledger is full of. */
export function benchCapture(workDir: string, sizes: number[], pairs: number): CaptureSize[] {
  const results: CaptureSize[] = [];
  for (const rows of sizes) {
    const dataDir = join(workDir, `capture-${rows}`);
    mkdirSync(dataDir, { recursive: true });
    generateLedger(dataDir, rows);
    const ctx = { agentId: 'bench-capture', source: 'manual' as const };
    const before: number[] = [];
    const after: number[] = [];
    for (let i = 0; i < pairs; i += 1) {
      // After the generated history (2024 on), an hour apart, so no reset buffer or overlap rule is in play.
      const at = Date.UTC(2031, 0, 1) + i * 3_600_000;
      let started = performance.now();
      recordSnapshot(dataDir, ctx, { provider: 'claude', phase: 'before', reading: reading(10), capturedAt: new Date(at) });
      before.push(performance.now() - started);
      started = performance.now();
      recordSnapshot(dataDir, ctx, { provider: 'claude', phase: 'after', reading: reading(20), capturedAt: new Date(at + 1_800_000) });
      after.push(performance.now() - started);
    }
    const [coldMs = Number.NaN, ...steady] = before;
    results.push({ rows, coldMs, beforeMs: pickPercentile(steady, 0.5), afterMs: pickPercentile(after, 0.5) });
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
