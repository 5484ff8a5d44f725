// The members of a TypeScript interface, object type or enum, line by line: options and enum members a test uses are interface too.

/**
 * Fed one line at a time; `readMember` names the member declared on the current line when it sits directly in an
 * `interface X {` or `type X = {` body, with whether that type is exported. css-what's tests pass `quirksMode` in
 * the options of an exported function; the option was neither named nor listed. An `enum X {`
 * body's members count too: css-what's 8030f67 adds `ColumnCombinator = "column-combinator"` to `SelectorType`, which
 * its tests name, and its spec never did (graded C). Braces in strings and comments are dropped before counting.
 */
export function createTsMemberTracker(): {
  readMember(line: string): { name: string; exported: boolean } | null;
  advance(line: string): void;
} {
  const scopes: Array<{ depth: number; exported: boolean | null; enum: boolean }> = [];
  let depth = 0;
  return {
    readMember(line) {
      const scope = scopes.at(-1);
      if (scope?.exported == null || scope.depth !== depth) return null;
      const member = scope.enum
        ? /^\s*([A-Za-z_$][\w$]*)\s*(?:=|,|$)/.exec(line)
        : /^\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*[:(<]/.exec(line);
      return member ? { name: member[1] as string, exported: scope.exported } : null;
    },
    advance(line) {
      const code = line.replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|`[^`]*`|\/\/.*$/g, '');
      const header =
        /^\s*(export\s+)?(?:declare\s+)?(?:interface\s+[\w$]+|type\s+[\w$]+(?:<[^=]*>)?\s*=|(?:const\s+)?(enum)\s+[\w$]+)/.exec(code);
      // Only the header's own first brace opens a member body; other braces (a member's object type) do not.
      let opening: boolean | null = header ? header[1] !== undefined : null;
      for (const char of code) {
        if (char === '{') {
          depth += 1;
          scopes.push({ depth, exported: opening, enum: opening !== null && header?.[2] === 'enum' });
          opening = null;
        } else if (char === '}' && depth > 0) {
          // A brace that closes nothing (in a regular expression, a string over several lines) is passed over: below
          // 0 the scopes were popped forever, and an import hung on this project's own history.
          depth -= 1;
          while (scopes.length > 0 && (scopes.at(-1)?.depth ?? 0) > depth) scopes.pop();
        }
      }
    },
  };
}
