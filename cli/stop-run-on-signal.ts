// Ctrl-C or SIGTERM during `experiment run`: kill the agents' and tests' process groups, free the lock, exit.
import { killTrackedProcessGroups } from '../runner/index.js';

/**
 * Agents and hidden-test runs live in their own process groups (so a timeout can kill all they started),
 * which also keeps a terminal's Ctrl-C from reaching them: this handler does it. The arms cut short stay
 * open in the ledger and are redone by the next run of the same command. Returns the uninstaller.
 */
export function stopRunOnSignal(releaseLock: () => void): () => void {
  const handle = (signal: NodeJS.Signals): void => {
    const killed = killTrackedProcessGroups('SIGKILL');
    releaseLock();
    process.stderr.write(`\n${signal}: stopped ${killed} running agent/test process group(s); run the same command again to resume (cut-short arms are redone)\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', handle);
  process.once('SIGTERM', handle);
  return () => {
    process.off('SIGINT', handle);
    process.off('SIGTERM', handle);
  };
}
