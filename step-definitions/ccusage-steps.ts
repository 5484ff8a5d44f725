// Steps that bring the real clients' fixtures into a scenario and add up the readings they became.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import type { TrackerWorld } from './world.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REAL = join(REPO_ROOT, 'sources/parsers/test-fixtures/real');
/** The real ccusage, pinned, installed on first use into .clients/ (not a dependency of the package). */
export async function findRealCcusage(): Promise<string> {
  const { stdout } = await execa('bash', [join(REPO_ROOT, 'scripts/fixtures/ensure-clients.sh'), 'ccusage']);
  return join(stdout.trim().split('\n').at(-1) ?? '', 'ccusage');
}

Given('the real fixture {string}', function (this: TrackerWorld, name: string) {
  copyFileSync(join(REAL, name), join(this.workDir, name));
});

Given('the real fixture {string} with {string} renamed to {string}', function (this: TrackerWorld, name: string, from: string, to: string) {
  writeFileSync(join(this.workDir, 'renamed.json'), readFileSync(join(REAL, name), 'utf8').replace(`"${from}"`, `"${to}"`));
});

Given("the real Claude Code transcript is in the scenario's HOME", function (this: TrackerWorld) {
  const projects = join(this.workDir, 'home', '.claude', 'projects', '-work-demo');
  mkdirSync(projects, { recursive: true });
  copyFileSync(join(REAL, 'claude-2.1.329-transcript.jsonl'), join(projects, 'session.jsonl'));
});

When('I run the real ccusage through {string}', async function (this: TrackerWorld, line: string) {
  const args = line.match(/'[^']*'|\S+/g)?.map((arg) => arg.replace(/^'|'$/g, '')) ?? [];
  await this.runTracker([...args, '--ccusage-bin', await findRealCcusage()], { env: { HOME: join(this.workDir, 'home') } });
});

Then(
  'the {string} rows of {string} add up to {int} tokens for {string}',
  function (this: TrackerWorld, kind: string, file: string, tokens: number, provider: string) {
    const rows = this.readRows(file).filter((row) => row.kind === kind && row.provider === provider);
    assert.ok(rows.length > 0, `no ${kind} rows for ${provider}`);
    const total = rows.reduce((sum, row) => sum + ((row.tokens as { total?: number } | undefined)?.total ?? 0), 0);
    assert.equal(total, tokens);
  },
);

/** A session file the real Gemini CLI wrote, placed where it writes one: <home>/tmp/<project>/chats/session-….jsonl. */
Given('the real Gemini session {string} in the Gemini home {string}', function (this: TrackerWorld, fixture: string, home: string) {
  const chats = join(this.workDir, home, 'tmp', 'w2', 'chats');
  mkdirSync(chats, { recursive: true });
  copyFileSync(join(REAL, fixture), join(chats, 'session-2026-11-27T00-13-e9ee19c1.jsonl'));
});
