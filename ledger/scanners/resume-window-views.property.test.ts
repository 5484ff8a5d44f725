// Property: after any sequence of captures, completions, amends, undos, retractions, corrections, damaged lines, torn tails and
// replaced files, the views carried on from the preview checkpoint are the full scan's, in the same order.
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMulberry32 as createSeededRandom } from '../../kernel/index.js';
import { stampRow, type StampContext } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { completeWindow } from '../windows/complete-window.js';
import { recordSnapshot } from '../windows/record-snapshot.js';
import { scanWindowViews, type ScanWindowsResult, type ViewFoldHooks, type WindowView } from './scan-window-views.js';
import { undoCapture } from '../windows/undo-capture.js';

const AGENTS = ['main', 'bob'];
const PROVIDERS = ['claude', 'codex'];
const MINUTE = 60_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'view-checkpoint-property-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The rows of a ledger file that parse, for steps that retract or correct one of them. */
function readRows(file: string): Record<string, unknown>[] {
  const path = join(dir, file);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const row = JSON.parse(line) as Record<string, unknown>;
        return typeof row.id === 'string' ? [row] : [];
      } catch {
        return [];
      }
    });
}

/** One random step: most through the product's own paths, some what only a hand, a crash or a bug would write. */
function takeStep(random: () => number, clock: { now: number }): void {
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(random() * items.length)];
  const ctx: StampContext = { agentId: pick(AGENTS) as string, source: 'manual' };
  const provider = pick(PROVIDERS) as string;
  clock.now += Math.floor(random() * 30) * MINUTE;
  const reading = { format: 'json', bars: { five_hour: { used_pct: Math.floor(random() * 100), resets_at: null } }, parse_errors: [] };
  const file = random() < 0.5 ? LEDGER_FILES.snapshots : LEDGER_FILES.windows;
  const roll = random();
  try {
    if (roll < 0.4)
      recordSnapshot(dir, ctx, {
        provider,
        phase: random() < 0.5 ? 'before' : 'after',
        reading,
        capturedAt: new Date(clock.now),
        force: random() < 0.3,
      });
    else if (roll < 0.55) completeWindow(dir, ctx, { provider, quality: random(), outcome: 'success', amend: random() < 0.2 });
    else if (roll < 0.6) undoCapture(dir, ctx, { provider });
    else if (roll < 0.7) {
      // Half of them retract a row written since the last scan, which the checkpoint can take in its stride.
      const fresh = random() < 0.5;
      if (fresh) completeWindow(dir, ctx, { provider, quality: random(), outcome: 'partial' });
      const rows = readRows(file);
      const target = fresh ? rows.at(-1) : pick(rows);
      if (target)
        appendRows(
          dir,
          file,
          [stampRow(ctx, 'retraction', { target_id: String(target.id), target_kind: String(target.kind), reason: 'test' })],
          ctx,
        );
    } else if (roll < 0.78) {
      const target = pick(readRows(LEDGER_FILES.snapshots).filter((row) => row.kind === 'snapshot'));
      const id = stampRow(ctx, 'snapshot', {}).id;
      if (target)
        appendRows(
          dir,
          LEDGER_FILES.snapshots,
          [{ ...target, id, supersedes: target.id, captured_at: new Date(clock.now).toISOString() }],
          ctx,
        );
    } else if (roll < 0.82) {
      // A second completion, or capture, of a window written by hand (no supersedes): a completed window's one replaces it in place.
      const target = pick(readRows(file).filter((row) => row.kind !== 'retraction' && row.supersedes === undefined));
      if (target) appendRows(dir, file, [{ ...target, id: stampRow(ctx, 'snapshot', {}).id }], ctx);
    } else if (roll < 0.84) {
      // A capture cut short in its middle: its head (and window) can be read, the rest cannot.
      const target = pick(readRows(LEDGER_FILES.snapshots).filter((row) => row.kind === 'snapshot'));
      const line = JSON.stringify({ ...target, id: stampRow(ctx, 'snapshot', {}).id });
      if (target) appendFileSync(join(dir, LEDGER_FILES.snapshots), `${line.slice(0, line.indexOf('"phase":"') + 11)}\n`);
    } else if (roll < 0.87) appendFileSync(join(dir, file), random() < 0.5 ? 'not a row\n' : '{"id":"torn-in-the-middle');
    else if (roll < 0.9 && existsSync(join(dir, file))) {
      // The same bytes under a new inode (a restore from a backup): the checkpoint no longer knows the file.
      copyFileSync(join(dir, file), join(dir, `${file}.copy`));
      renameSync(join(dir, `${file}.copy`), join(dir, file));
    } else if (roll < 0.93) appendFileSync(join(dir, file), '\n');
  } catch {
    // Refusals are part of the sequence: they leave the files as they were.
  }
}

/** A fold that keeps every view it was handed: its state is the views before the save. */
function createRecordingFold(): { views: WindowView[]; hooks: ViewFoldHooks } {
  const fold = {
    views: [] as WindowView[],
    hooks: {
      name: 'recording',
      save: () => structuredClone(fold.views),
      restore: (state: unknown) => {
        if (!Array.isArray(state)) return false;
        fold.views = state as WindowView[];
        return true;
      },
    },
  };
  return fold;
}

async function scanBoth(saveAfterBytes: number | undefined): Promise<{
  full: WindowView[];
  carried: WindowView[];
  fullResult: ScanWindowsResult;
  carriedResult: ScanWindowsResult;
}> {
  const full: WindowView[] = [];
  const fullResult = await scanWindowViews(dir, (view) => full.push(view));
  const fold = createRecordingFold();
  const carriedResult = await scanWindowViews(dir, (view) => fold.views.push(view), {
    fold: fold.hooks,
    repairAs: { agentId: 'main', source: 'manual' },
    ...(saveAfterBytes === undefined ? {} : { saveAfterBytes }),
  });
  return { full, carried: fold.views, fullResult, carriedResult };
}

describe('scanWindowViews with a checkpoint', () => {
  // Seeds 1 and 2 store a checkpoint after every step; 3 and 4 keep the default, so new parts pile up on one checkpoint.
  it.each([
    [1, 0],
    [2, 0],
    [3, undefined],
    [4, undefined],
  ])('hands on the full scan views after every step (seed %i, stored after %s new bytes)', async (seed, saveAfterBytes) => {
    const random = createSeededRandom(seed);
    const clock = { now: Date.UTC(2026, 10, 21, 8) };
    const reads = { full: 0, checkpoint: 0 };
    for (let step = 0; step < 80; step += 1) {
      takeStep(random, clock);
      const { full, carried, fullResult, carriedResult } = await scanBoth(saveAfterBytes);
      expect(carried).toEqual(full);
      expect(carriedResult.windows).toBe(fullResult.windows);
      expect(carriedResult.unreadable).toEqual(fullResult.unreadable);
      reads[carriedResult.read] += 1;
    }
    // Most steps carry the checkpoint on; some must fall back (retractions, amends, replaced files).
    expect(reads.checkpoint).toBeGreaterThan(30);
    expect(reads.full).toBeGreaterThan(1);
  });
});
