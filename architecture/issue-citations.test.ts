// Comments say why in words a reader of the repository can follow: no line of code, test, spec or script cites an issue.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { citesIssue, findIssueCitations } from './find-issue-citations.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('the repository', () => {
  it('cites no issue by number in its code, tests, specs or scripts', () => {
    expect(findIssueCitations(root).map(({ file, line, text }) => `${file}:${line}: ${text.trim()}`)).toEqual([]);
  });
});

describe('an issue citation', () => {
  it.each([
    '// Checked before the first arm (issue 30, item 7).',
    ' * Issue 44: the worker exited.',
    '    # Before issues 32 and 42 the unit was bars.',
    '  // The fix for #64 keeps the lease.',
    "  it('counts a torn tail once (Issue #15)', () => {",
  ])('is found in %j', (line) => {
    expect(citesIssue(line)).toBe(true);
  });
  it.each([
    ' * anthropics/claude-code#11985, #12529, #22450).',
    '    And stdout has a line matching "^  #006 e2 p1 "',
    "        note(first, relevant, 'within', '#555', 'bottom'),",
    '/** `failover.chain[1]` in the file, `--failover #2` on the command line. */',
    '// The issue is the tail, 30 times wider.',
  ])('is not found in %j', (line) => {
    expect(citesIssue(line)).toBe(false);
  });
});
