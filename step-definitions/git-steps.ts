// Steps that make the scenario's working directory a real git repository and check commit fields.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import { execa } from 'execa';
import type { TrackerWorld } from './world.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'spec',
  GIT_AUTHOR_EMAIL: 'spec@example.invalid',
  GIT_COMMITTER_NAME: 'spec',
  GIT_COMMITTER_EMAIL: 'spec@example.invalid',
};

const commits = new WeakMap<TrackerWorld, string[]>();

/** The commits made in this scenario, oldest first. */
export function commitsOf(world: TrackerWorld): string[] {
  return commits.get(world) ?? [];
}

/** Commits the named files as they are in the working directory (a missing one is created with its name). */
export async function commitFile(world: TrackerWorld, names: string | string[], message?: string): Promise<void> {
  const files = typeof names === 'string' ? [names] : names;
  for (const name of files) if (!existsSync(join(world.workDir, name))) writeFileSync(join(world.workDir, name), `${name}\n`);
  await execa('git', ['add', ...files], { cwd: world.workDir, env: GIT_ENV });
  await execa('git', ['commit', '-q', '-m', message ?? files.join(' ')], { cwd: world.workDir, env: GIT_ENV });
  const { stdout } = await execa('git', ['rev-parse', 'HEAD'], { cwd: world.workDir });
  commits.set(world, [...(commits.get(world) ?? []), stdout.trim()]);
}

Given('the working directory is a git repository with one commit', async function (this: TrackerWorld) {
  await execa('git', ['init', '-q'], { cwd: this.workDir });
  await commitFile(this, 'first.txt');
});

Given('a second commit is made in the working directory', async function (this: TrackerWorld) {
  await commitFile(this, 'second.txt');
});

Then(
  'row {int} of {string} has {string} equal to the {word} commit',
  function (this: TrackerWorld, index: number, file: string, field: string, which: string) {
    const position = ['first', 'second', 'third'].indexOf(which);
    const expected = commits.get(this)?.[position];
    assert.ok(expected, `no ${which} commit was made in this scenario`);
    assert.equal(this.readRows(file)[index - 1]?.[field], expected);
  },
);
