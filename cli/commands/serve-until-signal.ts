// Shared by the long-running commands (proxy, model-server, the watchers): port flags and waiting for SIGINT/SIGTERM.
import { AppError } from '../../kernel/index.js';

export function parsePort(value: string, flag: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new AppError('BAD_USAGE', `expected a port from 0 to 65535, got ${JSON.stringify(value)}`, { where: flag });
  return port;
}

/** Resolves with the signal's name at the first SIGINT or SIGTERM; a second one exits at once. */
export function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const now = (): never => process.exit(130);
      process.once('SIGINT', now);
      process.once('SIGTERM', now);
      resolve(signal);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** A polling loop's pause: after SIGINT or SIGTERM `stopped` is true and the current (or next) sleep ends at once. */
export interface StoppableSleep {
  readonly stopped: boolean;
  sleep(ms: number): Promise<void>;
}

/** Ctrl-C never waits out a watcher's interval: the signal ends the sleep and its timer with it. */
export function createStoppableSleep(): StoppableSleep {
  let stopped = false;
  let wake: (() => void) | null = null;
  void waitForStopSignal().then(() => {
    stopped = true;
    wake?.();
  });
  return {
    get stopped() {
      return stopped;
    },
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
  };
}
