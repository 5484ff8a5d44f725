// listNewCases and findReferenceOnly: a spec names the cases its tests add, and a link the agent cannot open is no spec.
import { describe, expect, it } from 'vitest';
import { composeSpec } from './compose-spec.js';
import { findReferenceOnly, splitCodeWords } from './judge-spec.js';
import { describeNewCases, listNewCases, MAX_CASES } from './list-test-cases.js';

const row = (desc: string, path: string) =>
  `\t{\n\t\tdesc:    "${desc}",\n\t\tpath:    []string{${path}},\n\t\tsetData: \`"value"\`,\n\t},\n`;
const setTests = (rows: string) =>
  `package jsonparser\n\nvar setTests = []SetTest{\n${rows}}\n\nfunc TestSet(t *testing.T) {\n\trunSetTests(t, setTests)\n}\n`;
/** buger/jsonparser's 521e3e7: rows added to a table, TestSet itself unchanged. */
const BEFORE = setTests(row('set unknown key (simple object)', '"c"'));
const AFTER = setTests(
  `${row('set unknown key (simple object)', '"c"')}${row('set indexed path to object on empty JSON', '"top", "[0]"')}`,
);

describe('listNewCases', () => {
  it("lists a table's new rows by their desc, not the rows it had", () => {
    expect(listNewCases(new Map([['parser_test.go', AFTER]]), new Map([['parser_test.go', BEFORE]]))).toEqual([
      'set indexed path to object on empty JSON',
    ]);
  });
  it('lists new it() and t.Run titles, never failure messages, templates or one-word names', () => {
    const js = `it('escapes a slash in an attribute', () => {});\ntest("x", () => { throw new Error('does not match at all') });`;
    const go = `t.Run("empty input gives zero", f)\nt.Errorf("got %d want %d", a, b)\nt.Run(fmt.Sprintf("case %d", i), f)`;
    expect(
      listNewCases(
        new Map([
          ['a.spec.ts', js],
          ['a_test.go', go],
        ]),
        new Map(),
      ),
    ).toEqual(['escapes a slash in an attribute', 'empty input gives zero']);
  });
  it("lists neither an expected object's name and title nor a regex's input", () => {
    const js = `it('parses a person', () => {\n  expect(parse(x)).toEqual({ name: "John Smith", title: "Senior Engineer at Acme" });\n  /a b/.test("a b c");\n});`;
    expect(listNewCases(new Map([['person.test.ts', js]]), new Map())).toEqual(['parses a person']);
  });
  it(`shows at most ${MAX_CASES} and counts the rest`, () => {
    const many = Array.from({ length: MAX_CASES + 2 }, (_, i) => `case number ${i}`);
    const section = describeNewCases(many);
    expect(section).toContain('"case number 11"');
    expect(section).not.toContain('"case number 12"');
    expect(section).toContain('- and 2 more');
    expect(describeNewCases([])).toBe('');
  });
});

describe('findReferenceOnly', () => {
  const code = splitCodeWords("pub fn quote(in_bytes: &[u8]) -> Cow<[u8]> {\n'{' | '}' |\nsrc/bytes.rs");
  const subject = 'Minimal fix for the high-severity issue without bumping MSRV';
  const body = 'Ref: https://github.com/advisories/GHSA-r7qv-8r2h-pg27';
  it("calls rust-shlex's 4c53044 thin: a link, and no word of the code it changes", () => {
    expect(findReferenceOnly(subject, body, code, 0)).toMatch(
      /^thin-spec: the commit message leaves what to do to "https:\/\/github.com\/advisories\/GHSA-r7qv-8r2h-pg27"/,
    );
  });
  it('keeps a message that names the code, has no reference, or a spec that states something else', () => {
    expect(findReferenceOnly('Quote braces in quote()', body, code, 0)).toBeNull();
    expect(findReferenceOnly(subject, '', code, 0)).toBeNull();
    expect(findReferenceOnly(subject, body, code, 1)).toBeNull();
    // An issue number is no advisory; a stop word in the code names nothing.
    expect(findReferenceOnly('Accept CRLF line endings', 'Closes #31', splitCodeWords('s = s.replace("\\r\\n", "\\n")'), 0)).toBeNull();
    expect(findReferenceOnly(subject, body, splitCodeWords('for c in in_str.chars() {'), 0)).toMatch(/^thin-spec: /);
    // quick-error's 2a9d649: GitHub's merge subject is no pointer, and the words the change drops count.
    const dropped = splitCodeWords('fn description(&self) -> &str {');
    expect(findReferenceOnly('Merge pull request #50 from kornelski/nodesc', 'Delete description support', dropped, 0)).toBeNull();
    expect(findReferenceOnly('Merge pull request #43 from kornelski/deprecated', 'Silence deprecation warning', code, 0)).toBeNull();
    expect(splitCodeWords('parseInt in_bytes')).toEqual(new Set(['parse', 'int', 'bytes']));
  });
});

describe('composeSpec with new cases', () => {
  it("states a table's new rows, so 521e3e7's title is no longer all the spec says", () => {
    const verdict = composeSpec({
      subject: 'Add additional support for array indexing in Set',
      body: '',
      base: '# Add additional support for array indexing in Set\n\nFiles to change: `parser.go`.\n',
      interfaceLines: 0,
      fixture: new Map([['parser_test.go', Buffer.from(BEFORE)]]),
      tests: new Map([['parser_test.go', Buffer.from(AFTER)]]),
      solution: new Map([['parser.go', Buffer.from('package jsonparser\n')]]),
    });
    expect(verdict.ok && verdict.spec).toContain('The change adds test cases named as follows');
    expect(verdict.ok && verdict.spec).toContain('- "set indexed path to object on empty JSON"');
  });
});
