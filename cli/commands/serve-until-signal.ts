// Shared by the long-running commands (proxy, model-server): port flags and waiting for SIGINT/SIGTERM.
import { AppError } from '../../ledger/index.js';

export function parsePort(value: string, flag: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new AppError('BAD_USAGE', `expected a port from 0 to 65535, got ${JSON.stringify(value)}`, { where: flag });
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
