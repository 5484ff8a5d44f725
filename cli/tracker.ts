#!/usr/bin/env node
// The `tracker` executable. `statusline` runs on every Claude Code prompt, `proxy` runs for hours and `preview` after every
// window: they skip loading the full program (for preview about 0.45 s and 30 MB of start-up, measured on a 1M-row ledger).
const args = process.argv.slice(2);
const at = findCommand(args);
if (args[at] === 'statusline') {
  const { runStatusline } = await import('./statusline.js');
  // Options may stand before the command too (`tracker --data-dir D statusline`).
  await runStatusline([...args.slice(0, at), ...args.slice(at + 1)]);
} else if (args[at] === 'proxy' || args[at] === 'preview') {
  const { runSingleCommandProgram } = await import('./single-command-program.js');
  const create =
    args[at] === 'proxy'
      ? (await import('./commands/proxy.js')).createProxyCommand
      : (await import('./commands/preview.js')).createPreviewCommand;
  await runSingleCommandProgram(create);
} else {
  const { runTrackerProgram } = await import('./tracker-program.js');
  await runTrackerProgram();
}

/** Index of the first argument that is not a global option or its value. */
function findCommand(argv: string[]): number {
  let i = 0;
  while (i < argv.length && (argv[i] ?? '').startsWith('-'))
    i += argv[i] === '--data-dir' || argv[i] === '--agent' || argv[i] === '--ledger' ? 2 : 1;
  return i;
}
