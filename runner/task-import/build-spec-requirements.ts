// The exact texts a task's hidden tests compare against that no one could infer from the repository or the message; pure.
import { listTestBodies } from '../task-bank/read-test-bodies.js';

/** One exact text the spec states, with the tests that compare against it. */
export interface Requirement {
  text: string;
  tests: string[];
  /** `new-text`: the change introduces it (an error message, a format); `changed-expectation`: an extended test's new expected text. */
  kind: 'new-text' | 'changed-expectation';
}

export interface RequirementInput {
  /** The hidden test files after the change, and the same paths before it (absent: new files). */
  tests: ReadonlyMap<string, string>;
  testsBefore: ReadonlyMap<string, string>;
  /** The lines the solution adds or changes (its files' lines the fixture's files lack), joined. */
  solutionAdded: string;
  /** The fixture's source files (not tests): a text already there can be found by reading the repository. */
  fixtureSource: readonly string[];
  /** The commit message: a text it gives is stated already. */
  message: string;
  /** The tests (function names, or JS titles) whose bodies are read: the fail_to_pass tests, or every new and changed one. */
  only?: ReadonlySet<string> | undefined;
}

/**
 * Literals a test names its cases by (`t.Run("...")`, `it("...")`, `name: "..."`) or reports its own failure with
 * (`t.Errorf("...")`, `panic!("...")`): labels and the test's own words, not what it compares against.
 */
const LABEL_BEFORE =
  /(?:\b(?:Run|describe|it|test|context|subTest|param|Errorf|Fatalf|Error|Fatal|Logf|Log|Skipf|Skip|fail|Fail|print|println!|eprintln!|panic!)\s*\(\s*|\b(?:name|desc|description|title)\s*[:=]\s*)$/;

/** A solution's literal split at its placeholders (`%s`, `{}`, `{0}`, `${x}`, `{:?}`): the fixed parts a message keeps. */
const PLACEHOLDER = /%[-+ #0-9.]*[a-zA-Z]|\$?\{[^{}]*\}/;

/** Every string literal of a piece of code with the text just before it: double, single and back quotes, one line each. */
export function listLiterals(code: string): Array<{ text: string; before: string }> {
  const found: Array<{ text: string; before: string }> = [];
  for (const match of code.matchAll(/"((?:\\.|[^"\\\n])*)"|'((?:\\.|[^'\\\n])*)'|`([^`]*)`/g)) {
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    found.push({ text, before: code.slice(Math.max(0, (match.index ?? 0) - 40), match.index ?? 0) });
  }
  return found;
}

/**
 * A message template of the test's own (`"{!r} does not match {!r} ({!r})"`, `"expected %s, got %r"`): what the test
 * prints when it fails, filled in at run time, never a text the work must produce (parse's assert
 * message was stated as an exact text). JSON (`{"a": 1}`) is not a template.
 */
const TEMPLATE = /\{\w*(?:![rsa])?(?::[^{}"']*)?\}|%[-+ #0-9.]*[sdrif](?![A-Za-z])/;

/** A text worth stating: it holds a letter, is 3 to 200 characters, and is neither a label nor a message template. */
function isStatable(literal: { text: string; before: string }): boolean {
  const { text } = literal;
  return (
    text.length >= 3 &&
    text.length <= 200 &&
    /\p{L}/u.test(text) &&
    text.trim() !== '' &&
    !LABEL_BEFORE.test(literal.before) &&
    !TEMPLATE.test(text)
  );
}

/**
 * An expected message rather than an input: three or more words of two or more letters, 12+ characters ("version
 * segment starts with 0"; not strsim's inputs "a jke" and "jane a k"), on a line that compares.
 */
function isExpectedMessage(text: string, line: string): boolean {
  const words = text.split(/\s+/).filter((word) => /\p{L}{2}/u.test(word));
  return words.length >= 3 && text.length >= 12 && COMPARES.test(line);
}

/** A line that checks a value: an assertion, an expectation, an equality, an error match. */
const COMPARES = /\b(?:assert\w*|expect\w*|Equal\w*|raises|match\w*|should|Err|Error\w*)\b|[!=]=/;

/** A line of code, not of comment or doc: a doc example's literals are inputs (strsim's README and `///` lines). */
function isCodeLine(line: string): boolean {
  return !/^\s*(?:\/\/|#|\*|\/\*|--|>>>|\.\.\.)/.test(line);
}

/**
 * The texts the tests demand that a capable engineer could not infer: a literal of a test body that the solution's
 * new lines introduce (whole, or holding a fixed part of 6+ characters of one of the solution's new literals, as
 * "invalid version: 1.x" holds "invalid version: " of "invalid version: %s"), or a new message-like literal of a test
 * the change extended; either way not already in the repository's source or the message. Sorted by first test.
 */
export function buildSpecRequirements(input: RequirementInput): Requirement[] {
  const code = input.solutionAdded.split('\n').filter(isCodeLine).join('\n');
  const introducedTexts = listLiterals(code).map(({ text }) => text);
  const fragments = introducedTexts
    .flatMap((text) => text.split(PLACEHOLDER))
    .map((part) => part.trim())
    .filter((part) => part.length >= 6);
  const known = (text: string): boolean => input.message.includes(text) || input.fixtureSource.some((source) => source.includes(text));
  const before = collectBodies(input.testsBefore);
  const found = new Map<string, Requirement>();
  for (const [name, bodies] of collectBodies(input.tests)) {
    if (input.only && !input.only.has(name)) continue;
    const old = (before.get(name) ?? []).join('\n');
    for (const body of bodies.map(dropComments))
      for (const literal of listLiterals(body)) {
        if (!isStatable(literal) || known(literal.text)) continue;
        const introduced = introducedTexts.includes(literal.text) || fragments.some((part) => literal.text.includes(part) && !known(part));
        const line =
          `${literal.before.slice(literal.before.lastIndexOf('\n') + 1)}${body.slice(body.indexOf(literal.text))}`.split('\n')[0] ?? '';
        const changed = old !== '' && !old.includes(literal.text) && isExpectedMessage(literal.text, line);
        if (!introduced && !changed) continue;
        const entry = found.get(literal.text) ?? { text: literal.text, tests: [], kind: introduced ? 'new-text' : 'changed-expectation' };
        if (!entry.tests.includes(name)) entry.tests.push(name);
        found.set(literal.text, entry);
      }
  }
  return [...found.values()];
}

/**
 * A test body without its comments: a comment explains, it is compared against nothing (`# "empty amount" is what
 * parse said before` listed a text the work must produce), and an apostrophe pair in prose (`# don't ... it's`) read
 * as a quoted literal. Comment lines go whole (a Rust `#[should_panic(expected = "...")]` and `#!` stay: they are
 * code), and a trailing `#` or `//` comment after code once the quotes before it are balanced.
 */
function dropComments(body: string): string {
  return body
    .split('\n')
    .filter((line) => !/^\s*(?:\/\/|#(?![[!])|\*|\/\*)/.test(line))
    .map((line) => {
      const trailing = /\s(?:#|\/\/)\s/.exec(line);
      if (trailing === null) return line;
      const code = line.slice(0, trailing.index);
      const balanced = [/"/g, /'/g, /`/g].every((quote) => (code.match(quote) ?? []).length % 2 === 0);
      return balanced ? code : line;
    })
    .join('\n');
}

/** Test bodies by name over several files (a name in two files keeps both). */
function collectBodies(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const all = new Map<string, string[]>();
  for (const [path, text] of files)
    for (const [name, bodies] of listTestBodies(path, text)) all.set(name, [...(all.get(name) ?? []), ...bodies]);
  return all;
}

/** The names of tests that are new or whose body changed: what fail_to_pass will mostly hold, before it is known. */
export function listNewOrChangedTests(tests: ReadonlyMap<string, string>, testsBefore: ReadonlyMap<string, string>): Set<string> {
  const before = collectBodies(testsBefore);
  const changed = new Set<string>();
  for (const [name, bodies] of collectBodies(tests)) {
    const old = before.get(name) ?? [];
    if (bodies.some((body) => !old.includes(body))) changed.add(name);
  }
  return changed;
}

/** The spec's section stating them; '' when there are none. */
export function describeRequirements(requirements: readonly Requirement[]): string {
  if (requirements.length === 0) return '';
  const lines = requirements.map((requirement) => {
    const tests = requirement.tests.slice(0, 3).map((test) => `\`${test}\``);
    const more = requirement.tests.length > 3 ? ` and ${requirement.tests.length - 3} more` : '';
    return `- ${JSON.stringify(requirement.text)} (${tests.join(', ')}${more})`;
  });
  return [
    'The hidden tests compare against these exact texts (error messages, formats, expected values), so the work must produce them as written:',
    '',
    ...lines,
    '',
  ].join('\n');
}
