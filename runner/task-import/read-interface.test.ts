// describeInterface: the public names a change adds that its tests use go in the spec; private ones it tests are internal-api.
import { describe, expect, it } from 'vitest';
import { describeInterface, describeNeededInterface } from './read-interface.js';

const map = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('describeInterface', () => {
  it("takes a Rust trait's items and a trait impl's methods as public, as rustc does", () => {
    // quick-error's three and rust-shlex's `next`: each was rejected as internal-api.
    const solution = [
      "impl<'a> Iterator for Shlex<'a> {",
      '    type Item = String;',
      '    fn next(&mut self) -> Option<String> {',
      '        if self.done() { return None; }',
      '        None',
      '    }',
      '}',
      'impl From<io::Error> for Error',
      'where',
      '    Self: Sized,',
      '{',
      '    fn from(error: io::Error) -> Self { Error::Io(error) }',
      '}',
      'impl $crate::error::Error for $name {',
      "    fn source(&self) -> Option<&(dyn Error + 'static)> { None }",
      '}',
      'pub trait ResultExt<T, E> {',
      '    fn context<X>(self, x: X) -> Result<T, Context<X, E>>;',
      '}',
      'trait Hidden {',
      '    fn secret(&self);',
      '}',
      "impl Shlex<'_> {",
      '    fn done(&self) -> bool { true }',
      '}',
    ].join('\n');
    const api = describeInterface({
      solution: map({ 'src/lib.rs': solution }),
      fixture: map({}),
      tests: map({ 'src/lib.rs.cfg-test': 'sh.next(); Error::from(e); e.source(); r.context(1); x.secret(); sh.done();' }),
    });
    expect(api.needed.map((d) => d.name)).toEqual(['next', 'from', 'source', 'context']);
    expect(api.internal.map((d) => d.name)).toEqual(['secret', 'done']);
  });
  it('names a new member of an exported options interface the tests pass (css-what: quirksMode)', () => {
    const before = 'export interface Options {\n  xmlMode?: boolean;\n}\nexport function parse(selector: string, options?: Options) {}\n';
    const after =
      'export interface Options {\n  xmlMode?: boolean;\n  /** Quirks mode: class names compare case-insensitively. */\n  quirksMode?: boolean;\n  nested?: { depth: number };\n}\ninterface Internal {\n  cache: Map<string, string>;\n}\nexport function parse(selector: string, options?: Options) {\n  const seen = { quirksMode: 1 };\n}\n';
    const api = describeInterface({
      solution: map({ 'src/parse.ts': after }),
      fixture: map({ 'src/parse.ts': before }),
      tests: map({ 'src/parse.spec.ts': "parse('.A', { quirksMode: true, nested: { depth: 1 } }); cache;" }),
    });
    expect(api.needed.map((d) => [d.name, d.signature])).toEqual([
      ['quirksMode', 'quirksMode?: boolean'],
      ['nested', 'nested?: { depth: number }'],
    ]);
    expect(api.internal).toEqual([]);
  });
  it("names a new member of an exported enum the tests use (css-what's 8030f67: SelectorType.ColumnCombinator)", () => {
    const enumOf = (members: string) =>
      `export enum SelectorType {\n    Tag = "tag",\n${members}}\nexport type Traversal =\n    | SelectorType.Tag;\n`;
    const api = describeInterface({
      solution: map({ 'src/types.ts': enumOf('    Sibling,\n    ColumnCombinator = "column-combinator",\n') }),
      fixture: map({ 'src/types.ts': enumOf('') }),
      tests: map({ 'src/__fixtures__/tests.ts': '[{ type: SelectorType.ColumnCombinator }, { type: SelectorType.Sibling }]' }),
    });
    expect(api.needed.map((d) => [d.name, d.signature])).toEqual([
      ['Sibling', 'Sibling'],
      ['ColumnCombinator', 'ColumnCombinator = "column-combinator"'],
    ]);
  });
  it('names a new public Go function the tests call, and flags an unexported helper they call', () => {
    const api = describeInterface({
      solution: map({
        'uuid.go': 'package uuid\n\nfunc Compare(a, b UUID) int {\n\treturn 0\n}\n\nfunc getTime() int64 {\n\treturn 1\n}\n',
      }),
      fixture: map({ 'uuid.go': 'package uuid\n' }),
      tests: map({ 'uuid_test.go': 'func TestCompare(t *testing.T) { Compare(a, b); getTime() }' }),
    });
    expect(api.needed.map((d) => d.signature)).toEqual(['func Compare(a, b UUID) int']);
    expect(api.internal.map((d) => d.name)).toEqual(['getTime']);
  });
  it('lists a changed signature, not an unchanged one; an exported JS function but no private one', () => {
    const api = describeInterface({
      solution: map({
        'src/fmt.js': 'export function format(value, options = {}) {\n}\nexport function parse(text) {\n}\nfunction pad(x) {}\n',
      }),
      fixture: map({ 'src/fmt.js': 'export function format(value) {\n}\nexport function parse(text) {\n}\n' }),
      tests: map({ 'test/fmt.test.js': "format(1, { format_version: 2 }); parse('x'); pad(1);" }),
    });
    expect(api.needed.map((d) => d.signature)).toEqual(['export function format(value, options = {})']);
    // JS cannot import a name that is not exported: pad in the test is some other pad.
    expect(api.internal).toEqual([]);
  });
  it('treats Python _private names the tests call as internal, dunders and public names as public', () => {
    const api = describeInterface({
      solution: map({
        'calc.py':
          'class Calc:\n    def __init__(self):\n        pass\n    def _round(self, x):\n        return x\n\ndef mul(a, b):\n    return a * b\n',
      }),
      fixture: map({}),
      tests: map({ 'tests/test_calc.py': 'c = Calc(); c._round(1); mul(2, 3)' }),
    });
    expect(api.needed.map((d) => d.name)).toEqual(['Calc', 'mul']);
    expect(api.internal.map((d) => d.name)).toEqual(['_round']);
  });
  it('words the spec section, and gives nothing when no name is new', () => {
    expect(describeNeededInterface([{ path: 'calc.py', name: 'mul', signature: 'def mul(a, b)', isPublic: true }])).toContain(
      '- `calc.py`: `def mul(a, b)`',
    );
    expect(describeNeededInterface([])).toBe('');
    // quick-error's two impls of `fn source`: one line.
    const source = { path: 'src/lib.rs', name: 'source', signature: 'fn source(&self) -> Option<&dyn Error>', isPublic: true };
    expect(describeNeededInterface([source, { ...source }]).match(/fn source/g)).toHaveLength(1);
  });
});
