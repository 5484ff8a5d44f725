// Scenario hooks: a generous step timeout, and failing any scenario whose CLI error nobody checked.
import { After, Before, setDefaultTimeout } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

// Steps start real processes (several at once in the concurrency specs) on a shared 2-core machine. A step that waits
// on many processes sets its own limit instead: no progress for 120 s, or a ceiling (progress-guard.ts).
setDefaultTimeout(120_000);

// Commands run in this process unless the scenario needs real ones: concurrency, kills, locks, pipes, signals, servers.
// SPEC_SPAWN=1 spawns every command, as the specs once did: both ways must pass the same scenarios.
Before(function (this: TrackerWorld, { pickle }) {
  this.spawnsProcesses = process.env.SPEC_SPAWN === '1' || pickle.tags.some((tag) => tag.name === '@spawn');
});

// The one After hook that stops processes and removes the folder: steps register their stops with `addStop`.
After(async function (this: TrackerWorld, { result }) {
  const unchecked = this.uncheckedFailure;
  const passed = result?.status === 'PASSED';
  await this.cleanUp({ failed: result?.status === 'FAILED', keep: Boolean(process.env.KEEP_SPEC_DIRS) });
  if (passed && unchecked) {
    throw new Error(`\`${unchecked.command}\` failed with exit ${unchecked.exitCode} and no step checked it:\n${unchecked.stderr}`);
  }
});
