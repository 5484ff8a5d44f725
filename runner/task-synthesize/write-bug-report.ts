// Writes a synthesized task's spec: a bug report from the failing tests' names and messages that never quotes the fix; pure.
import type { FailureMessage } from './read-failure-messages.js';

export interface BugReportInput {
  /** The file the bug is in: the one file the agent may change. */
  path: string;
  /** The fail_to_pass tests, as the verification named them. */
  failing: readonly string[];
  /** How many tests pass both before and after (pass_to_pass). */
  passing: number;
  messages: readonly FailureMessage[];
  /**
   * The tests left out of both lists (excluded_tests): they fail on the original code too, or are flaky there. Their
   * messages are not the bug's, and the report asks no fix of them (path-to-regexp's failed suite `src/cases.spec.ts`
   * was reported in every task of that repository, under "no other test fails").
   */
  excluded: readonly string[];
  /** The source lines the mutation replaced and the lines it wrote: no line of the report may contain either. */
  hidden: readonly string[];
}

export interface BugReport {
  title: string;
  spec: string;
}

/** Tests listed with their messages; the rest are counted. */
const LISTED_TESTS = 10;
const LINES_PER_TEST = 6;
const LINE_CHARS = 200;
/** Shorter source lines (`}`, `return`, `pass`) say nothing about the fix and would blank out ordinary messages. */
const MIN_HIDDEN_CHARS = 6;

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The last part of a test's name: `TestCompare` of `pkg::TestCompare`, `test_x` of `tests/t.py::C::test_x`. */
export function shortenTestName(name: string): string {
  return (name.split(/::| > /).at(-1) ?? name).trim() || name;
}

/** The messages that belong to a test: the same name, or one name ending with the other's last part. */
function findMessage(test: string, messages: readonly FailureMessage[]): FailureMessage | undefined {
  const exact = messages.find((message) => message.name === test);
  if (exact) return exact;
  const short = shortenTestName(test);
  return messages.find((message) => message.name.endsWith(test) || test.endsWith(message.name) || shortenTestName(message.name) === short);
}

/** Tests excluded, named in the report; the rest are counted. */
const NAMED_EXCLUDED = 5;

/** The lines of a message a report may show: none that quotes a hidden line, at most LINES_PER_TEST, each cut short. */
function selectLines(lines: readonly string[], hidden: readonly string[]): string[] {
  return lines
    .filter((line) => isSafeLine(line, hidden))
    .slice(0, LINES_PER_TEST)
    .map((line) => (line.length > LINE_CHARS ? `${line.slice(0, LINE_CHARS)}...` : line).replaceAll('```', "'''"));
}

/** A message line, unless it quotes a hidden source line (a traceback prints the line it failed in). */
function isSafeLine(line: string, hidden: readonly string[]): boolean {
  const said = normalize(line);
  return !hidden.some((source) => source.length >= MIN_HIDDEN_CHARS && said.includes(source));
}

/**
 * The report says which tests fail and what they said, where the bug is to be fixed (the file), and that the tests are
 * right. It holds no diff, no line number, and no line of the original or the mutated code: lines of output that quote
 * one are left out.
 */
export function writeBugReport(input: BugReportInput): BugReport {
  const hidden = [...new Set(input.hidden.map(normalize))];
  // Tests that said something first: a test that only stopped running (after a crash in another) says nothing.
  const matched = new Set<FailureMessage>();
  const said = input.failing.map((test) => {
    const message = findMessage(test, input.messages);
    if (message) matched.add(message);
    return { test, lines: selectLines(message?.lines ?? [], hidden) };
  });
  // What failed outside any listed test: a test module that did not load (pytest's "ERROR tests/test_x.py").
  const unmatched = input.messages.filter((message) => !matched.has(message));
  const excluded = new Set(input.excluded.map((test) => findMessage(test, unmatched)));
  const outside = unmatched
    .filter((message) => !excluded.has(message))
    .map((message) => ({ name: message.name, lines: selectLines(message.lines, hidden) }))
    .filter((message) => message.lines.length > 0)
    .slice(0, 3);
  const ordered = [...said.filter((entry) => entry.lines.length > 0), ...said.filter((entry) => entry.lines.length === 0)];
  const count = input.failing.length;
  const more = count - 1;
  const title = `${shortenTestName(ordered[0]?.test ?? 'a test')}${more > 0 ? ` and ${more} more test${more === 1 ? '' : 's'}` : ''} fail${more > 0 ? '' : 's'}`;
  const aside = describeExcluded(input.excluded);
  const lines = [
    `# ${title}`,
    '',
    `The test suite used to pass${aside === '' ? '' : `, but for ${aside}`}. Now ${count} test${count === 1 ? ' fails' : 's fail'}${input.passing > 0 ? `, while the other ${input.passing} still pass` : ''}.`,
    '',
    '## Failing tests',
    '',
  ];
  for (const { test, lines: output } of ordered.slice(0, LISTED_TESTS)) {
    lines.push(`- \`${test.replaceAll('`', "'")}\``);
    if (output.length > 0) lines.push('  ```text', ...output.map((line) => `  ${line}`), '  ```');
  }
  if (count > LISTED_TESTS) lines.push(`- and ${count - LISTED_TESTS} more`);
  if (outside.length > 0) lines.push('', 'Reported outside any single test:', '');
  for (const { name, lines: output } of outside)
    lines.push(`- \`${name.replaceAll('`', "'")}\``, '  ```text', ...output.map((line) => `  ${line}`), '  ```');
  if (ordered.at(-1)?.lines.length === 0 && ((ordered[0]?.lines.length ?? 0) > 0 || outside.length > 0))
    lines.push('', 'A test listed without output printed nothing of its own: it may not have run at all, after a crash in another.');
  lines.push(
    '',
    '## What to do',
    '',
    `Find the bug in \`${input.path}\` and fix it there: change only that file. The tests are right as they are: do not change them or add any. When you are done, every test listed above passes and no other test fails${aside === '' ? '' : ' (but those named at the top)'}.`,
    '',
  );
  return { title, spec: lines.join('\n') };
}

/** "2 tests that fail on the original code too and are no part of this task: `a`, `b`", or '' for none. */
function describeExcluded(tests: readonly string[]): string {
  if (tests.length === 0) return '';
  const named = tests.slice(0, NAMED_EXCLUDED).map((test) => `\`${test.replaceAll('`', "'")}\``);
  const more = tests.length - named.length;
  const one = tests.length === 1;
  return `${tests.length} test${one ? '' : 's'} that fail${one ? 's' : ''} without the bug too and ${one ? 'is' : 'are'} no part of this task: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}
