// Which Rust block a line sits in, as far as visibility goes: a trait's items and a trait impl's methods have no `pub`.

type ScopeKind = 'trait-impl' | 'public-trait' | 'private-trait' | 'other';

/**
 * Fed one line at a time: whether a declaration on the current line is public by its block rather than by a `pub`
 * of its own. `fn next` in `impl Iterator for Shlex` and `fn source` in `impl Error for E` are as public as their
 * traits (std's), and a `pub trait`'s `fn context` is public (3 of 3 quick-error rejections and
 * rust-shlex's `next` were false). Braces in strings and comments are dropped before counting; a block opened on a
 * later line than its header (a `where` clause) still takes the header's kind.
 */
export function createRustScopeTracker(): { isPublicByScope(): boolean; advance(line: string): void } {
  const scopes: Array<{ depth: number; kind: ScopeKind }> = [];
  let depth = 0;
  let pending: ScopeKind | null = null;
  return {
    isPublicByScope() {
      const kind = scopes.at(-1)?.kind;
      return kind === 'trait-impl' || kind === 'public-trait';
    },
    advance(line) {
      const code = line.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])'|\/\/.*$/g, '');
      pending = readHeaderKind(code) ?? pending;
      for (const char of code) {
        if (char === '{') {
          depth += 1;
          scopes.push({ depth, kind: pending ?? 'other' });
          pending = null;
        } else if (char === '}') {
          depth -= 1;
          while ((scopes.at(-1)?.depth ?? 0) > depth) scopes.pop();
        } else if (char === ';' && pending !== null && depth === (scopes.at(-1)?.depth ?? 0)) pending = null;
      }
    },
  };
}

function readHeaderKind(code: string): ScopeKind | null {
  if (/^\s*(?:unsafe\s+)?impl\b(?:<[^{]*?>)?\s+!?[\w:<>, '&$]+?\s+for\s+/.test(code)) return 'trait-impl';
  const trait = /^\s*(pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?trait\s+\w+/.exec(code);
  if (trait) return trait[1] === undefined ? 'private-trait' : 'public-trait';
  if (/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?(?:impl|mod|fn|struct|enum)\b/.test(code)) return 'other';
  return null;
}
