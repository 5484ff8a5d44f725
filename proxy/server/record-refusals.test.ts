// The servers' 401s kept in the data dir's state: counted across writes and restarts, with the last time and reason, no secret.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createRefusalRecorder, readRefusals, resolveRefusalFile } from './record-refusals.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const MODULES = {
  refusals: fileURLToPath(new URL('./record-refusals.ts', import.meta.url)),
  ledger: fileURLToPath(new URL('../../ledger/index.ts', import.meta.url)),
};
/** Far past a few small writes, even on a loaded machine: a child still running then is hung (it froze the proxy), and fails. */
const HANG_MS = 30_000;

/**
 * Runs `body` in a child node (through tsx) with `createRefusalRecorder`, `readRefusals`, `openSync`, `tryLockFile`,
 * `unlockFile` and `said` (the lines the recorder said) in scope, `dir` its data dir; gives what it printed, as JSON.
 */
function runInChild(dir: string, body: string): unknown {
  const script = `const { createRefusalRecorder, readRefusals } = await import(${JSON.stringify(MODULES.refusals)});
const { tryLockFile, unlockFile } = await import(${JSON.stringify(MODULES.ledger)});
const { openSync } = await import('node:fs');
const dir = ${JSON.stringify(dir)};
const said = [];
${body}`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: HANG_MS,
  });
  return JSON.parse(out);
}

describe('createRefusalRecorder', () => {
  it('adds each start’s refusals to what the file held, keeping the first time and the last reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refusals-'));
    dirs.push(dir);
    const times = ['2026-11-28T10:00:00.000Z', '2026-11-28T10:00:01.000Z', '2026-11-28T11:00:00.000Z'];
    let tick = 0;
    const clock = () => new Date(times[tick++] as string);
    const first = createRefusalRecorder(dir, 'otel', clock);
    first.note('base-path');
    first.note('base-path');
    first.flush();
    const second = createRefusalRecorder(dir, 'otel', clock);
    second.note('token');
    second.flush();
    expect(readRefusals(dir)).toEqual([
      { server: 'otel', count: 3, first_at: times[0], last_at: times[2], last_reason: 'token', by_reason: { 'base-path': 2, token: 1 } },
    ]);
    expect(statSync(resolveRefusalFile(dir, 'otel')).mode & 0o777).toBe(0o600);
  });

  it('reads nothing where no server refused anything', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refusals-'));
    dirs.push(dir);
    createRefusalRecorder(dir, 'proxy').flush();
    expect(readRefusals(dir)).toEqual([]);
  });
});

describe('createRefusalRecorder on a hostile state folder', () => {
  it('reads no FIFO at the refusals file (the proxy froze at its first write), says so once, and tracker status reads none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refusals-'));
    dirs.push(dir);
    const file = resolveRefusalFile(dir, 'proxy');
    mkdirSync(dirname(file), { recursive: true });
    execFileSync('mkfifo', [file]);
    const result = runInChild(
      dir,
      `const recorder = createRefusalRecorder(dir, 'proxy', () => new Date('2026-11-28T10:00:00.000Z'), (line) => said.push(line));
const status = [];
const before = readRefusals(dir, (line) => status.push(line));
recorder.note('base-path');
recorder.flush();
recorder.note('token');
recorder.flush();
process.stdout.write(JSON.stringify({ before, status, said, after: readRefusals(dir) }));`,
    );
    expect(result).toEqual({
      before: [],
      status: [`${file}: is not a regular file (a refusals file is one; this is a FIFO)`],
      said: [
        `${file}: is not a regular file (a refusals file is one; this is a FIFO): not read; tracker status counts the refusals from now on`,
      ],
      // The FIFO is replaced by the file written whole (a rename), which the second write adds to.
      after: [expect.objectContaining({ server: 'proxy', count: 2, by_reason: { 'base-path': 1, token: 1 } })],
    });
  });

  it('waits on no lock another process holds: the refusals stay in memory, said once, and are written once it is free', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refusals-'));
    dirs.push(dir);
    const file = resolveRefusalFile(dir, 'proxy');
    mkdirSync(dirname(file), { recursive: true });
    // A lock belongs to an open file: the one opened here conflicts with the recorder's own, as another process's would.
    const result = runInChild(
      dir,
      `const held = openSync(${JSON.stringify(`${file}.lock`)}, 'a');
const taken = tryLockFile(held, 'exclusive');
const recorder = createRefusalRecorder(dir, 'proxy', () => new Date('2026-11-28T10:00:00.000Z'), (line) => said.push(line));
recorder.note('base-path');
recorder.flush();
recorder.note('base-path');
recorder.flush();
const whileHeld = readRefusals(dir);
unlockFile(held);
recorder.flush();
process.stdout.write(JSON.stringify({ taken, said, whileHeld, after: readRefusals(dir) }));`,
    );
    expect(result).toEqual({
      taken: true,
      said: [`${file}.lock: held by another process: the refusals wait in memory until it is free (no request waits on it)`],
      whileHeld: [],
      after: [expect.objectContaining({ server: 'proxy', count: 2, by_reason: { 'base-path': 2, token: 0 } })],
    });
  });

  it('opens no FIFO at the lock file (the open waited for a reader): says so once and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'refusals-'));
    dirs.push(dir);
    const file = resolveRefusalFile(dir, 'otel');
    mkdirSync(dirname(file), { recursive: true });
    execFileSync('mkfifo', [`${file}.lock`]);
    const result = runInChild(
      dir,
      `const recorder = createRefusalRecorder(dir, 'otel', () => new Date('2026-11-28T10:00:00.000Z'), (line) => said.push(line));
recorder.note('token');
recorder.flush();
recorder.note('token');
recorder.flush();
process.stdout.write(JSON.stringify({ said, after: readRefusals(dir) }));`,
    );
    expect(result).toEqual({
      said: [`${file}.lock: is not a regular file (a lock file is one; this is a FIFO): the refusals are not written while it is there`],
      after: [],
    });
  });
});
