// Finds each test function's body in a test file's text (Go, Rust, Python, JS/TS), so a test can be matched across a change; pure.

export type BodyLanguage = 'go' | 'rust' | 'python' | 'js';

/** The language a test file's path says it is in (a Rust unit-test module stored as `src/lib.rs.cfg-test` is Rust). */
export function readBodyLanguage(path: string): BodyLanguage | undefined {
  const bare = path.replace(/\.cfg-test$/, '');
  if (bare.endsWith('.go')) return 'go';
  if (bare.endsWith('.rs')) return 'rust';
  if (bare.endsWith('.py')) return 'python';
  if (/\.[cm]?[jt]sx?$/.test(bare)) return 'js';
  return undefined;
}

/** Where a function or test call starts; group 1 is its name (for JS, group 2 is the title inside its quote). */
const STARTS: Record<Exclude<BodyLanguage, 'python'>, RegExp> = {
  go: /^func\s+(?:\([^)]*\)\s*)?(\w+)\s*[[(]/gm,
  rust: /\bfn\s+(\w+)\s*[<(]/g,
  js: /\b(?:it|test)(?:\.\w+)*\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g,
};

/**
 * Every function (Go, Rust), `def` (Python, with the decorators above it: a changed `parametrize` list is a changed
 * test) and `it`/`test` call (JS, keyed by its title) with its text, whitespace collapsed and its own name taken out,
 * so a renamed test with the same body reads the same. A name met twice keeps both bodies.
 */
export function listTestBodies(path: string, text: string): Map<string, string[]> {
  const language = readBodyLanguage(path);
  const bodies = new Map<string, string[]>();
  const add = (name: string, body: string): void => {
    const normal = body.split(name).join('\u0000').replace(/\s+/g, ' ').trim();
    bodies.set(name, [...(bodies.get(name) ?? []), normal]);
  };
  if (language === undefined) return bodies;
  if (language === 'python') {
    for (const [name, body] of listPythonDefs(text)) add(name, body);
    return bodies;
  }
  for (const match of text.matchAll(STARTS[language])) {
    const name = (language === 'js' ? match[2] : match[1]) as string;
    const open = text.indexOf('{', (match.index ?? 0) + match[0].length);
    if (open < 0) continue;
    const close = findClosingBrace(text, open);
    add(name, text.slice((match.index ?? 0) + match[0].length, close + 1));
  }
  return bodies;
}

/** The index of the brace closing the one at `open`, skipping strings, runes and comments; the text's end when unclosed. */
export function findClosingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    const char = text[i] as string;
    if (char === '/' && text[i + 1] === '/') i = endOf(text.indexOf('\n', i), text) - 1;
    else if (char === '/' && text[i + 1] === '*') i = endOf(text.indexOf('*/', i + 2), text) + 1;
    else if (char === '"' || char === '`' || (char === "'" && isQuoteStart(text, i))) i = skipString(text, i);
    else if (char === '{') depth += 1;
    else if (char === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return text.length - 1;
}

function endOf(index: number, text: string): number {
  return index < 0 ? text.length : index;
}

/** A `'` opens a string or rune, not a Rust lifetime (`'a`, `'static`): a lifetime has no closing quote right after. */
function isQuoteStart(text: string, at: number): boolean {
  return !/^'[A-Za-z_]\w*[^\w']/.test(text.slice(at, at + 40)) || /^'\w'/.test(text.slice(at, at + 3));
}

/** The index of the quote closing the string opened at `at` (backslash escapes honoured, except in Go's raw backquotes). */
function skipString(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i += 1) {
    if (text[i] === '\\' && quote !== '`') i += 1;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n' && quote !== '`') return i;
  }
  return text.length - 1;
}

/** Python `def`s with their decorators, each to the last line indented deeper than the `def`. */
function listPythonDefs(text: string): Array<[string, string]> {
  const lines = text.split(/\r?\n/);
  const found: Array<[string, string]> = [];
  for (const [index, line] of lines.entries()) {
    const def = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(/.exec(line);
    if (!def) continue;
    const indent = (def[1] as string).length;
    let start = index;
    while (start > 0 && new RegExp(`^\\s{${indent}}@`).test(lines[start - 1] as string)) start -= 1;
    let end = index + 1;
    while (end < lines.length) {
      const next = lines[end] as string;
      if (next.trim() !== '' && !next.trim().startsWith('#') && (/^\s*/.exec(next)?.[0].length ?? 0) <= indent) break;
      end += 1;
    }
    found.push([def[2] as string, lines.slice(start, end).join('\n')]);
  }
  return found;
}
