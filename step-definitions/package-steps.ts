// Steps of the package spec: the checkout's bin links and the build's source hash (scripts/build.sh).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Then, When } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

Then(
  "the checkout's node_modules\\/.bin links {string} and {string} to dist\\/cli",
  function (this: TrackerWorld, first: string, second: string) {
    for (const name of [first, second]) {
      const link = join(REPO_ROOT, 'node_modules', '.bin', name);
      assert.ok(existsSync(link), `${link} is missing: scripts/build.sh links it`);
      assert.equal(realpathSync(link), realpathSync(join(REPO_ROOT, 'dist', 'cli', `${name}.js`)));
    }
  },
);

Then('dist\\/ records the hash of the sources it was built from', function (this: TrackerWorld) {
  const stored = readFileSync(join(REPO_ROOT, 'dist', '.source-hash'), 'utf8').trim();
  const now = execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'hash-sources.mjs')], { encoding: 'utf8' }).trim();
  assert.match(stored, /^[0-9a-f]{64}$/);
  assert.equal(stored, now, 'the sources changed since dist/ was built: run npm run build');
});

When('I run {string} through plain npx in the project', async function (this: TrackerWorld, line: string) {
  await this.runInProject('npx', line.split(' '));
});
