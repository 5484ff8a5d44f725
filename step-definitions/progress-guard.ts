// A hang guard for steps that wait on many processes: a step fails when nothing has moved for a while, not at a fixed time.
import type { TrackerWorld } from './world.js';

/**
 * Why not cucumber's fixed step timeout: at a load average of 18-25 on 2 cores, "four agents
 * capturing at the same time" and "eight machines writing at once" ran past the 120 s limit (hooks.ts) while their
 * commands still finished every few seconds, and `npm test` failed on a machine that was only busy. A step guarded
 * here fails when no process of it has finished (or written, for long-running ones) for IDLE_MS: a hang, whatever the
 * load. CEILING_MS bounds it anyway: progress that never ends is a hang too.
 */
export const PROGRESS_IDLE_MS = 120_000;
export const PROGRESS_CEILING_MS = 900_000;

/** Cucumber's own limit for a guarded step: past the guard's ceiling, so the failure is the guard's, which says what hung. */
export const GUARDED_STEP = { timeout: PROGRESS_CEILING_MS + 30_000 };

export interface ProgressLimits {
  idleMs?: number;
  ceilingMs?: number;
  /** How often progress is looked at. */
  everyMs?: number;
}

/**
 * Resolves as `work` does, or rejects once `readProgress` (any count that grows while the work moves: commands
 * finished, lines written) has not changed for `idleMs`, or at `ceilingMs` in any case. `what` names the work.
 */
export async function awaitProgress<T>(
  what: string,
  work: Promise<T>,
  readProgress: () => number,
  limits: ProgressLimits = {},
): Promise<T> {
  const idleMs = limits.idleMs ?? PROGRESS_IDLE_MS;
  const ceilingMs = limits.ceilingMs ?? PROGRESS_CEILING_MS;
  const started = Date.now();
  let seen = readProgress();
  let movedAt = started;
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setInterval(() => {
      const now = Date.now();
      const progress = readProgress();
      if (progress !== seen) {
        seen = progress;
        movedAt = now;
      }
      const took = `${Math.round((now - started) / 1000)} s`;
      if (now - movedAt > idleMs)
        reject(new Error(`${what}: nothing moved for ${Math.round(idleMs / 1000)} s (progress ${seen} after ${took}): it hangs`));
      else if (now - started > ceilingMs)
        reject(new Error(`${what}: still going after ${took}, the ceiling, though it kept moving (progress ${seen})`));
    }, limits.everyMs ?? 1000);
  });
  try {
    return await Promise.race([work, guard]);
  } finally {
    clearInterval(timer);
  }
}

/** awaitProgress counting the scenario's finished commands (world.runTracker): the work of a step that runs many. */
export function awaitCommands<T>(world: TrackerWorld, what: string, work: Promise<T>, limits?: ProgressLimits): Promise<T> {
  return awaitProgress(what, work, () => world.results.length, limits);
}
