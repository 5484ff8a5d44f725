// What a scenario started and must stop before its folder goes: registered stops and running commands, each given a time limit.
import type { ResultPromise } from 'execa';

/** Long enough for a viewer or a proxy to flush, short of the hook's own 120 s limit (hooks.ts). */
const STOP_LIMIT_MS = 20_000;

/** Resolves when `child` has exited (not when its pipes close: a grandchild may hold them), or after `ms`. */
function waitForExit(child: ResultPromise, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Awaits `work`, or fails with `what` after `ms`. */
async function awaitWithin(work: Promise<unknown>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not stop within ${ms / 1000} s`)), ms);
  });
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class ScenarioStops {
  /** Commands still running: a step that failed (a hang guard fired) leaves them. */
  readonly running = new Set<ResultPromise>();
  private readonly stops: Array<(failed: boolean) => unknown> = [];

  add(stop: (failed: boolean) => unknown): void {
    this.stops.push(stop);
  }

  /** Runs every stop, the latest first, each within its limit; then ends the commands still running. Returns what failed. */
  async stopAll(failed: boolean): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const child of this.running) child.kill('SIGKILL');
    for (const [index, stop] of this.stops.splice(0).reverse().entries()) {
      try {
        await awaitWithin(
          Promise.resolve().then(() => stop(failed)),
          STOP_LIMIT_MS,
          `stop ${index + 1} (latest first)`,
        );
      } catch (error) {
        failures.push(error);
      }
    }
    await Promise.all([...this.running].map((child) => waitForExit(child, STOP_LIMIT_MS)));
    return failures;
  }
}
