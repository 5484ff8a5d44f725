// A lexer just good enough to split Rust source into its top-level items: comments, strings and chars skipped.

export interface RustItem {
  /** Where the item starts: its outer doc comments and attributes included, inner ones (`//!`, `#![..]`) not. */
  start: number;
  /** Just past its closing `}` or `;`. */
  end: number;
}

/**
 * Every top-level item of `text`, in order: a run of tokens at nesting depth 0 ends at a `;` or at the `}` that
 * brings the depth back to 0 (so `[u8; 3]` and `f(a; b)` do not split one). Null when a brace never closes.
 * `limit`: stop after that many items (what follows them may be the rest of an enclosing block).
 */
export function scanRustItems(text: string, limit = Number.POSITIVE_INFINITY): RustItem[] | null {
  const items: RustItem[] = [];
  let depth = 0;
  let itemStart = -1;
  let i = 0;
  while (i < text.length) {
    const skipped = skipTrivia(text, i);
    if (skipped !== i) {
      // An outer doc comment (`///`, `/**`) belongs to the item it documents.
      if (depth === 0 && itemStart === -1 && /^(?:\/\/\/(?!\/)|\/\*\*(?!\*))/.test(text.slice(i, i + 4))) itemStart = i;
      i = skipped;
      continue;
    }
    if (depth === 0 && itemStart === -1) {
      if (text.startsWith('#![', i)) {
        i = skipInnerAttribute(text, i);
        continue;
      }
      itemStart = i;
    }
    const char = text[i] as string;
    if (char === '"' || (char === 'r' && startsRawString(text, i))) i = skipString(text, i);
    else if (char === "'") i = skipCharOrLifetime(text, i);
    else {
      if ('{[('.includes(char)) depth += 1;
      else if ('}])'.includes(char)) depth -= 1;
      i += 1;
      if (depth === 0 && (char === '}' || char === ';')) {
        items.push({ start: itemStart, end: i });
        if (items.length >= limit) return items;
        itemStart = -1;
      }
    }
  }
  return depth === 0 ? items : null;
}

/** `r"..."`, `r#"..."#` or `br"..."`: an `r` that does not end an identifier. */
function startsRawString(text: string, at: number): boolean {
  if (!/^r#*"/.test(text.slice(at, at + 260))) return false;
  const before = text[at - 1] ?? '';
  return !/\w/.test(before) || (before === 'b' && !/\w/.test(text[at - 2] ?? ''));
}

/** Past whitespace and one comment at `from`, or `from` itself when neither starts there. */
function skipTrivia(text: string, from: number): number {
  if (/\s/.test(text[from] ?? '')) return from + 1;
  if (text.startsWith('//', from)) {
    const at = text.indexOf('\n', from);
    return at === -1 ? text.length : at + 1;
  }
  if (text.startsWith('/*', from)) return skipBlockComment(text, from);
  return from;
}

function skipInnerAttribute(text: string, from: number): number {
  let depth = 0;
  for (let i = from + 2; i < text.length; i += 1) {
    if (text[i] === '"') i = skipString(text, i) - 1;
    else if (text[i] === '[') depth += 1;
    else if (text[i] === ']' && --depth === 0) return i + 1;
  }
  return text.length;
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

/** A plain string (escapes skipped) or a raw one (`r#"..."#`), from its first character. */
function skipString(text: string, from: number): number {
  if (text[from] === 'r') {
    const hashes = /^r(#*)"/.exec(text.slice(from))?.[1] ?? '';
    const at = text.indexOf(`"${hashes}`, from + 2 + hashes.length);
    return at === -1 ? text.length : at + 1 + hashes.length;
  }
  let i = from + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** `'x'`, `'\n'`, `'\u{1F600}'` are chars; `'a` in `&'a str` is a lifetime: only its quote is skipped. */
function skipCharOrLifetime(text: string, from: number): number {
  const char = /^'(?:\\(?:u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}|.)|[^\\'\n])'/u.exec(text.slice(from, from + 12));
  return from + (char ? char[0].length : 1);
}
