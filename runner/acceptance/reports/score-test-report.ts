// Turns a finished test run into counts by the task's report kind (task.json `test.report`); pure, no file system.
import type { TaskTest } from '../../task-bank/task-schema.js';
import { parseTapSummary } from '../parse-tap-summary.js';
import { parseCargoTest } from './parse-cargo.js';
import { parseGoTest, readGoRunFilter } from './parse-go.js';
import { parseJest } from './parse-jest.js';
import { parseMocha } from './parse-mocha.js';
import { parsePytest } from './parse-pytest.js';
import { parseUnittest } from './parse-unittest.js';
import { parseVitest } from './parse-vitest.js';
import { readJestJson } from './read-jest-json.js';
import { readPytestTests } from './read-pytest-tests.js';
import { readUnittestTests } from './read-unittest-tests.js';
import type { TestCounts, TestRunOutput } from './test-counts.js';

export type TestReport = TaskTest['report'];

export interface ScoredReport {
  /** null: the output held no summary this report kind can read (a build error, a killed run). */
  counts: TestCounts | null;
  note?: string;
}

const PARSERS: Record<Exclude<TestReport, 'exit-code'>, (text: string) => TestCounts | null> = {
  'node-tap': readTap,
  unittest: parseUnittest,
  pytest: parsePytest,
  vitest: parseVitest,
  jest: parseJest,
  mocha: parseMocha,
  go: parseGoTest,
  cargo: parseCargoTest,
};

/**
 * The one stream each tool prints its summary on. Only that stream is read: the code under test can print on either,
 * and a fake summary on the other stream (printed last) would otherwise be taken for the tool's own. Where from:
 * unittest's TextTestRunner writes to sys.stderr (checked with python 3.11 here); pytest's terminal reporter to
 * sys.stdout (checked with pytest 7.2.1 here); vitest's logger.log to process.stdout (vitest 4 source, node_modules);
 * jest's reporters to process.stderr (its docs; not installed here); `go test -json` writes its events to stdout and
 * build errors to stderr (checked with go 1.19.8 here); cargo prints its progress and "error: test failed" on stderr
 * and each test binary's libtest json events on stdout (checked with cargo 1.95 here);
 * `node --test --test-reporter=tap` writes TAP to stdout.
 */
const SUMMARY_STREAM: Record<Exclude<TestReport, 'exit-code'>, 'stdout' | 'stderr'> = {
  'node-tap': 'stdout',
  unittest: 'stderr',
  pytest: 'stdout',
  vitest: 'stdout',
  jest: 'stderr',
  mocha: 'stdout',
  go: 'stdout',
  cargo: 'stdout',
};

/**
 * Scores the stream the report kind's tool writes its summary to (SUMMARY_STREAM); `command` is the test command's
 * argv, read for go's -run filter. A run
 * that exited non-zero with no failed test (a test file that failed to load beside passing ones) gets one failed test
 * more: the exit code is the tool's own verdict and a score must not be better than it.
 */
export function scoreTestReport(report: TestReport, output: TestRunOutput, command: readonly string[] = []): ScoredReport {
  if (report === 'exit-code') {
    const passed = output.exitCode === 0 ? 1 : 0;
    const verdicts = new Map([[EXIT_CODE_TEST, passed === 1 ? ('pass' as const) : ('fail' as const)]]);
    return { counts: { total: 1, passed, failed: 1 - passed, verdicts } };
  }
  const text = output[SUMMARY_STREAM[report]];
  // go: only the tests the command's -run filter selected are scored (see parseGoTest).
  const counts = report === 'go' ? parseGoTest(text, readGoRunFilter(command)) : PARSERS[report](text);
  if (counts === null) return { counts: null, note: `quality 0: no ${report} summary in the output` };
  const verdicts = counts.verdicts ?? readNamedVerdicts(report, output);
  if (output.exitCode !== 0 && output.exitCode !== null && counts.failed === 0) {
    return {
      counts: { total: counts.total + 1, passed: counts.passed, failed: 1, verdicts },
      note: `the test command exited ${output.exitCode} with no failed test: counted as one failed test`,
    };
  }
  return { counts: { ...counts, verdicts } };
}

/** The one test an `exit-code` task has: the command's own verdict. */
export const EXIT_CODE_TEST = '(the test command exits 0)';

/** Names the tests of the report kinds whose counts come from a summary line (go, cargo and json reports name them already). */
function readNamedVerdicts(report: TestReport, output: TestRunOutput): TestCounts['verdicts'] {
  if (report === 'unittest') return readUnittestTests(output.stderr);
  if (report === 'pytest') return readPytestTests(output.stdout);
  // jest prints its text summary on stderr and, under --json, the report on stdout.
  if (report === 'jest') return readJestJson(output.stdout)?.verdicts;
  return undefined;
}

function readTap(text: string): TestCounts | null {
  const summary = parseTapSummary(text);
  if (!summary) return null;
  return { total: summary.tests, passed: summary.pass, failed: summary.fail + summary.cancelled };
}
