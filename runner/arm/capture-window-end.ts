// Records an arm window's before or after from the proxy's readings: the probe's, else the agent's own traffic's.
import {
  AFTER_TOO_SOON,
  findWindowReading,
  recordSnapshot,
  type ReadingRow,
  type SnapshotOutcome,
  type StampContext,
} from '../../ledger/index.js';
import { isAppError } from '../../kernel/index.js';

export interface CaptureRequest {
  dataDir: string;
  stamp: StampContext;
  provider: string;
  windowId: string;
  phase: 'before' | 'after';
  /** The window id the probe was tagged with; null when no probe was sent or it failed. */
  probeWindowId: string | null;
  /** Ask the proxy to write what it holds before each look at the ledger. */
  flush: () => Promise<void>;
}

export interface CaptureResult {
  outcome: SnapshotOutcome | null;
  /** Where the bars came from, for the window's notes and methodology. */
  basis: 'quota' | 'probe' | 'agent-traffic' | 'latest-reading' | 'tokens' | 'none';
  /** Forced past the reset buffer (tagged late-after, anomaly written). */
  forced: boolean;
}

const PROXY_FORMAT = 'proxy-headers';

/**
 * The probe's reading wins; then the agent's own first (before) or last (after) response; then the
 * provider's latest reading. None at all: nothing is recorded and the caller decides. An after refused by
 * the reset buffer (invariant 2) is recorded forced, so it is tagged `late-after` with an anomaly: the arm
 * cannot be re-run against a bar that already reset.
 */
export async function captureWindowEnd(request: CaptureRequest): Promise<CaptureResult> {
  const found = await findReading(request);
  if (!found) return { outcome: null, basis: 'none', forced: false };
  const reading = { format: found.reading.format, bars: found.reading.bars, parse_errors: [] };
  return recordWindowEnd(
    request,
    reading,
    new Date(found.reading.captured_at),
    found.basis,
    `from proxy reading ${found.reading.id} (${found.basis})`,
  );
}

/** Records the capture; an after refused by the reset buffer is recorded forced (late-after, with an anomaly). */
export function recordWindowEnd(
  request: Pick<CaptureRequest, 'dataDir' | 'stamp' | 'provider' | 'windowId' | 'phase'>,
  reading: { format: string; bars: ReadingRow['bars']; tokens?: ReadingRow['tokens']; parse_errors: string[] },
  capturedAt: Date,
  basis: CaptureResult['basis'],
  notes: string,
): CaptureResult {
  const record = (force: boolean): SnapshotOutcome =>
    recordSnapshot(request.dataDir, request.stamp, {
      provider: request.provider,
      phase: request.phase,
      windowId: request.windowId,
      reading,
      capturedAt,
      force,
      notes,
    });
  try {
    return { outcome: record(false), basis, forced: false };
  } catch (error) {
    if (request.phase !== 'after' || !isAppError(error) || error.kind !== AFTER_TOO_SOON) throw error;
    return { outcome: record(true), basis, forced: true };
  }
}

async function findReading(request: CaptureRequest): Promise<{ reading: ReadingRow; basis: CaptureResult['basis'] } | null> {
  const look = (windowId: string, pick: 'first' | 'last'): ReadingRow | null =>
    findWindowReading(request.dataDir, { provider: request.provider, format: PROXY_FORMAT, windowId, pick, notAfter: Date.now() + 1000 });
  // The proxy writes readings on a worker thread: a reading of a response that just ended may take a moment.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    await request.flush();
    if (request.probeWindowId) {
      const probe = look(request.probeWindowId, 'last');
      if (probe?.window_id === request.probeWindowId) return { reading: probe, basis: 'probe' };
    }
    const own = look(request.windowId, request.phase === 'before' ? 'first' : 'last');
    if (own?.window_id === request.windowId) return { reading: own, basis: 'agent-traffic' };
    if (!request.probeWindowId && attempt === 0 && own) return { reading: own, basis: 'latest-reading' };
    if (attempt === 4 && own) return { reading: own, basis: 'latest-reading' };
    await new Promise((resolve) => setTimeout(resolve, 20 * (attempt + 1)));
  }
  return null;
}
