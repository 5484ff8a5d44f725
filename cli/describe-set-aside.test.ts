// describeSetAside: an import that went on past candidates whose tests never ran names each, with why and its log.
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../runner/index.js';
import { describeSetAside } from './describe-set-aside.js';

const environment = { cause: 'c', fix: 'f', log: [] };

function summaryOf(count: number): ImportSummary {
  const rejected = Array.from({ length: count }, (_, i) => ({
    commit: `${String(i).padStart(2, '0')}aaaaaaaaaa`,
    subject: `s${i}`,
    reason: `left-out module: the tests import m${i}.ts, which the fixture left out (secret in m${i}.ts:1 (k))`,
    environment,
  }));
  const other = { commit: 'ffffffffff', subject: 'docs', reason: 'no tests changed' };
  return { repo: '/r', out: '/b', examined: count + 1, commits: count + 1, kept: [], rejected: [...rejected, other] };
}

describe('describeSetAside', () => {
  it('names each set-aside candidate with its reason under a heading naming the logs; others are only counted', () => {
    expect(describeSetAside(summaryOf(2), '/d/import-logs/r-1')).toEqual([
      "Set aside, their tests never ran (each one's output is in /d/import-logs/r-1):",
      '  00aaaaa  left-out module: the tests import m0.ts, which the fixture left out (secret in m0.ts:1 (k))',
      '  01aaaaa  left-out module: the tests import m1.ts, which the fixture left out (secret in m1.ts:1 (k))',
    ]);
    expect(describeSetAside(summaryOf(0), null)).toEqual([]);
  });

  it('names 10 and counts the rest', () => {
    const lines = describeSetAside(summaryOf(13), null);
    expect(lines[0]).toBe('Set aside, their tests never ran:');
    expect(lines).toHaveLength(12);
    expect(lines.at(-1)).toBe('  and 3 more');
  });
});
