// The search for data dirs to hide: marked ones, copies, unmarked ones by their ledgers; never through a link or into a skip.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DATA_DIR_MARKER } from '../../ledger/index.js';
import { findDataDirs } from './find-data-dirs.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'find-data-dirs-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function makeDir(path: string, files: Record<string, string> = {}): string {
  mkdirSync(path, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

describe('findDataDirs', () => {
  it('finds a marked data dir, a copy of it and an unmarked one by its ledger, and nothing else', () => {
    const marked = makeDir(join(root, 'srv', 'exp', 'data'), { [DATA_DIR_MARKER]: 'x', 'snapshots.jsonl': '' });
    cpSync(marked, join(root, 'backup', 'copy'), { recursive: true });
    makeDir(join(root, 'old', 'ledger'), { 'windows.jsonl': '{}\n' });
    makeDir(join(root, 'src', 'app'), { 'index.js': '' });
    const search = findDataDirs({ roots: [root], exposed: [], skip: [] });
    expect(search.found).toEqual([join(root, 'backup', 'copy'), join(root, 'old', 'ledger'), marked].sort());
    expect(search.complete).toBe(true);
  });

  it('never follows a link, never enters a skipped folder or a sandbox folder, but searches an exposure inside a skipped one', () => {
    const outside = mkdtempSync(join(tmpdir(), 'find-data-dirs-outside-'));
    try {
      makeDir(join(outside, 'data'), { [DATA_DIR_MARKER]: 'x' });
      symlinkSync(outside, join(root, 'link'));
      makeDir(join(root, 'home', 'data'), { [DATA_DIR_MARKER]: 'x' });
      const exposed = makeDir(join(root, 'home', 'tool'));
      makeDir(join(exposed, 'kept-data'), { 'assignments.jsonl': '' });
      makeDir(join(root, 'agent-tracker-arm-abc123', 'home', 'data'), { [DATA_DIR_MARKER]: 'x' });
      const search = findDataDirs({ roots: [root], exposed: [exposed], skip: [join(root, 'home')] });
      expect(search.found).toEqual([join(exposed, 'kept-data')]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('stops at its bounds and says the search is incomplete', () => {
    makeDir(join(root, 'a', 'b', 'c', 'd'), { [DATA_DIR_MARKER]: 'x' });
    expect(findDataDirs({ roots: [root], exposed: [], skip: [], maxDepth: 3 }).found).toEqual([]);
    expect(findDataDirs({ roots: [root], exposed: [], skip: [], maxDepth: 4 }).found).toEqual([join(root, 'a', 'b', 'c', 'd')]);
    const cut = findDataDirs({ roots: [root], exposed: [], skip: [], maxFolders: 2 });
    expect(cut).toMatchObject({ found: [], complete: false });
  });

  it('sees what changed since a search whose folders it remembers: a data dir made, one moved, one removed', () => {
    const kept = makeDir(join(root, 'srv', 'exp', 'data'), { [DATA_DIR_MARKER]: 'x' });
    makeDir(join(root, 'srv', 'other', 'deep', 'er'));
    // Read a minute after the folders' last change, so none is within the racy window and every one is remembered.
    vi.useFakeTimers({ now: Date.now() + 60_000, toFake: ['Date'] });
    try {
      expect(findDataDirs({ roots: [root], exposed: [], skip: [] }).found).toEqual([kept]);
      const made = makeDir(join(root, 'srv', 'other', 'deep', 'er', 'new-data'), { 'windows.jsonl': '' });
      const marked = join(root, 'srv', 'other', 'deep', 'marked');
      makeDir(marked);
      writeFileSync(join(marked, DATA_DIR_MARKER), 'x');
      const moved = join(root, 'srv', 'moved');
      renameSync(join(root, 'srv', 'exp'), moved);
      vi.setSystemTime(Date.now() + 60_000);
      expect(findDataDirs({ roots: [root], exposed: [], skip: [] }).found).toEqual([made, marked, join(moved, 'data')].sort());
      rmSync(join(moved, 'data', DATA_DIR_MARKER));
      vi.setSystemTime(Date.now() + 60_000);
      expect(findDataDirs({ roots: [root], exposed: [], skip: [] }).found).toEqual([made, marked].sort());
    } finally {
      vi.useRealTimers();
    }
  });
});
