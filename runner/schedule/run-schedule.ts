// Takes the captures a window schedule says are due, from the latest readings, with the window rules applied.
import { findLatestReading, foldAgentWindows, recordSnapshot, type StampContext } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import type { ScheduledWindow } from './parse-schedule.js';

export type ScheduleOutcome = 'recorded' | 'no-reading' | 'postponed' | 'missed';

export interface ScheduleAction {
  window: string;
  provider: string;
  phase: 'before' | 'after';
  outcome: ScheduleOutcome;
  detail: string;
}

/**
 * A `before` is due from the window's start until its end; an `after` once it has ended and has a before.
 * Each is taken from the provider's latest reading no older than `maxAgeMs` (a reading shows the bars as
 * they were when read, so that time is the capture's time). The usual rules hold: a capture the reset
 * buffer refuses is postponed to a later run, never forced.
 */
export function runSchedule(dataDir: string, ctx: StampContext, windows: ScheduledWindow[], now: Date, maxAgeMs: number): ScheduleAction[] {
  const actions: ScheduleAction[] = [];
  const at = now.getTime();
  for (const scheduled of windows) {
    if (at < scheduled.start) continue;
    const current = foldAgentWindows(dataDir, ctx.agentId, scheduled.provider).find((window) => window.windowId === scheduled.id);
    const phase: 'before' | 'after' | null = !current?.before ? 'before' : !current.after && at >= scheduled.end ? 'after' : null;
    if (phase === null) continue;
    const base = { window: scheduled.id, provider: scheduled.provider, phase };
    if (phase === 'before' && at >= scheduled.end) {
      actions.push({
        ...base,
        outcome: 'missed',
        detail: `the window ended at ${new Date(scheduled.end).toISOString()} before a before was taken`,
      });
      continue;
    }
    const reading = findLatestReading(dataDir, scheduled.provider, at - maxAgeMs, at);
    if (!reading) {
      actions.push({
        ...base,
        outcome: 'no-reading',
        detail: `no reading of ${scheduled.provider} in the last ${Math.round(maxAgeMs / 60_000)} minutes (run tracker statusline or tracker ingest first)`,
      });
      continue;
    }
    try {
      recordSnapshot(dataDir, ctx, {
        provider: scheduled.provider,
        phase,
        windowId: scheduled.id,
        reading: { format: reading.format, bars: reading.bars, ...(reading.tokens ? { tokens: reading.tokens } : {}), parse_errors: [] },
        capturedAt: new Date(reading.captured_at),
        notes: `from reading ${reading.id}`,
      });
      actions.push({ ...base, outcome: 'recorded', detail: `from the ${reading.format} reading of ${reading.captured_at}` });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'RULE_VIOLATION') throw error;
      actions.push({ ...base, outcome: 'postponed', detail: error.message });
    }
  }
  return actions;
}
