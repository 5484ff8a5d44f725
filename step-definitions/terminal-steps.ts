// Steps that run a command on a real terminal of a given width (a pseudo-terminal from util-linux's `script`), as a user sees it.
import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { splitArgs } from './split-args.js';
import { EXPERIMENT_BIN, TRACKER_BIN, type TrackerWorld } from './world.js';

const screens = new WeakMap<TrackerWorld, string[]>();

/** POSIX single quotes, for the one command line `script -c` takes. */
const quote = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

When('I run {string} in a terminal {int} columns wide', async function (this: TrackerWorld, command: string, columns: number) {
  const words = splitArgs(command);
  const bin = words[0] === 'experiment' ? EXPERIMENT_BIN : TRACKER_BIN;
  const args = words[0] === 'experiment' ? words.slice(1) : words;
  const line = `stty cols ${columns} rows 60; exec ${[process.execPath, bin, ...args].map(quote).join(' ')}`;
  const child = await execa('script', ['-qec', line, '/dev/null'], {
    cwd: this.workDir,
    env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC' },
    extendEnv: true,
    reject: false,
    stdin: 'ignore',
  });
  assert.equal(child.exitCode, 0, `${command} on a terminal exited ${child.exitCode}: ${child.stdout}${child.stderr}`);
  // The screen as drawn: the redraw's escape sequences (cursor home, clear) taken out, the terminal's CR LF as LF.
  const screen = String(child.stdout)
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .split(/\r?\n/)
    .filter((text) => text.trim() !== '');
  screens.set(this, screen);
});

function screenOf(world: TrackerWorld): string[] {
  const screen = screens.get(world);
  assert.ok(screen, 'no command ran on a terminal in this scenario');
  return screen;
}

Then('every line of the screen fits in {int} columns', function (this: TrackerWorld, columns: number) {
  for (const line of screenOf(this)) assert.ok(line.length <= columns, `${line.length} columns: ${line}`);
  assert.ok(!screenOf(this).join('\n').includes('…'), `a line was cut:\n${screenOf(this).join('\n')}`);
});

Then('the screen has a line matching {string}', function (this: TrackerWorld, pattern: string) {
  const screen = screenOf(this);
  assert.ok(
    screen.some((line) => new RegExp(pattern).test(line)),
    `no line matches /${pattern}/:\n${screen.join('\n')}`,
  );
});
