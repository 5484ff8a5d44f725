// Unit checks of the import bench's pieces that start no import: reading the repositories and the table it prints.
import { describe, expect, it } from 'vitest';
import { formatImportRuns, type ImportRun, keptPerMinute, readImportRepos } from './bench-import.js';

describe('import bench', () => {
  it('reads label=path[:flags] repositories, and refuses another shape naming it', () => {
    expect(readImportRepos('go=/src/semver, javascript=/src/commander.js:--setup-network --jobs 2')).toEqual([
      { label: 'go', path: '/src/semver', flags: [] },
      { label: 'javascript', path: '/src/commander.js', flags: ['--setup-network', '--jobs', '2'] },
    ]);
    expect(readImportRepos(undefined)).toEqual([]);
    expect(() => readImportRepos('/src/semver')).toThrow('BENCH_IMPORT_REPOS: expected label=path[:flags], got "/src/semver"');
  });

  it('prints kept tasks per minute with the load beside every timing', () => {
    const run: ImportRun = {
      build: 'baseline',
      repo: 'go',
      wallS: 600,
      kept: 5,
      examined: 40,
      capped: true,
      code: null,
      load: { min: 2, mean: 3.25, max: 6 },
    };
    expect(keptPerMinute(run)).toBe(0.5);
    const text = formatImportRuns([run], 5, 10);
    expect(text).toMatch(/^Task import: --max 5, at most 10 min each, \d+ cores; load = 1-minute load average/);
    expect(text).toMatch(/go\s+baseline\s+600 s \(cap\)\s+5 of 40\s+0\.50\s+3\.3 \(2\.0-6\.0\)\s+null/);
  });
});
