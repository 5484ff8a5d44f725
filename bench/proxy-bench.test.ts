// Unit checks of the proxy bench's pieces that need no servers: percentiles, request bodies, profile reading.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTopSelfTime } from './cpu-profile-top.js';
import { pickPercentile } from './latency-stats.js';
import { buildClaudeCodeRequest, buildSmallRequest } from './proxy-bodies.js';

describe('pickPercentile', () => {
  it('takes the nearest rank and ignores input order', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(pickPercentile(values, 0.5)).toBe(50);
    expect(pickPercentile(values, 0.99)).toBe(99);
    expect(pickPercentile([3], 0.99)).toBe(3);
    expect(pickPercentile([], 0.5)).toBeNaN();
  });
});

describe('bench bodies', () => {
  it('builds an ~85 KB streaming request in Claude Code key order, with its content-length header', () => {
    const request = buildClaudeCodeRequest();
    expect(Math.abs(request.body.length - 85_000)).toBeLessThan(500);
    const parsed = JSON.parse(request.body.toString('utf8')) as { tools: unknown[]; system: unknown[]; stream: boolean };
    expect(Object.keys(parsed)).toEqual(['model', 'messages', 'system', 'tools', 'metadata', 'max_tokens', 'stream']);
    expect(parsed.tools.length).toBeGreaterThanOrEqual(15);
    expect(parsed.stream).toBe(true);
    expect(request.headers['content-length']).toBe(String(request.body.length));
  });

  it('builds a small streaming request', () => {
    const request = buildSmallRequest();
    expect(request.body.length).toBeLessThan(300);
    expect(JSON.parse(request.body.toString('utf8'))).toMatchObject({ stream: true });
  });
});

describe('readTopSelfTime', () => {
  it('sums self time per function and leaves idle out of the shares', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpu-profile-'));
    try {
      const frame = (functionName: string) => ({ functionName, url: '', lineNumber: 0 });
      const profile = {
        nodes: [
          { id: 1, callFrame: frame('(root)') },
          { id: 2, callFrame: frame('hot') },
          { id: 3, callFrame: frame('(idle)') },
          { id: 4, callFrame: frame('cold') },
        ],
        samples: [2, 2, 3, 4, 2],
        timeDeltas: [1000, 1000, 5000, 1000, 1000],
      };
      const file = join(dir, 'x.cpuprofile');
      writeFileSync(file, JSON.stringify(profile));
      const top = readTopSelfTime(file, 2);
      expect(top.idleMs).toBe(5);
      expect(top.busyMs).toBe(4);
      expect(top.entries.map((entry) => [entry.name, entry.ms, entry.share])).toEqual([
        ['hot', 3, 0.75],
        ['cold', 1, 0.25],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
