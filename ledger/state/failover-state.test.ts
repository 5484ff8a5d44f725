// The failover state the status line reads on every prompt: read back when it is one, never waited on when it is not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FAILOVER_STATE_FILE, type FailoverState, readFailoverState, writeFailoverState } from './failover-state.js';

const MODULE = fileURLToPath(new URL('./failover-state.ts', import.meta.url));
/** Far past a read of three small files, even on a loaded machine: a child still running then is hung, and fails. */
const HANG_MS = 30_000;

const state: FailoverState = {
  updated_at: '2026-11-28T10:00:00.000Z',
  chain: ['anthropic', 'glm'],
  active: 'anthropic',
  moves: 0,
  returns: 0,
  spent: [],
  last: null,
};

/** What readFailoverState gives for each data dir, and the lines it was told, read in a child node (through tsx). */
function readInChild(dataDirs: string[]): { states: unknown[]; lines: string[] } {
  const script = `const { readFailoverState } = await import(${JSON.stringify(MODULE)});
const lines = [];
const states = ${JSON.stringify(dataDirs)}.map((dir) => readFailoverState(dir, (line) => lines.push(line)));
process.stdout.write(JSON.stringify({ states, lines }));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: HANG_MS,
  });
  return JSON.parse(out) as { states: unknown[]; lines: string[] };
}

describe('readFailoverState', () => {
  it('reads back the state written, and null without a word where there is none or it is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'failover-state-'));
    const told: string[] = [];
    expect(readFailoverState(dir, (line) => told.push(line))).toBeNull();
    writeFailoverState(dir, state);
    expect(readFailoverState(dir)).toEqual(state);
    writeFileSync(join(dir, FAILOVER_STATE_FILE), '{"chain":');
    expect(readFailoverState(dir, (line) => told.push(line))).toBeNull();
    expect(told).toEqual([]);
  });

  it('reads no FIFO, device or huge file in its place: null at once (it hung every prompt), one line naming each', () => {
    const [fifo, zero, big] = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), 'failover-state-')));
    execFileSync('mkfifo', [join(fifo as string, FAILOVER_STATE_FILE)]);
    symlinkSync('/dev/zero', join(zero as string, FAILOVER_STATE_FILE));
    writeFileSync(join(big as string, FAILOVER_STATE_FILE), Buffer.alloc(1024 * 1024, 0x20));
    const { states, lines } = readInChild([fifo as string, zero as string, big as string]);
    expect(states).toEqual([null, null, null]);
    expect(lines).toEqual([
      `${join(fifo as string, FAILOVER_STATE_FILE)}: is not a regular file (a failover state file is one; this is a FIFO)`,
      `${join(zero as string, FAILOVER_STATE_FILE)}: is not a regular file (a failover state file is one; this is a device)`,
      `${join(big as string, FAILOVER_STATE_FILE)}: is 1048576 bytes, more than a failover state file's 262144`,
    ]);
  });
});
