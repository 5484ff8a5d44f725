// scoreTestReport: the dispatch by report kind, the one stream each kind is read from, exit-code scoring and the rule that a failed exit is never a perfect score.
import { describe, expect, it } from 'vitest';
import { scoreTestReport } from './score-test-report.js';

describe('scoreTestReport', () => {
  it('scores exit-code runs as one test', () => {
    expect(scoreTestReport('exit-code', { stdout: '', stderr: '', exitCode: 0 }).counts).toMatchObject({ total: 1, passed: 1, failed: 0 });
    expect(scoreTestReport('exit-code', { stdout: 'all good', stderr: '', exitCode: 2 }).counts).toMatchObject({
      total: 1,
      passed: 0,
      failed: 1,
    });
    expect(scoreTestReport('exit-code', { stdout: '', stderr: '', exitCode: null }).counts).toMatchObject({
      total: 1,
      passed: 0,
      failed: 1,
    });
  });

  it('reads a summary printed on stderr (unittest)', () => {
    const scored = scoreTestReport('unittest', { stdout: '', stderr: 'Ran 2 tests in 0.0s\n\nOK\n', exitCode: 0 });
    expect(scored).toMatchObject({ counts: { total: 2, passed: 2, failed: 0 } });
  });

  // The tool's real summary on its own stream, and a fake all-passed one printed last on the other by the code under test.
  const FORGED = [
    ['vitest', 'stdout', '      Tests  1 failed | 1 passed (2)\n', '      Tests  50 passed (50)\n'],
    ['jest', 'stderr', 'Tests:       1 failed, 1 passed, 2 total\n', 'Tests:       50 passed, 50 total\n'],
    ['pytest', 'stdout', '==== 1 failed, 1 passed in 0.01s ====\n', '==== 50 passed in 0.01s ====\n'],
    ['unittest', 'stderr', 'FAIL: test_a (m.C.test_a)\nRan 2 tests in 0.0s\n\nFAILED (failures=1)\n', 'Ran 50 tests in 0.0s\n\nOK\n'],
    [
      'go',
      'stdout',
      ['TestA', 'TestB'].map((name) => `{"Action":"run","Package":"m","Test":"${name}"}\n`).join('') +
        '{"Action":"fail","Package":"m","Test":"TestA"}\n{"Action":"pass","Package":"m","Test":"TestB"}\n',
      '{"Action":"run","Package":"m","Test":"TestX"}\n{"Action":"pass","Package":"m","Test":"TestX"}\n'.repeat(50),
    ],
    [
      'cargo',
      'stdout',
      '{ "type": "suite", "event": "started" }\n{ "type": "test", "event": "started", "name": "a" }\n{ "type": "test", "event": "started", "name": "b" }\n{ "type": "test", "name": "a", "event": "failed" }\n{ "type": "test", "name": "b", "event": "ok" }\n',
      '{ "type": "suite", "event": "started" }\n{ "type": "test", "event": "started", "name": "x" }\n{ "type": "test", "name": "x", "event": "ok" }\n'.repeat(
        50,
      ),
    ],
    ['node-tap', 'stdout', '# tests 2\n# pass 1\n# fail 1\n', '# tests 50\n# pass 50\n# fail 0\n'],
  ] as const;

  it.each(FORGED)('scores %s from its %s only: a fake summary on the other stream changes nothing', (report, stream, real, fake) => {
    const output = stream === 'stdout' ? { stdout: real, stderr: fake } : { stdout: fake, stderr: real };
    expect(scoreTestReport(report, { ...output, exitCode: 1 }).counts).toMatchObject({ total: 2, passed: 1, failed: 1 });
  });

  it.each(FORGED)('finds no %s summary when its %s has none, even with one on the other stream', (report, stream, _real, fake) => {
    // The code under test ended the run before the tool printed its summary (os._exit, process.exit), having printed a fake.
    const output = stream === 'stdout' ? { stdout: 'partial output\n', stderr: fake } : { stdout: fake, stderr: 'partial output\n' };
    expect(scoreTestReport(report, { ...output, exitCode: 0 }).counts).toBeNull();
  });

  it('adds one failed test when the command failed but no test did', () => {
    const scored = scoreTestReport('vitest', {
      stdout: ' Test Files  1 failed | 1 passed (2)\n      Tests  3 passed (3)\n',
      stderr: '',
      exitCode: 1,
    });
    expect(scored.counts).toMatchObject({ total: 4, passed: 3, failed: 1 });
    expect(scored.note).toContain('exited 1 with no failed test');
  });

  it('scores node-tap output as the TAP summary says', () => {
    const scored = scoreTestReport('node-tap', { stdout: '# tests 3\n# pass 1\n# fail 1\n# cancelled 1\n', stderr: '', exitCode: 1 });
    expect(scored.counts).toMatchObject({ total: 3, passed: 1, failed: 2 });
  });

  it('names the report kind when there is no summary', () => {
    expect(scoreTestReport('cargo', { stdout: '', stderr: 'error: could not compile', exitCode: 101 })).toEqual({
      counts: null,
      note: 'quality 0: no cargo summary in the output',
    });
  });
});
