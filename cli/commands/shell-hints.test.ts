// The status views' pasteable commands: quoted words survive a real shell, the start hint names its data dir.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatStartHint, quoteForShell } from './shell-hints.js';

describe('quoteForShell', () => {
  it('gives back every word unchanged through a real shell', () => {
    for (const word of ['42', 'plain-seed', 'a b', "it's", '$HOME', '`id`', 'x;rm -rf y', 'sim-claude+glm,sim-codex', '']) {
      const echoed = execFileSync('sh', ['-c', `printf %s ${quoteForShell(word)}`], { encoding: 'utf8' });
      expect(echoed).toBe(word);
    }
  });

  it('leaves plain words bare, so the hint stays readable', () => {
    expect(quoteForShell('--providers')).toBe('--providers');
    expect(quoteForShell('/tmp/data dir')).toBe("'/tmp/data dir'");
  });
});

describe('formatStartHint', () => {
  it('names the data dir it was asked about, so the pasted command starts the run in that ledger', () => {
    expect(formatStartHint('/tmp/data dir')).toBe(
      "No experiment plans recorded yet: start one with `npx experiment run --seed 42 --data-dir '/tmp/data dir'`.",
    );
    expect(formatStartHint('tracker-data')).toBe('No experiment plans recorded yet: start one with `npx experiment run --seed 42`.');
  });
});
