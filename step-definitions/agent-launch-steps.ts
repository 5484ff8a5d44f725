// Steps for agent CLIs installed where the arms' sandbox hides them: never the provider's failure.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

/** A Claude Code stand-in: answers --version, and for an arm prints stream-json's init and result lines with its uid. */
const STAND_IN = `#!/usr/bin/env node
if (process.argv.includes('--version')) { console.log('2.1.329 (Claude Code)'); process.exit(0); }
console.log(JSON.stringify({ type: 'system', subtype: 'init', session_id: 'stand-in', uid: process.getuid() }));
const usage = { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
console.log(JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: 'done', usage }));
`;

function writeProgram(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  chmodSync(file, 0o755);
}

function writeProfile(self: TrackerWorld, provider: string, command: string): void {
  const profile = { driver: 'claude', model: 'scripted-steady', command, upstream: 'scripted', description: 'a stand-in claude' };
  writeFileSync(join(self.workDir, 'profiles.json'), JSON.stringify({ providers: { [provider]: profile } }));
}

// The native installer's layout: ~/.local/bin/claude -> ~/.local/share/claude/versions/<version>. The scenario
// folder holds the data dir, so the sandbox hides it whole, as it hides a real HOME.
Given(
  'a provider profile {string} whose claude is a link in a folder the sandbox hides, as the native installer makes it',
  function (this: TrackerWorld, provider: string) {
    const real = join(this.workDir, 'home', '.local', 'share', 'claude', 'versions', '2.1.329');
    writeProgram(real, STAND_IN);
    const link = join(this.workDir, 'home', '.local', 'bin', 'claude');
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(real, link);
    writeProfile(this, provider, link);
  },
);

Given(
  'a provider profile {string} whose claude is a wrapper that starts a program the sandbox hides',
  function (this: TrackerWorld, provider: string) {
    const real = join(this.workDir, 'lib', 'claude-real');
    writeProgram(real, STAND_IN);
    writeProgram(join(this.workDir, 'bin', 'claude'), `#!/bin/sh\nexec ${real} "$@"\n`);
    writeProfile(this, provider, join(this.workDir, 'bin', 'claude'));
  },
);

Given(
  'a provider profile {string} whose claude answers --version itself but starts its agent from a folder the sandbox hides',
  function (this: TrackerWorld, provider: string) {
    const real = join(this.workDir, 'lib', 'claude-real');
    writeProgram(real, STAND_IN);
    const wrapper = `#!/bin/sh\nif [ "$1" = --version ]; then echo '2.1.329 (Claude Code)'; exit 0; fi\nexec ${real} "$@"\n`;
    writeProgram(join(this.workDir, 'bin', 'claude'), wrapper);
    writeProfile(this, provider, join(this.workDir, 'bin', 'claude'));
  },
);

Then(
  'every arm of {string} started its agent in its sandbox and was scored: a window each',
  function (this: TrackerWorld, provider: string) {
    type Arm = { provider: string; outcome: string; agent_outcome: string; tokens: number; infra_failure: string | null; notes: string[] };
    const parsed = JSON.parse(this.last.stdout) as { results: Arm[] };
    const arms = parsed.results.filter((result) => result.provider === provider);
    assert.ok(arms.length > 0, `no arm of ${provider} ran: ${this.last.stderr.slice(-600)}`);
    // The stand-in's own result line (15 tokens) was read: it ran; on 8d1aeb7 bwrap could not find it (exit 1, fail 0.00).
    assert.deepEqual(
      arms.map((arm) => [arm.agent_outcome, arm.tokens, arm.outcome === 'abandoned', arm.infra_failure]),
      arms.map(() => ['success', 15, false, null]),
      JSON.stringify(arms.map((arm) => arm.notes)),
    );
    const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window' && row.provider === provider);
    assert.equal(windows.length, arms.length);
    for (const window of windows) assert.match(String(window.methodology), /isolation: bwrap \(/);
  },
);

Then('windows.jsonl has no window of {string}', function (this: TrackerWorld, provider: string) {
  const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window' && row.provider === provider);
  assert.deepEqual(windows, []);
});
