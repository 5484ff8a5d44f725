// buildSpecRequirements and composeSpec: what the hidden tests compare against, stated; unfair and thin specs refused.
import { describe, expect, it } from 'vitest';
import { buildSpecRequirements, describeRequirements } from './build-spec-requirements.js';
import { composeSpec, listFailToPassFunctions } from './compose-spec.js';

const PY_BEFORE = 'from calc import parse\n\n\ndef test_parse():\n    assert parse("1") == 1\n';
const PY_AFTER = `${PY_BEFORE}\n\ndef test_parse_rejects_negative():\n    with pytest.raises(ValueError, match="must not be negative"):\n        parse("-1")\n`;
const SOLUTION =
  'def parse(text):\n    value = int(text)\n    if value < 0:\n        raise ValueError(f"{text!r} must not be negative")\n    return value\n';

describe('buildSpecRequirements', () => {
  const base = {
    tests: new Map([['tests/test_calc.py', PY_AFTER]]),
    testsBefore: new Map([['tests/test_calc.py', PY_BEFORE]]),
    solutionAdded: SOLUTION,
    fixtureSource: ['def parse(text):\n    return int(text)\n'],
    message: 'Disallow negative numbers in parse',
  };
  it('states an error text the change introduces and the tests match, never an input or the solution code', () => {
    const requirements = buildSpecRequirements(base);
    expect(requirements).toEqual([{ text: 'must not be negative', tests: ['test_parse_rejects_negative'], kind: 'new-text' }]);
    const section = describeRequirements(requirements);
    expect(section).toContain('- "must not be negative" (`test_parse_rejects_negative`)');
    expect(section).not.toContain('raise ValueError');
  });
  it("never states a test's comment as a text the work must produce", () => {
    const commented = PY_AFTER.replace(
      '        parse("-1")\n',
      '        # "must be zero or more" was the old wording; don\'t match it, it\'s gone\n        parse("-1")  # "a minus sign is refused"\n',
    );
    const solution = `${SOLUTION}# old: "must be zero or more", "a minus sign is refused"\nOLD = ["must be zero or more", "a minus sign is refused", "t match it, it"]\n`;
    const requirements = buildSpecRequirements({ ...base, tests: new Map([['tests/test_calc.py', commented]]), solutionAdded: solution });
    expect(requirements.map((requirement) => requirement.text)).toEqual(['must not be negative']);
  });
  it('leaves out a text the message or the repository already gives, and tests not asked about', () => {
    expect(buildSpecRequirements({ ...base, message: 'Parse: a negative number must not be negative' })).toEqual([]);
    expect(buildSpecRequirements({ ...base, fixtureSource: ['ERR = "must not be negative"'] })).toEqual([]);
    expect(buildSpecRequirements({ ...base, only: new Set(['test_parse']) })).toEqual([]);
  });
  it("states an extended Go test's new expected message, not its subtest names or failure words", () => {
    const before = 'func TestCompare(t *testing.T) {\n\tcheck(t, "1.0.0", "1.0.1", -1)\n}\n';
    const after =
      'func TestCompare(t *testing.T) {\n\tcheck(t, "1.0.0", "1.0.1", -1)\n\tt.Run("leading zeros", func(t *testing.T) {\n\t\tif _, err := NewVersion("01.0.0"); err.Error() != "version segment starts with 0" {\n\t\t\tt.Errorf("unexpected error %v", err)\n\t\t}\n\t})\n}\n';
    const requirements = buildSpecRequirements({
      tests: new Map([['version_test.go', after]]),
      testsBefore: new Map([['version_test.go', before]]),
      solutionAdded: 'var ErrSegmentStartsZero = errors.New("version segment starts with 0")',
      fixtureSource: [],
      message: 'Reject leading zeros',
    });
    expect(requirements.map((requirement) => requirement.text)).toEqual(['version segment starts with 0']);
  });
});

describe("buildSpecRequirements: a test's own message template is not a requirement", () => {
  it("leaves out parse's assert message with {!r} placeholders, keeps a JSON expectation", () => {
    const after =
      'def test_match():\n    r = parse("{:d}", "x")\n    assert r is None, "{!r} does not match {!r} ({!r})".format(a, b, c)\n    assert dumps(v) == \'{"kind": "no match found"}\'\n';
    const requirements = buildSpecRequirements({
      tests: new Map([['tests/test_parse.py', after]]),
      testsBefore: new Map([['tests/test_parse.py', 'def test_match():\n    r = parse("{:d}", "1")\n']]),
      solutionAdded: 'MESSAGE = \'{"kind": "no match found"}\'\n',
      fixtureSource: [],
      message: 'Return None when the format does not match',
    });
    expect(requirements.map((requirement) => requirement.text)).toEqual(['{"kind": "no match found"}']);
  });
});

describe('buildSpecRequirements: inputs are not requirements (strsim-rs)', () => {
  it("states neither a doc example's inputs nor an extended test's new input strings", () => {
    const before = '#[test]\nfn jaro_diff() {\n    assert!((0.8 - jaro("dixon", "dicksonx")).abs() < 0.01);\n}\n';
    const after =
      '#[test]\nfn jaro_diff() {\n    assert!((0.8 - jaro("dixon", "dicksonx")).abs() < 0.01);\n    assert!((0.5 - jaro("a jke", "jane a k")).abs() < 0.01);\n    assert_eq!(levenshtein("kitten", "sitting"), 3);\n}\n';
    const requirements = buildSpecRequirements({
      tests: new Map([['tests/lib.rs', after]]),
      testsBefore: new Map([['tests/lib.rs', before]]),
      solutionAdded: '/// assert_eq!(3, levenshtein("kitten", "sitting"));\npub fn levenshtein(a: &str, b: &str) -> usize {',
      fixtureSource: [],
      message: 'Fix transposition counting in Jaro',
    });
    expect(requirements).toEqual([]);
  });
});

describe('composeSpec', () => {
  const parts = (subject: string, body = '', interfaceLines = 0) => ({
    subject,
    body,
    base: `# ${subject}\n\nFiles to change: \`calc.py\`.\n`,
    interfaceLines,
    fixture: new Map([
      ['calc.py', Buffer.from('def parse(text):\n    return int(text)\n')],
      ['tests/test_calc.py', Buffer.from(PY_BEFORE)],
    ]),
    tests: new Map([['tests/test_calc.py', Buffer.from(PY_AFTER)]]),
    solution: new Map([['calc.py', Buffer.from(SOLUTION)]]),
  });
  it('adds the exact texts to the message as requirements', () => {
    const verdict = composeSpec(parts('Disallow negative numbers in parse'));
    expect(verdict.ok && verdict.spec).toContain('compare against these exact texts');
    expect(verdict.ok && verdict.spec).toContain('"must not be negative"');
  });
  it('refuses a message about tests only as unfair-spec, with the reason', () => {
    expect(composeSpec(parts('Add tests about pre releases'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^unfair-spec: the commit message speaks of tests only \("Add tests about pre releases"\)/),
    });
    expect(composeSpec(parts('Add sub with its tests')).ok).toBe(true);
  });
  it('calls a four-word title thin when the spec can state nothing else, not when it states an interface', () => {
    const bare = {
      ...parts('Tidy up number parsing'),
      tests: new Map([['tests/test_calc.py', Buffer.from(`${PY_BEFORE}\n\ndef test_more():\n    assert parse("2") == 2\n`)]]),
    };
    expect(composeSpec(bare)).toMatchObject({
      ok: false,
      thin: true,
      reason: expect.stringMatching(/^thin-spec: .*\(4 meaningful words\)/),
    });
    expect(composeSpec({ ...bare, interfaceLines: 1 }).ok).toBe(true);
  });
  it('refuses as unfair-spec tests that demand more exact texts than a spec can state', () => {
    const many = Array.from({ length: 13 }, (_, i) => `    assert parse("${i}") == "value number ${i} is bad"`).join('\n');
    const solution = Array.from({ length: 13 }, (_, i) => `M${i} = "value number ${i} is bad"`).join('\n');
    const verdict = composeSpec({
      ...parts('Describe bad values with a message each'),
      tests: new Map([['tests/test_calc.py', Buffer.from(`${PY_BEFORE}\n\ndef test_many():\n${many}\n`)]]),
      solution: new Map([['calc.py', Buffer.from(solution)]]),
    });
    expect(verdict).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^unfair-spec: the hidden tests compare against 13 exact texts/),
    });
  });
  it('reads fail_to_pass names as the functions whose bodies hold the checks', () => {
    expect([...listFailToPassFunctions(['example.com/v::TestA', 'tests/t.py::test_b[1]'], 'python')]).toEqual(['TestA', 'test_b']);
  });
});

describe('composeSpec on a Rust crate whose tests live in src/lib.rs', () => {
  it("does not take the test module's literals for texts the solution introduces (strsim-rs stated its inputs)", () => {
    const module = (cases: string) =>
      `\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn jaro_diff() {\n${cases}    }\n}\n`;
    const before = `pub fn jaro(a: &str, b: &str) -> f64 {\n    0.0\n}\n${module('        assert!(jaro("dixon", "dicksonx") > 0.7);\n')}`;
    const after = `pub fn jaro(a: &str, b: &str) -> f64 {\n    1.0\n}\n${module('        assert!(jaro("dixon", "dicksonx") > 0.7);\n        assert!(jaro("a jke", "jane a k") > 0.5);\n')}`;
    const verdict = composeSpec({
      subject: 'Fix transposition counting in Jaro and Jaro-Winkler',
      body: '',
      base: '# Fix\n',
      interfaceLines: 0,
      fixture: new Map([['src/lib.rs', Buffer.from(before)]]),
      tests: new Map([
        [
          'src/lib.rs.cfg-test',
          Buffer.from(module('        assert!(jaro("dixon", "dicksonx") > 0.7);\n        assert!(jaro("a jke", "jane a k") > 0.5);\n')),
        ],
      ]),
      solution: new Map([
        ['src/lib.rs', Buffer.from(after)],
        ['README.md', Buffer.from('```rust\nassert!(jaro("a jke", "jane a k") > 0.5);\n```\n')],
      ]),
    });
    expect(verdict).toMatchObject({ ok: true, requirements: [] });
  });
});
