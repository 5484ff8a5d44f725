// The data dir's kept base path: made once (owner-only), the same at the next start, new only when rotated.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keepStartPath, resolveStartPathFile } from './keep-start-path.js';

const MODULE = fileURLToPath(new URL('./keep-start-path.ts', import.meta.url));
/** Far past a read of a 33-byte file, even on a loaded machine: a child still running then is hung, and fails. */
const HANG_MS = 30_000;

/** What keepStartPath says for each data dir (its path, or its error's line), from a child node (through tsx). */
function keepInChild(dataDirs: string[]): string[] {
  const script = `const { keepStartPath } = await import(${JSON.stringify(MODULE)});
const lines = ${JSON.stringify(dataDirs)}.map((dir) => {
  try {
    return keepStartPath(dir, false).path;
  } catch (error) {
    return error.toLine();
  }
});
process.stdout.write(JSON.stringify(lines));`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: HANG_MS,
  });
  return JSON.parse(out) as string[];
}

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

  it('takes a secret other users could read for known: moves it aside (never deleted) and makes a new one, saying where', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-path-'));
    const kept = keepStartPath(dataDir, false);
    chmodSync(kept.file, 0o644);
    const again = keepStartPath(dataDir, false);
    expect(again.path).not.toBe(kept.path);
    expect(again.created).toBe(true);
    expect(again.exposed?.mode).toBe(0o644);
    expect(again.exposed?.movedTo).toMatch(/base-path\.secret\.exposed-\d{8}T\d{6}\.\d{3}Z$/);
    expect(readFileSync(again.exposed?.movedTo as string, 'utf8')).toBe(`${kept.path.slice(4)}\n`);
    expect(statSync(kept.file).mode & 0o777).toBe(0o600);
    expect(keepStartPath(dataDir, false)).toEqual({ ...again, created: false, exposed: undefined });
  });

  it("refuses a symlink at the secret's name: its target is neither read nor chmod-ed", () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-path-'));
    mkdirSync(dirname(resolveStartPathFile(dataDir)), { recursive: true });
    const target = join(dataDir, 'elsewhere');
    writeFileSync(target, `${'a'.repeat(32)}\n`, { mode: 0o644 });
    symlinkSync(target, resolveStartPathFile(dataDir));
    expect(() => keepStartPath(dataDir, false)).toThrow(/is a symlink; .* the link is not followed; start with --rotate-secret/);
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(readFileSync(target, 'utf8')).toBe(`${'a'.repeat(32)}\n`);
  });

  it('refuses a file of another shape, naming it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-path-'));
    keepStartPath(dataDir, false);
    writeFileSync(resolveStartPathFile(dataDir), 'not hex\n');
    expect(() => keepStartPath(dataDir, false)).toThrow(/not a kept base-path secret/);
  });
});

describe('keepStartPath on a hostile state folder', () => {
  it('reads no FIFO or device as the secret (every start hung; /dev/zero read 2 GB): refused at once, naming it, and a rotation replaces it', () => {
    const [fifo, zero] = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'kept-path-')));
    for (const dir of [fifo, zero]) mkdirSync(dirname(resolveStartPathFile(dir as string)), { recursive: true });
    execFileSync('mkfifo', [resolveStartPathFile(fifo as string)]);
    symlinkSync('/dev/zero', resolveStartPathFile(zero as string));
    expect(keepInChild([fifo as string, zero as string])).toEqual([
      `${resolveStartPathFile(fifo as string)}: is not a regular file (a kept base-path secret is one; this is a FIFO); start with --rotate-secret to make a new one`,
      `${resolveStartPathFile(zero as string)}: is a symlink; a kept base-path secret is a file of its own, and the link is not followed; start with --rotate-secret to make a new one`,
    ]);
    const rotated = keepStartPath(fifo as string, true);
    expect(statSync(rotated.file).isFile()).toBe(true);
    expect(keepStartPath(fifo as string, false).path).toBe(rotated.path);
  });

  it('refuses a file far larger than a secret without reading it', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kept-path-'));
    mkdirSync(dirname(resolveStartPathFile(dataDir)), { recursive: true });
    writeFileSync(resolveStartPathFile(dataDir), Buffer.alloc(64 * 1024, 0x61));
    expect(() => keepStartPath(dataDir, false)).toThrow(
      `is 65536 bytes, more than a kept base-path secret's 1024; start with --rotate-secret`,
    );
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
