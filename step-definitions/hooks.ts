// Scenario hooks: a generous step timeout, and failing any scenario whose CLI error nobody checked.
import { After, setDefaultTimeout } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

// Steps start real processes (several at once in the concurrency specs) on a shared 2-core machine.
setDefaultTimeout(120_000);

After(function (this: TrackerWorld, { result }) {
  const unchecked = this.uncheckedFailure;
  const passed = result?.status === 'PASSED';
  if (!process.env.KEEP_SPEC_DIRS) this.cleanUp();
  if (passed && unchecked) {
    throw new Error(`\`${unchecked.command}\` failed with exit ${unchecked.exitCode} and no step checked it:\n${unchecked.stderr}`);
  }
});
