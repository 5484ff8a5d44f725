// Scenario hooks: fail any scenario whose CLI error nobody checked, then remove its temp directory.
import { After } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

After(function (this: TrackerWorld, { result }) {
  const unchecked = this.uncheckedFailure;
  const passed = result?.status === 'PASSED';
  if (!process.env.KEEP_SPEC_DIRS) this.cleanUp();
  if (passed && unchecked) {
    throw new Error(`\`${unchecked.command}\` failed with exit ${unchecked.exitCode} and no step checked it:\n${unchecked.stderr}`);
  }
});
