// Records one simulated experiment as real ledger rows (snapshots, windows, anomalies) for `experiment report`.
import {
  completeWindow,
  LEDGER_FILES,
  recordSnapshot,
  scanLedger,
  SIMULATED_MARK,
  type CaptureReading,
  type StampContext,
} from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { type CrossoverDesign, type SimulatedTask, type SimulatedWindow, createSeededRandom } from '../../reports/index.js';

/** Ledger providers standing for arms A and B. */
export const SIMULATED_PROVIDERS = { A: 'sim-a', B: 'sim-b' } as const;
/** Efficiency (quality points per 1% of the 5h window) of a window whose simulated value is 0, and per SD. */
export const SIMULATED_EFFICIENCY = { base: 0.08, perSd: 0.01, floor: 0.02 } as const;
/** The first capture; every later one is a fixed step after it, so the rows' times depend only on the seed. */
const START_MS = Date.parse('2026-01-05T09:00:00Z');
const WINDOW_STEP_MS = 40 * 60_000;
const WINDOW_LENGTH_MS = 30 * 60_000;

/** What was written. */
export interface SimulatedWrite {
  planId: string;
  providers: string[];
  windows: number;
  anomalies: number;
  first: string;
  last: string;
}

/**
 * Writes each task's two windows in period order through `recordSnapshot` and `completeWindow`, stamped as
 * the runner at the simulated times: feature_id is the task, sequence/period/plan_id the crossover cell.
 * Efficiency `quality / delta` is `0.08 + 0.01 * value` (value in SDs of the paired difference); a failed
 * capture is an after below its before, which the ledger itself turns into a `negative-delta` anomaly.
 */
export function writeSimulatedExperiment(
  dataDir: string,
  agentId: string,
  tasks: readonly SimulatedTask[],
  design: Required<CrossoverDesign>,
  seed: string,
): SimulatedWrite {
  const slug = seed.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40);
  const planId = `sim-${slug}`;
  refuseRewrite(dataDir, planId);
  // A stream of its own for quality and bar positions, so the experiment stays replicate 1 of the seed.
  const random = createSeededRandom(`${seed}:ledger`);
  const methodology = `${SIMULATED_MARK} simulated AB/BA crossover (A=${SIMULATED_PROVIDERS.A}, B=${SIMULATED_PROVIDERS.B}; seed ${seed}; effect ${design.effect} SD; period effect ${design.periodEffect} SD)`;
  let slot = 0;
  let anomalies = 0;
  for (const task of tasks) {
    const featureId = `sim-task-${String(task.index).padStart(2, '0')}`;
    for (const window of task.windows) {
      const provider = SIMULATED_PROVIDERS[window.provider];
      const windowId = `${planId}-t${String(task.index).padStart(2, '0')}-${window.provider.toLowerCase()}`;
      const beforeAt = new Date(START_MS + slot * WINDOW_STEP_MS);
      const afterAt = new Date(beforeAt.getTime() + WINDOW_LENGTH_MS);
      slot += 1;
      const { quality, before, after } = planCapture(window, random);
      const stamp = (at: Date): StampContext => ({ agentId, source: 'runner', now: () => at });
      recordSnapshot(dataDir, stamp(beforeAt), {
        provider,
        phase: 'before',
        windowId,
        reading: readBar(before),
        capturedAt: beforeAt,
        notes: 'simulated',
      });
      const outcome = recordSnapshot(dataDir, stamp(afterAt), {
        provider,
        phase: 'after',
        windowId,
        reading: readBar(after),
        capturedAt: afterAt,
        notes: 'simulated',
      });
      anomalies += outcome.anomalies.length;
      completeWindow(dataDir, stamp(new Date(afterAt.getTime() + 60_000)), {
        provider,
        windowId,
        quality,
        outcome: 'success',
        featureId,
        methodology,
        notes: 'simulated',
        experiment: { sequence: task.sequence, period: window.period, planId },
      });
    }
  }
  return {
    planId,
    providers: [SIMULATED_PROVIDERS.A, SIMULATED_PROVIDERS.B],
    windows: slot,
    anomalies,
    first: new Date(START_MS).toISOString(),
    last: new Date(START_MS + (slot - 1) * WINDOW_STEP_MS + WINDOW_LENGTH_MS + 60_000).toISOString(),
  };
}

/** Quality in [0.6, 1], the capacity delta that gives the window's efficiency, and where the bar stood. */
function planCapture(window: SimulatedWindow, random: () => number): { quality: number; before: number; after: number } {
  const quality = round(0.6 + 0.4 * random(), 2);
  const efficiency = Math.max(SIMULATED_EFFICIENCY.floor, SIMULATED_EFFICIENCY.base + SIMULATED_EFFICIENCY.perSd * window.value);
  const delta = round(quality / efficiency, 2);
  const before = round(5 + random() * (90 - delta), 2);
  // A failed capture: the after reads lower than the before (a wrapped bar or a race).
  const after = window.negativeDelta ? round(before - 1 - 4 * random(), 2) : round(before + delta, 2);
  return { quality, before, after };
}

function readBar(usedPct: number): CaptureReading {
  return { format: 'simulated', bars: { five_hour: { used_pct: usedPct, resets_at: null, window_minutes: 300 } }, parse_errors: [] };
}

function refuseRewrite(dataDir: string, planId: string): void {
  let found = false;
  scanLedger(
    dataDir,
    LEDGER_FILES.windows,
    (row) => {
      if (row.plan_id === planId) found = true;
    },
    { needles: [planId] },
  );
  if (found)
    throw new AppError('RULE_VIOLATION', `the data dir already holds simulated plan ${planId}: use another --seed or another --data-dir`, {
      where: '--seed',
    });
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
