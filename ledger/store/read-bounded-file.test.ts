// The one guarded reader: no FIFO, device or folder is read, nothing past its bound, and no content quoted in an error.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { readBoundedFile, readStateJson } from './read-bounded-file.js';
import { readJsonFile } from './read-json-file.js';

const dir = () => mkdtempSync(join(tmpdir(), 'bounded-'));
const lineOf = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    return (error as Error & { toLine(): string }).toLine();
  }
  return 'no error';
};

describe('readBoundedFile', () => {
  it('reads a regular file, or a link to one, and says null when there is none', () => {
    const at = dir();
    writeFileSync(join(at, 'plans.json'), '{"plans":{}}');
    symlinkSync(join(at, 'plans.json'), join(at, 'linked.json'));
    expect(readBoundedFile(join(at, 'plans.json'))).toBe('{"plans":{}}');
    expect(readBoundedFile(join(at, 'linked.json'))).toBe('{"plans":{}}');
    expect(readBoundedFile(join(at, 'none.json'))).toBeNull();
  });

  it('refuses a FIFO, a device and a folder at once, naming the file and what it is', () => {
    const at = dir();
    execFileSync('mkfifo', [join(at, 'fifo.json')]);
    symlinkSync('/dev/zero', join(at, 'zero.json'));
    mkdirSync(join(at, 'folder.json'));
    const bound = { what: 'a plans file', maxBytes: 1024 };
    expect(lineOf(() => readBoundedFile(join(at, 'fifo.json'), bound))).toBe(
      `${join(at, 'fifo.json')}: is not a regular file (a plans file is one; this is a FIFO)`,
    );
    expect(lineOf(() => readBoundedFile(join(at, 'zero.json'), bound))).toContain(
      'is not a regular file (a plans file is one; this is a device)',
    );
    expect(lineOf(() => readBoundedFile(join(at, 'folder.json'), bound))).toContain('this is a folder');
  });

  it('refuses a file past its bound without reading it', () => {
    const at = dir();
    writeFileSync(join(at, 'big.json'), Buffer.alloc(2048, 0x20));
    expect(lineOf(() => readBoundedFile(join(at, 'big.json'), { what: 'a plans file', maxBytes: 1024 }))).toBe(
      `${join(at, 'big.json')}: is 2048 bytes, more than a plans file's 1024`,
    );
  });

  it('gives a state reader undefined for anything but a small regular file of JSON, never an error', () => {
    const at = dir();
    execFileSync('mkfifo', [join(at, 'fifo.json')]);
    writeFileSync(join(at, 'torn.json'), '{"a":');
    writeFileSync(join(at, 'good.json'), '{"a":1}');
    expect([readStateJson(join(at, 'fifo.json')), readStateJson(join(at, 'torn.json')), readStateJson(join(at, 'none.json'))]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(readStateJson(join(at, 'good.json'))).toEqual({ a: 1 });
  });
});

describe('readJsonFile', () => {
  it("never quotes what a file holds when it is not JSON (V8's message holds its first characters)", () => {
    const at = dir();
    writeFileSync(join(at, 'shadow'), 'root:$6$secret:19000:0:99999:7:::\n');
    symlinkSync(join(at, 'shadow'), join(at, 'providers.json'));
    const line = lineOf(() => readJsonFile(join(at, 'providers.json'), z.unknown()));
    expect(line).toBe(`${join(at, 'providers.json')}: not JSON`);
    writeFileSync(join(at, 'torn.json'), '{"plans": {"secret-plan": ');
    expect(lineOf(() => readJsonFile(join(at, 'torn.json'), z.unknown()))).toBe(`${join(at, 'torn.json')}: not JSON (it ends too soon)`);
  });

  it('refuses /dev/null behind a link as no regular file, not as empty JSON', () => {
    const at = dir();
    symlinkSync('/dev/null', join(at, 'plans.json'));
    expect(lineOf(() => readJsonFile(join(at, 'plans.json'), z.unknown()))).toContain('is not a regular file');
  });
});
