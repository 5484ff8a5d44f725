// The servers' 401s kept in the data dir's state: counted across writes and restarts, with the last time and reason, no secret.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRefusalRecorder, readRefusals, resolveRefusalFile } from './record-refusals.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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
