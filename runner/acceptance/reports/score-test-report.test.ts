// scoreTestReport: the dispatch by report kind, exit-code scoring and the rule that a failed exit is never a perfect score.
import { describe, expect, it } from 'vitest';
import { scoreTestReport } from './score-test-report.js';

describe('scoreTestReport', () => {
  it('scores exit-code runs as one test', () => {
    expect(scoreTestReport('exit-code', { stdout: '', stderr: '', exitCode: 0 }).counts).toEqual({ total: 1, passed: 1, failed: 0 });
    expect(scoreTestReport('exit-code', { stdout: 'all good', stderr: '', exitCode: 2 }).counts).toEqual({
      total: 1,
      passed: 0,
      failed: 1,
    });
    expect(scoreTestReport('exit-code', { stdout: '', stderr: '', exitCode: null }).counts).toEqual({ total: 1, passed: 0, failed: 1 });
  });

  it('reads a summary printed on stderr (unittest)', () => {
    const scored = scoreTestReport('unittest', { stdout: '', stderr: 'Ran 2 tests in 0.0s\n\nOK\n', exitCode: 0 });
    expect(scored).toEqual({ counts: { total: 2, passed: 2, failed: 0 } });
  });

  it('adds one failed test when the command failed but no test did', () => {
    const scored = scoreTestReport('vitest', {
      stdout: ' Test Files  1 failed | 1 passed (2)\n      Tests  3 passed (3)\n',
      stderr: '',
      exitCode: 1,
    });
    expect(scored.counts).toEqual({ total: 4, passed: 3, failed: 1 });
    expect(scored.note).toContain('exited 1 with no failed test');
  });

  it('scores node-tap output as the TAP summary says', () => {
    const scored = scoreTestReport('node-tap', { stdout: '# tests 3\n# pass 1\n# fail 1\n# cancelled 1\n', stderr: '', exitCode: 1 });
    expect(scored.counts).toEqual({ total: 3, passed: 1, failed: 2 });
  });

  it('names the report kind when there is no summary', () => {
    expect(scoreTestReport('cargo', { stdout: '', stderr: 'error: could not compile', exitCode: 101 })).toEqual({
      counts: null,
      note: 'quality 0: no cargo summary in the output',
    });
  });
});
