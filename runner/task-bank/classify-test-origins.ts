// Tells, for each test a change's test files hold, whether it is new, changed, unchanged or an old test renamed or moved; pure.
import { listTestBodies, readBodyLanguage, type BodyLanguage } from './read-test-bodies.js';

/**
 * `unchanged`: the same name with the same body before the change. `renamed`: a test of another name (`from`) had
 * exactly this body before and is gone now. `changed` (an extended test) and `new`: work the change asks for.
 */
export type TestOrigin = { kind: 'new' | 'changed' | 'unchanged' } | { kind: 'renamed'; from: string };

/** The test function a reported name stands for: `pkg::TestX` and `tests/t.py::C::test_x[1]` end in it, `a > b` is b. */
export function readSimpleTestName(reported: string, language: BodyLanguage | undefined): string {
  if (language === 'js') return reported.slice(reported.lastIndexOf(' > ') + (reported.includes(' > ') ? 3 : 0));
  const last = reported.includes('::') ? reported.slice(reported.lastIndexOf('::') + 2) : reported;
  const bare = last.replace(/\[.*\]$/s, '');
  // unittest: `module.Class.test_x`; a cargo or go name never holds a dot outside a path.
  return language === 'python' && !reported.includes('::') ? bare.slice(bare.lastIndexOf('.') + 1) : bare;
}

/** Test files (path -> text) before the change (the fixture's) and after it (the hidden tests). */
export interface TestTexts {
  before: ReadonlyMap<string, string>;
  after: ReadonlyMap<string, string>;
}

export interface TestOrigins {
  /** A reported test name's origin: anything ambiguous (a name met twice with different bodies, no body found) is `new` or `changed`. */
  originOf: (reported: string) => TestOrigin;
  /** The language of the test files (undefined when mixed). */
  language: BodyLanguage | undefined;
  /** The old names of renamed tests, which the fixture's own run must select too (go's `-run` filter). */
  renamedFrom: string[];
}

export function classifyTestOrigins(texts: TestTexts): TestOrigins {
  const collect = (files: ReadonlyMap<string, string>): Map<string, string[]> => {
    const all = new Map<string, string[]>();
    for (const [path, text] of files)
      for (const [name, bodies] of listTestBodies(path, text)) all.set(name, [...(all.get(name) ?? []), ...bodies]);
    return all;
  };
  const before = collect(texts.before);
  const after = collect(texts.after);
  const languages = new Set([...texts.after.keys()].map(readBodyLanguage));
  const language = languages.size === 1 ? [...languages][0] : undefined;
  // Bodies of tests that are gone after the change, by body: where a renamed test came from.
  const gone = new Map<string, string[]>();
  for (const [name, bodies] of before)
    if (!after.has(name)) for (const body of new Set(bodies)) gone.set(body, [...(gone.get(body) ?? []), name]);
  const originOf = (reported: string): TestOrigin => {
    const name = readSimpleTestName(reported, language);
    const now = [...new Set(after.get(name) ?? [])];
    const then = [...new Set(before.get(name) ?? [])];
    if (now.length !== 1) return { kind: then.length > 0 ? 'changed' : 'new' };
    const body = now[0] as string;
    if (then.length > 0) return { kind: then.length === 1 && then[0] === body ? 'unchanged' : 'changed' };
    const from = gone.get(body) ?? [];
    return from.length === 1 ? { kind: 'renamed', from: from[0] as string } : { kind: 'new' };
  };
  const renamedFrom = [...after].map(([name]) => originOf(name)).flatMap((origin) => (origin.kind === 'renamed' ? [origin.from] : []));
  return { originOf, language, renamedFrom: [...new Set(renamedFrom)].sort() };
}

/**
 * The name the fixture's own run gave a renamed test: the reported name with its function's name put back, else the
 * one name of that function the run reported (a test moved to another file); undefined when none or several.
 */
export function findOldName(
  reported: string,
  origin: TestOrigin,
  ownNames: Iterable<string>,
  language: BodyLanguage | undefined,
): string | undefined {
  const names = [...ownNames];
  if (origin.kind !== 'renamed') return names.includes(reported) ? reported : undefined;
  const simple = readSimpleTestName(reported, language);
  const at = reported.lastIndexOf(simple);
  const swapped = `${reported.slice(0, at)}${origin.from}${reported.slice(at + simple.length)}`;
  if (names.includes(swapped)) return swapped;
  const matching = names.filter((name) => readSimpleTestName(name, language) === origin.from);
  return matching.length === 1 ? matching[0] : undefined;
}
