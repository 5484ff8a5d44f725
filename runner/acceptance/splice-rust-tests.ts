// Rust unit tests live in the source file, in a `#[cfg(test)] mod tests { ... }` block: found, cut out and put back here.

/** A hidden-test file named `<source>.rs.cfg-test` holds a test module that goes into `<source>.rs`, not beside it. */
export const RUST_TEST_MODULE_SUFFIX = '.cfg-test';

/**
 * Where the first `#[cfg(test)]` module of a Rust source sits: from the attribute to its closing brace. A lexer just
 * good enough for brace matching: line and nested block comments, strings (raw ones too) and char literals are
 * skipped, a lifetime (`'a`) is not taken for a char. Null when there is none or its braces do not close.
 */
export function findRustTestModule(text: string): { start: number; end: number } | null {
  const attribute = /#\[cfg\(test\)\]\s*(?:#\[[^\]]*\]\s*)*(?:pub(?:\([^)]*\))?\s+)?mod\s+\w+\s*\{/g;
  for (let match = attribute.exec(text); match !== null; match = attribute.exec(text)) {
    if (isInsideComment(text, match.index)) continue;
    const end = findClosingBrace(text, match.index + match[0].length);
    return end === null ? null : { start: match.index, end };
  }
  return null;
}

/** The source with its test module replaced by `module` (or `module` appended when it has none). */
export function spliceRustTestModule(source: string, module: string): string {
  const found = findRustTestModule(source);
  if (found === null) return `${source.replace(/\s*$/, '')}\n\n${module.trim()}\n`;
  return `${source.slice(0, found.start)}${module.trim()}${source.slice(found.end)}`;
}

/** The test module's text, or null. */
export function readRustTestModule(source: string): string | null {
  const found = findRustTestModule(source);
  return found === null ? null : source.slice(found.start, found.end);
}

/** The source without its test module: what a change to the code itself is judged by. */
export function stripRustTestModule(source: string): string {
  const found = findRustTestModule(source);
  return found === null ? source : `${source.slice(0, found.start)}${source.slice(found.end)}`;
}

function isInsideComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(lineStart, at).includes('//');
}

/** Index just past the `}` that closes the block whose body starts at `from`, or null. */
function findClosingBrace(text: string, from: number): number | null {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const rest = text.slice(i, i + 2);
    if (rest === '//') i = skipTo(text, i, '\n');
    else if (rest === '/*') i = skipBlockComment(text, i);
    else if (/^r#*"/.test(text.slice(i, i + 260)) && !/\w/.test(text[i - 1] ?? '')) i = skipRawString(text, i);
    else if (text[i] === '"') i = skipString(text, i);
    else if (text[i] === "'") i = skipCharOrLifetime(text, i);
    else {
      if (text[i] === '{') depth += 1;
      else if (text[i] === '}') {
        depth -= 1;
        if (depth === 0) return i + 1;
      }
      i += 1;
    }
  }
  return null;
}

function skipTo(text: string, from: number, needle: string): number {
  const at = text.indexOf(needle, from);
  return at === -1 ? text.length : at + needle.length;
}

function skipBlockComment(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return i;
}

function skipRawString(text: string, from: number): number {
  const hashes = /^r(#*)"/.exec(text.slice(from))?.[1] ?? '';
  return skipTo(text, from + 2 + hashes.length, `"${hashes}`);
}

function skipString(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** `'x'`, `'\n'`, `'\u{1F600}'` are chars; `'a` in `&'a str` is a lifetime: only its quote is skipped. */
function skipCharOrLifetime(text: string, from: number): number {
  const char = /^'(?:\\(?:u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}|.)|[^\\'\n])'/u.exec(text.slice(from, from + 12));
  return from + (char ? char[0].length : 1);
}
