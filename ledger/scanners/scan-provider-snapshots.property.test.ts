// Property: after any sequence of captures, undos, readings, retractions and corrections, the checkpoint's answer is the full scan's.
import { createMulberry32 as createSeededRandom } from '../../kernel/index.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bars } from '../schemas/index.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { foldRows } from '../store/fold-rows.js';
import { completeWindow } from '../windows/complete-window.js';
import { findOverlaps } from '../windows/find-overlaps.js';
import { foldWindows } from '../windows/fold-agent-windows.js';
import { recordSnapshot } from '../windows/record-snapshot.js';
import { collectReadingResets } from '../windows/reset-buffer.js';
import { scanProviderSnapshots, type ProviderSnapshots } from './scan-provider-snapshots.js';
import { undoCapture } from '../windows/undo-capture.js';

const AGENTS = ['main', 'bob', 'ci'];
const PROVIDERS = ['claude', 'codex'];
const START = Date.UTC(2026, 10, 21, 8);
const MINUTE = 60_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capture-checkpoint-property-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bars = (at: number, pct: number): Bars => ({
  five_hour: { used_pct: pct, resets_at: new Date(at + 2 * MINUTE).toISOString(), window_minutes: 300 },
});

/** One random step: most write through the product's own paths, some append what only a hand or a bug would. */
function takeStep(random: () => number, clock: { now: number }, written: Record<string, unknown>[]): void {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  const ctx: StampContext = { agentId: pick(AGENTS), source: 'manual' };
  const provider = pick(PROVIDERS);
  // Mostly forward, sometimes back in time: a lower horizon than the checkpoint's must send it to a full read.
  clock.now += random() < 0.1 ? -Math.floor(random() * 90) * MINUTE : Math.floor(random() * 20) * MINUTE;
  const capturedAt = new Date(clock.now);
  const roll = random();
  const append = (row: object) => {
    appendRows(dir, LEDGER_FILES.snapshots, [row], ctx);
    written.push(row as Record<string, unknown>);
  };
  try {
    if (roll < 0.45) {
      const phase = random() < 0.5 ? 'before' : 'after';
      recordSnapshot(dir, ctx, {
        provider,
        phase,
        reading: { format: 'json', bars: bars(clock.now, 10), parse_errors: [] },
        capturedAt,
        force: random() < 0.5,
      });
    } else if (roll < 0.5) undoCapture(dir, ctx, { provider });
    else if (roll < 0.55) completeWindow(dir, ctx, { provider, quality: 0.5, outcome: 'success' });
    else if (roll < 0.75)
      append(stampRow(ctx, 'reading', { provider, captured_at: capturedAt.toISOString(), bars: bars(clock.now - 60 * MINUTE, 5) }));
    else if (roll < 0.85 && written.length > 0) {
      const target = pick(written);
      append(stampRow(ctx, 'retraction', { target_id: String(target.id), target_kind: String(target.kind), reason: 'property test' }));
    } else if (roll < 0.95 && written.length > 0) {
      const target = pick(written.filter((row) => row.kind === 'snapshot'));
      if (target)
        append({
          ...stampRow(ctx, 'snapshot', {}),
          ...target,
          id: stampRow(ctx, 'snapshot', {}).id,
          agent_id: ctx.agentId,
          supersedes: target.id,
          captured_at: capturedAt.toISOString(),
        });
    } else append(stampRow(ctx, 'snapshot', { provider, window_id: 'broken', phase: 'before' }));
  } catch {
    // Refusals are part of the sequence: they leave the file as it was (and may leave a checkpoint).
  }
}

/** Everything a capture decides from the scan, for windows from `from` to `to`. */
function describeAnswers(scanned: ProviderSnapshots, agentId: string, provider: string, from: number, to: number): unknown {
  return {
    windows: foldWindows(scanned.own, scanned.completions, agentId, provider),
    overlaps: findOverlaps(scanned.all, provider, { agentId, start: from, end: to }),
    resets: collectReadingResets(scanned.readings, from, to),
  };
}

describe('scanProviderSnapshots with a checkpoint', () => {
  it.each([1, 2, 3, 4])('answers as the full scan after every step (seed %i)', (seed) => {
    const random = createSeededRandom(seed);
    const clock = { now: START };
    const written: Record<string, unknown>[] = [];
    for (let step = 0; step < 80; step += 1) {
      takeStep(random, clock, written);
      for (const agentId of AGENTS) {
        for (const provider of PROVIDERS) {
          const skipped: { incremental: unknown[]; full: unknown[] } = { incremental: [], full: [] };
          const at = new Date(clock.now + Math.floor(random() * 10) * MINUTE);
          const incremental = scanProviderSnapshots(dir, agentId, provider, (row) => skipped.incremental.push(row), { capturedAt: at });
          const full = scanProviderSnapshots(dir, agentId, provider, (row) => skipped.full.push(row), { checkpoint: false });
          expect(full.horizon).toBeNull();
          expect(skipped.incremental).toEqual(skipped.full);
          expect(foldRows(incremental.own)).toEqual(foldRows(full.own));
          expect(foldRows(incremental.completions)).toEqual(foldRows(full.completions));
          // Any window a later capture can ask about starts at or after the horizon.
          const horizon = incremental.horizon ?? START - 600 * MINUTE;
          for (const from of [horizon, horizon + 7 * MINUTE, at.getTime()]) {
            const to = from + Math.floor(random() * 120) * MINUTE;
            expect(describeAnswers(incremental, agentId, provider, from, to)).toEqual(describeAnswers(full, agentId, provider, from, to));
          }
        }
      }
    }
  });
});
