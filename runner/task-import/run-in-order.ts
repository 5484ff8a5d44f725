// Runs numbered jobs side by side, up to a limit at once, and takes their results strictly in number order.

/** What a job gets: its number, its turn (true once every earlier result was taken and the run goes on), the run's abort. */
export interface JobContext {
  index: number;
  /** Resolves once every job before this one has been taken: true to go on, false when the run stopped before it. */
  turn: () => Promise<boolean>;
  /** Aborted when the run stops (a result said so, or a job threw): what is still under way can end early. */
  signal: AbortSignal;
}

export interface OrderedRun<T> {
  count: number;
  /** How many jobs run at once (at least 1). */
  jobs: number;
  start: (context: JobContext) => Promise<T>;
  /** Takes job `index`'s result, in index order; false stops the run (later jobs are aborted, their results dropped). */
  take: (index: number, result: T) => boolean;
  /**
   * Stops the run from outside: the jobs under way are aborted, and only the result awaited then (the next in order) is
   * still taken: that job may have had its turn and done what cannot be undone, such as moving a task into the bank.
   */
  signal?: AbortSignal | undefined;
}

/**
 * Starts jobs 0..count-1, never more than `jobs` unfinished at once, and hands each result to `take` in index order, so
 * what the caller prints and decides is what a one-at-a-time run would print and decide. A job that needs the earlier
 * results first (a near-duplicate check, a move into the bank) awaits its turn. Returns once nothing is under way.
 */
export async function runInOrder<T>(run: OrderedRun<T>): Promise<void> {
  const abort = new AbortController();
  const waiting = new Map<number, (goOn: boolean) => void>();
  const started = new Map<number, Promise<T>>();
  let taken = 0;
  let next = 0;
  let stopped = false;
  const turn = (index: number): Promise<boolean> => {
    if (stopped) return Promise.resolve(false);
    if (index === taken) return Promise.resolve(true);
    return new Promise((resolve) => waiting.set(index, resolve));
  };
  const stop = (): void => {
    stopped = true;
    abort.abort();
    for (const resolve of waiting.values()) resolve(false);
    waiting.clear();
  };
  const fill = (): void => {
    const limit = Math.max(1, run.jobs);
    while (!stopped && next < run.count && next - taken < limit) {
      const index = next;
      next += 1;
      const promise = run.start({ index, turn: () => turn(index), signal: abort.signal });
      promise.catch(() => undefined); // taken (or dropped) below, in order
      started.set(index, promise);
    }
  };
  run.signal?.addEventListener('abort', stop, { once: true });
  try {
    if (run.signal?.aborted) stop();
    fill();
    // A stop from outside comes while the next result is awaited (a job gets its turn only then), so that result is taken.
    while (!stopped && taken < run.count) {
      const result = await (started.get(taken) as Promise<T>);
      started.delete(taken);
      const goOn = run.take(taken, result);
      taken += 1;
      if (!goOn || stopped) stop();
      else {
        waiting.get(taken)?.(true);
        waiting.delete(taken);
        fill();
      }
    }
  } catch (error) {
    stop();
    throw error;
  } finally {
    run.signal?.removeEventListener('abort', stop);
    // Nothing outlives the run: jobs after a stop end early (aborted) and their results are dropped.
    await Promise.allSettled(started.values());
  }
}
