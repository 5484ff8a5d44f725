// The data dir's kept base path: made once (owner-only), the same at the next start, new only when rotated.
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepStartPath, resolveStartPathFile } from './keep-start-path.js';

describe('keepStartPath', () => {
  it('makes the secret on the first start (mode 600), reuses it after, and makes a new one only when rotated', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-path-'));
    const first = keepStartPath(dataDir, false);
    expect(first.path).toMatch(/^\/_s\/[0-9a-f]{32}$/);
    expect(first.created).toBe(true);
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file, 'utf8')).toBe(`${first.path.slice(4)}\n`);
    expect(keepStartPath(dataDir, false)).toEqual({ ...first, created: false });
    const rotated = keepStartPath(dataDir, true);
    expect(rotated.created).toBe(true);
    expect(rotated.path).not.toBe(first.path);
    expect(statSync(rotated.file).mode & 0o777).toBe(0o600);
    expect(keepStartPath(dataDir, false).path).toBe(rotated.path);
  });

  it('narrows a widened file back to 600 and refuses one of another shape, naming it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-path-'));
    const kept = keepStartPath(dataDir, false);
    chmodSync(kept.file, 0o644);
    expect(keepStartPath(dataDir, false).path).toBe(kept.path);
    expect(statSync(kept.file).mode & 0o777).toBe(0o600);
    writeFileSync(resolveStartPathFile(dataDir), 'not hex\n');
    expect(() => keepStartPath(dataDir, false)).toThrow(/not a kept base-path secret/);
  });
});

describe('keepStartPath where nothing can be kept', () => {
  it('gives a new path for this start and says why, when the data dir is a file', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'kept-path-')), 'a-file');
    writeFileSync(dataDir, 'not a dir');
    const kept = keepStartPath(dataDir, false);
    expect(kept.path).toMatch(/^\/_s\/[0-9a-f]{32}$/);
    expect(kept.unkept).toBe('ENOTDIR');
  });
});
