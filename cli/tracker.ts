#!/usr/bin/env node
// The `tracker` executable: loads only the command it runs (ADR 0023; `statusline` runs on every Claude Code prompt,
// `snapshot` after every window); `--help`, `--version` and a mistyped command load the full program.
import { runTracker } from './run-tracker.js';

await runTracker(process.argv.slice(2));
