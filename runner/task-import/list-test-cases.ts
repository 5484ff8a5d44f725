// The names the change's tests give their new cases (a table row's `desc`, a new `it(...)`): behaviour, not answers; pure.
import { listLiterals } from './build-spec-requirements.js';

/**
 * A literal that names a case: a title passed to a test or subtest (`it(`, `test(`, `describe(`, `context(` as
 * functions, `t.Run(`, `self.subTest(`; a regex's `.test("a b c")` is an input) and, in Go's table tests, a row's
 * label field (`desc:`, `name:`, `description:`). Elsewhere a `name:` or `title:` is as often an expected value
 * (`toEqual({ name: "John Smith" })`). A failure message (`t.Errorf(`, `panic!(`) reports a result, not a case.
 */
const CALL_LABEL = /(?:(?:^|[^.\w$])(?:describe|it|test|context)|\.(?:Run|subTest))\s*\(\s*$/;
const GO_FIELD_LABEL = /\b(?:name|desc|description)\s*:\s*$/;

/** More than this and the section would be the test file: the rest are counted, not listed. */
export const MAX_CASES = 12;

/**
 * The labels of cases the change adds to its test files, in file order, once each: those in a file's new text that its
 * text before the change lacks. buger/jsonparser's 521e3e7 ("Add additional support for array indexing in Set") adds
 * five rows to `setTests` ("set indexed path to object on empty JSON", ...) and changes no test function, so its spec
 * said nothing of what Set must now do (graded C).
 */
export function listNewCases(tests: ReadonlyMap<string, string>, testsBefore: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [path, text] of tests) {
    const old = testsBefore.get(path) ?? '';
    const field = path.endsWith('_test.go');
    for (const { text: label, before } of listLiterals(text)) {
      const labelled = CALL_LABEL.test(before) || (field && GO_FIELD_LABEL.test(before));
      if (labelled && isCaseLabel(label) && !old.includes(label) && !found.includes(label)) found.push(label);
    }
  }
  return found;
}

/** A label worth repeating: it holds a letter and is a short phrase, never a template (`"%s"`) or an identifier alone. */
function isCaseLabel(text: string): boolean {
  return /\p{L}/u.test(text) && text.length >= 3 && text.length <= 120 && /\s/.test(text.trim()) && !/[%{}]/.test(text);
}

/** The spec's section listing them; '' when there are none. */
export function describeNewCases(cases: readonly string[]): string {
  if (cases.length === 0) return '';
  const more = cases.length > MAX_CASES ? [`- and ${cases.length - MAX_CASES} more`] : [];
  return [
    'The change adds test cases named as follows (the behaviour they check; their expected values are not given here):',
    '',
    ...cases.slice(0, MAX_CASES).map((label) => `- ${JSON.stringify(label)}`),
    ...more,
    '',
  ].join('\n');
}
