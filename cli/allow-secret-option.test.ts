// --allow-secret takes a finding's path:line and refuses anything else; a synthesis that keeps nothing says why.
import { describe, expect, it } from 'vitest';
import { parseAllowSecrets } from './allow-secret-option.js';
import { explainNothingKept } from './commands/experiment-tasks-synthesize.js';

describe('--allow-secret', () => {
  it('takes path:line as a rejection names it, and refuses a path alone or a line 0, naming the flag', () => {
    expect([...parseAllowSecrets(['tests/test_urlutils.py:15', 'a b/c.py:2'])]).toEqual(['tests/test_urlutils.py:15', 'a b/c.py:2']);
    for (const bad of ['tests/test_urlutils.py', 'x.py:0', ':3', 'x.py:3:4'])
      expect(() => parseAllowSecrets([bad])).toThrow(/^expected a finding's path:line/);
  });
});

describe('a synthesis that keeps nothing', () => {
  it('says its most common rejection and the first reason of that kind, in one line', () => {
    const rejected = [
      { kind: 'drop-statement' as const, site: 'a.py:1:1', reason: 'survived: no test failed' },
      { kind: 'drop-statement' as const, site: 'a.py:2:1', reason: 'secret in tests/t.py:15 (BasicAuthDetector); the other mutations ...' },
      { kind: 'drop-statement' as const, site: 'a.py:3:1', reason: 'survived: no test failed' },
    ];
    expect(explainNothingKept({ examined: 3, candidates: 6562, rejected })).toBe(
      'no task kept of 3 examined (6562 mutations): 2 rejected as survived (survived: no test failed)',
    );
    expect(explainNothingKept({ examined: 0, candidates: 0, rejected: [] })).toBe(
      'no task kept: no mutation site in a source file the tests cover',
    );
  });
});
