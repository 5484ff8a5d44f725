// Ctrl-C, SIGTERM or SIGHUP during `experiment run`: kill the agents' and tests' process groups, free the lock, exit.
import { killTrackedProcessGroups } from '../runner/index.js';

/**
 * Agents and hidden-test runs live in their own process groups (so a timeout can kill all they started),
 * which also keeps a terminal's Ctrl-C from reaching them: this handler does it. The arms cut short stay
 * open in the ledger and are redone by the next run of the same command. Returns the uninstaller.
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export function stopRunOnSignal(releaseLock: () => void, removeSandboxes: () => string[] = () => []): () => void {
  const handle = (signal: NodeJS.Signals): void => {
    const killed = killTrackedProcessGroups('SIGKILL');
    // The arm sandboxes hold a copy of the agent's credentials (its home): they go now, not at the next run.
    let removed = 0;
    try {
      removed = removeSandboxes().length;
    } catch (error) {
      process.stderr.write(`\nnote: could not remove every arm sandbox (${(error as Error).message}); the next run removes them\n`);
    }
    releaseLock();
    process.stderr.write(
      `\n${signal}: stopped ${killed} running agent/test process group(s), removed ${removed} arm sandbox(es); run the same command again to resume (cut-short arms are redone)\n`,
    );
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
  };
  // SIGHUP too: a closed terminal would otherwise leave the agents, in their own groups, running.
  for (const signal of SIGNALS) process.once(signal, handle);
  return () => {
    for (const signal of SIGNALS) process.off(signal, handle);
  };
}
