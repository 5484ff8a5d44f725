// `--since YYYY-MM-DD` takes the whole day: git alone reads a bare date at the current time of day.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCommits } from './read-git.js';

describe('listCommits since a day', () => {
  it("keeps the day's commits made before the current time of day (they were skipped)", async () => {
    const repo = mkdtempSync(join(tmpdir(), 'since-day-'));
    const day = new Date().toISOString().slice(0, 10);
    const git = (args: string[], date: string) =>
      execFileSync('git', ['-C', repo, ...args], {
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, TZ: 'UTC' },
        stdio: 'pipe',
      });
    git(['init', '-q'], `${day}T00:00:05Z`);
    for (const [name, date] of [
      ['old', '2020-01-01T12:00:00Z'],
      ['early', `${day}T00:00:05Z`],
    ] as const) {
      writeFileSync(join(repo, name), name);
      git(['add', name], date);
      git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', name], date);
    }
    const subjects = (await listCommits(repo, day)).map((commit) => commit.subject);
    expect(subjects).toEqual(['early']);
  });
});
