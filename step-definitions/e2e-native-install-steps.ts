// The real Claude Code installed the way its native installer does it, in a HOME the arms' sandbox hides.
import assert from 'node:assert/strict';
import { copyFileSync, linkSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import { e2eOf } from './e2e-clients.js';
import { runExperimentWithClients } from './e2e-ledger-steps.js';
import type { TrackerWorld } from './world.js';

/**
 * `~/.local/bin/claude -> ~/.local/share/claude/versions/<version>`, as Claude Code's native installer lays it out,
 * with the pinned binary (a hard link where the file system allows, else a copy), in a HOME of the scenario that is
 * first on PATH: `claude --version` answers on the host, and the sandbox hides HOME and /tmp.
 */
When(
  'I run the experiment with the real claude installed the native way in a HOME of this scenario: {string}',
  async function (this: TrackerWorld, line: string) {
    const pinned = realpathSync(join(process.env.E2E_CLIENT_BIN ?? '', 'claude'));
    const home = join(this.workDir, 'home');
    const versions = join(home, '.local', 'share', 'claude', 'versions');
    mkdirSync(versions, { recursive: true });
    mkdirSync(join(home, '.local', 'bin'), { recursive: true });
    try {
      linkSync(pinned, join(versions, '2.1.329'));
    } catch {
      copyFileSync(pinned, join(versions, '2.1.329'));
    }
    symlinkSync(join(versions, '2.1.329'), join(home, '.local', 'bin', 'claude'));
    // The pinned clients' own folder leaves PATH: a sandbox that misses the native claude must not find that one instead.
    const rest = (process.env.PATH ?? '').split(':').filter((dir) => dir !== '' && dir !== process.env.E2E_CLIENT_BIN);
    await runExperimentWithClients(this, line, { HOME: home, PATH: [join(home, '.local', 'bin'), ...rest].join(':') });
  },
);

Then('every {string} arm ran the native claude in its sandbox and scored quality 1', function (this: TrackerWorld, provider: string) {
  const run = e2eOf(this).runs.at(-1);
  assert.ok(run, 'no experiment run');
  assert.equal(run.exitCode, 0, `experiment run exited ${run.exitCode}:\n${run.stderr.slice(-3000)}`);
  const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window' && row.provider === provider);
  assert.ok(windows.length > 0, `no window of ${provider}:\n${run.stderr.slice(-3000)}`);
  for (const window of windows) {
    assert.equal(window.quality_score, 1, `${window.window_id}: ${window.notes}`);
    assert.match(String(window.methodology), /claude-code 2\.1\.329.*isolation: bwrap \(/);
  }
});
