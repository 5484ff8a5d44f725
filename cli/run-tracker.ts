// `tracker ARGS` as a function: the bin calls it with its argv, and the specs call it in-process.
import { findCommandIndex, TRACKER_COMMANDS } from './command-registry.js';

/** Runs `tracker` with `args` (argv without node and the script), loading only the command it names. */
export async function runTracker(args: readonly string[]): Promise<void> {
  const argv = [process.execPath, 'tracker', ...args];
  const at = findCommandIndex(args);
  const name = args[at] ?? '';
  const load = TRACKER_COMMANDS.get(name);
  if (name === 'statusline') {
    const { runStatusline } = await import('./statusline.js');
    // Options may stand before the command too (`tracker --data-dir D statusline`).
    await runStatusline([...args.slice(0, at), ...args.slice(at + 1)]);
  } else if (load !== undefined) {
    const { runSingleCommandProgram } = await import('./single-command-program.js');
    await runSingleCommandProgram('tracker', load, argv);
  } else {
    const { runTrackerProgram } = await import('./tracker-program.js');
    await runTrackerProgram(argv);
  }
}
