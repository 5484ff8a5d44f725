// What `tracker proxy` and `tracker otel` say about their kept secret: an exposed one is replaced in one stderr line, --json or not.
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveStartPath } from './start-path-option.js';

describe('resolveStartPath', () => {
  it('says in one line that a secret other users could read was moved aside and replaced', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'start-path-option-'));
    const first = resolveStartPath(dataDir, null, false);
    chmodSync(first?.file as string, 0o640);
    const said: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => said.push(String(chunk)) > 0);
    try {
      const second = resolveStartPath(dataDir, null, false);
      expect(second?.path).not.toBe(first?.path);
      expect(said).toEqual([
        `note: ${first?.file} was open to other users (mode 640), so its secret counts as known: moved to ${second?.exposed?.movedTo} and a new one made; clients set up with the old URL get 401 until given the new one\n`,
      ]);
      expect(existsSync(second?.exposed?.movedTo as string)).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });
});
