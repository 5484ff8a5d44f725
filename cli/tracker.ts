#!/usr/bin/env node
// The `tracker` executable: loads only the command it runs (issue 31; `statusline` runs on every Claude Code prompt,
// `snapshot` after every window); `--help`, `--version` and a mistyped command load the full program.
import { findCommandIndex, TRACKER_COMMANDS } from './command-registry.js';

const args = process.argv.slice(2);
const at = findCommandIndex(args);
const name = args[at] ?? '';
const load = TRACKER_COMMANDS.get(name);
if (name === 'statusline') {
  const { runStatusline } = await import('./statusline.js');
  // Options may stand before the command too (`tracker --data-dir D statusline`).
  await runStatusline([...args.slice(0, at), ...args.slice(at + 1)]);
} else if (load !== undefined) {
  const { runSingleCommandProgram } = await import('./single-command-program.js');
  await runSingleCommandProgram('tracker', load);
} else {
  const { runTrackerProgram } = await import('./tracker-program.js');
  await runTrackerProgram();
}
