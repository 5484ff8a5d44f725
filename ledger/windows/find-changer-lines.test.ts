// The one-pass changer search finds the lines a memmem search for each needle finds, each once, in order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLinesContaining, type FoundLine } from '../store/find-lines.js';
import { findChangerLines } from './find-changer-lines.js';

describe('findChangerLines', () => {
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
    const text = `${lines.join('\n')}\n`;
    const found: FoundLine[] = [];
    findChangerLines(Buffer.from(text, 'latin1'), 1_000, found);
    const dir = mkdtempSync(join(tmpdir(), 'changers-'));
    try {
      writeFileSync(join(dir, 'f'), text);
      const expected = findLinesContaining(join(dir, 'f'), ['retraction"', 'supersedes"']).map(({ text: line, offset }) => ({ text: line, offset: offset + 1_000 }));
      expect(found).toEqual(expected);
      expect(found.map(({ text: line }) => line)).toEqual([lines[0], lines[1], lines[3], lines[4], lines[6], lines[8]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
