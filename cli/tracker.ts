#!/usr/bin/env node
// The `tracker` executable. `statusline` runs on every Claude Code prompt, so it skips loading the full program.
if (process.argv[2] === 'statusline') {
  const { runStatusline } = await import('./statusline.js');
  await runStatusline(process.argv.slice(3));
} else {
  const { runTrackerProgram } = await import('./tracker-program.js');
  await runTrackerProgram();
}
