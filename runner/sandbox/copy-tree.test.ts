// copyTreeWithoutSymlinks over a tree someone else wrote: a link at the destination is replaced, never followed.
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyTreeWithoutSymlinks } from './copy-tree.js';

const scratch = mkdtempSync(join(tmpdir(), 'copy-tree-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('copyTreeWithoutSymlinks', () => {
  it('replaces a linked folder and a linked file at the destination instead of writing through them', () => {
    const outside = join(scratch, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'keep.txt'), 'theirs\n');
    const from = join(scratch, 'from');
    mkdirSync(join(from, 'vendor'), { recursive: true });
    writeFileSync(join(from, 'vendor', 'authorized_keys'), 'planted\n');
    writeFileSync(join(from, 'keep.txt'), 'ours\n');
    const to = join(scratch, 'to');
    mkdirSync(to);
    symlinkSync(outside, join(to, 'vendor'));
    symlinkSync(join(outside, 'keep.txt'), join(to, 'keep.txt'));

    copyTreeWithoutSymlinks(from, to);

    expect(readdirSync(outside)).toEqual(['keep.txt']);
    expect(readFileSync(join(outside, 'keep.txt'), 'utf8')).toBe('theirs\n');
    expect(lstatSync(join(to, 'vendor')).isDirectory()).toBe(true);
    expect(readFileSync(join(to, 'vendor', 'authorized_keys'), 'utf8')).toBe('planted\n');
    expect(lstatSync(join(to, 'keep.txt')).isFile()).toBe(true);
  });
});
