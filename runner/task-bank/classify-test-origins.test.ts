// classifyTestOrigins and listTestBodies: old tests (unchanged, renamed, moved) told from new and extended ones.
import { describe, expect, it } from 'vitest';
import { classifyTestOrigins, findOldName, readSimpleTestName } from './classify-test-origins.js';
import { listTestBodies } from './read-test-bodies.js';

const go = (tests: string): string => `package semver\n\nimport "testing"\n\n${tests}\n`;

describe('listTestBodies', () => {
  it('reads Go, Rust, Python and JS test bodies, braces in strings and comments skipped', () => {
    const goText = go('func TestA(t *testing.T) {\n\tif x := "}"; x != "}" { // }\n\t\tt.Fatal(`{`)\n\t}\n}\n\nfunc helper() {}');
    expect([...listTestBodies('a_test.go', goText).keys()]).toEqual(['TestA', 'helper']);
    expect(listTestBodies('a_test.go', goText).get('TestA')?.[0]).toContain('t.Fatal(`{`) } }');
    const rust = 'mod tests {\n    #[test]\n    fn parses() {\n        let s: &\'static str = "{";\n        assert_eq!(s, "{");\n    }\n}';
    expect(listTestBodies('src/lib.rs.cfg-test', rust).get('parses')?.[0]).toContain('assert_eq!(s, "{"); }');
    const python = '@pytest.mark.parametrize("v", ["1"])\ndef test_a(v):\n    assert v\n\n    assert not None\n\ndef test_b():\n    pass\n';
    expect(listTestBodies('test_x.py', python).get('test_a')?.[0]).toBe(
      '@pytest.mark.parametrize("v", ["1"]) def \u0000(v): assert v assert not None',
    );
    const js = "describe('x', () => {\n  it('adds', () => { expect(add(1, 2)).toBe(3); });\n  test(\"subs\", () => {});\n});";
    expect([...listTestBodies('x.test.ts', js).keys()]).toEqual(['adds', 'subs']);
  });
});

describe('classifyTestOrigins', () => {
  const before = go(
    'func TestOld(t *testing.T) {\n\tcheck(t, 1)\n}\n\nfunc TestGrows(t *testing.T) {\n\tcheck(t, 2)\n}\n\nfunc TestRenameMe(t *testing.T) {\n\tcheck(t, 3)\n}',
  );
  const after = go(
    'func TestOld(t *testing.T) {\n\tcheck(t, 1)\n}\n\nfunc TestGrows(t *testing.T) {\n\tcheck(t, 2)\n\tcheck(t, 4)\n}\n\nfunc TestRenamed(t *testing.T) {\n\tcheck(t, 3)\n}\n\nfunc TestNew(t *testing.T) {\n\tcheck(t, 5)\n}',
  );
  const origins = classifyTestOrigins({ before: new Map([['v_test.go', before]]), after: new Map([['v_test.go', after]]) });
  it('tells unchanged, extended, renamed and new tests apart', () => {
    expect(origins.originOf('example.com/semver::TestOld')).toEqual({ kind: 'unchanged' });
    expect(origins.originOf('example.com/semver::TestGrows')).toEqual({ kind: 'changed' });
    expect(origins.originOf('example.com/semver::TestRenamed')).toEqual({ kind: 'renamed', from: 'TestRenameMe' });
    expect(origins.originOf('example.com/semver::TestNew')).toEqual({ kind: 'new' });
    expect(origins.renamedFrom).toEqual(['TestRenameMe']);
  });
  it('recognises a test moved to another file with its body unchanged', () => {
    const moved = classifyTestOrigins({
      before: new Map([['tests/test_old.py', 'def test_parse():\n    assert parse("1") == 1\n']]),
      after: new Map([
        ['tests/test_old.py', 'def test_other():\n    assert True\n'],
        ['tests/test_new.py', 'def test_parse_number():\n    assert parse("1") == 1\n'],
      ]),
    });
    const origin = moved.originOf('tests/test_new.py::test_parse_number');
    expect(origin).toEqual({ kind: 'renamed', from: 'test_parse' });
    expect(findOldName('tests/test_new.py::test_parse_number', origin, ['tests/test_old.py::test_parse'], 'python')).toBe(
      'tests/test_old.py::test_parse',
    );
  });
  it('reads the function of each tool name', () => {
    expect(readSimpleTestName('tests/t.py::TestC::test_x[1.2-a]', 'python')).toBe('test_x');
    expect(readSimpleTestName('tests.test_t.TestC.test_x', 'python')).toBe('test_x');
    expect(readSimpleTestName('suite > parses 1.2.3', 'js')).toBe('parses 1.2.3');
    expect(readSimpleTestName('tests::subtracts', 'rust')).toBe('subtracts');
  });
});
