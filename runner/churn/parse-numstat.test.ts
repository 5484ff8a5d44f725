import { describe, expect, it } from 'vitest';
import { parseNumstat } from './parse-numstat.js';

describe('parseNumstat', () => {
  it('sums text files, counts binary ones and renames', () => {
    const output = '10\t2\tsrc/a.ts\n0\t7\tREADME.md\n-\t-\tlogo.png\n3\t3\tsrc/{old.ts => new.ts}\n';
    expect(parseNumstat(output)).toEqual({ filesChanged: 4, insertions: 13, deletions: 12, binaryFiles: 1 });
  });

  it('gives zeros for an empty diff', () => {
    expect(parseNumstat('')).toEqual({ filesChanged: 0, insertions: 0, deletions: 0, binaryFiles: 0 });
  });
});
