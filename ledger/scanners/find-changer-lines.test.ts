// The one-pass changer search finds the lines a memmem search for each needle finds, each once, in order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLinesContaining, type FoundLine } from '../store/find-lines.js';
import { findChangerLines } from './find-changer-lines.js';

/** findChangerLines and findLinesContaining on the same text, through a file. */
function findBoth(text: string): { found: FoundLine[]; expected: FoundLine[] } {
  const found: FoundLine[] = [];
  findChangerLines(Buffer.from(text, 'latin1'), 1_000, found);
  const dir = mkdtempSync(join(tmpdir(), 'changers-'));
  try {
    writeFileSync(join(dir, 'f'), text);
    const expected = findLinesContaining(join(dir, 'f'), ['retraction"', 'supersedes"']).map(({ text: line, offset }) => ({
      text: line,
      offset: offset + 1_000,
    }));
    return { found, expected };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('findChangerLines', () => {
  it("agrees with findLinesContaining on random text made of the needles' bytes", () => {
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const pieces = ['retraction"', 'supersedes"', 'retractio', 'upersedes"', 'n"', 's"', 'e', 's', '"', 'x', 'ion', 'sedes', '\n'];
    const text = `${Array.from({ length: 20_000 }, () => pieces[Math.floor(random() * pieces.length)]).join('')}\n`;
    const { found, expected } = findBoth(text);
    expect(found.length).toBeGreaterThan(100);
    expect(found).toEqual(expected);
  });

  it('agrees with findLinesContaining on both needles, at line edges, twice on a line and overlapping', () => {
    const lines = [
      'retraction"',
      '{"id":"a","kind":"retraction","target_id":"b"}',
      'nothing here',
      '{"supersedes":"x","kind":"window","note":"retraction"}',
      'xsupersedes"retraction"supersedes"',
      'retractio"n supersede"s',
      '"retraction"',
      '',
      'tail supersedes"',
    ];
    const { found, expected } = findBoth(`${lines.join('\n')}\n`);
    expect(found).toEqual(expected);
    expect(found.map(({ text: line }) => line)).toEqual([lines[0], lines[1], lines[3], lines[4], lines[6], lines[8]]);
  });
});
