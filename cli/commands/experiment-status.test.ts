import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { quoteForShell } from './experiment-status.js';

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
