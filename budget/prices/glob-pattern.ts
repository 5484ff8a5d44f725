// Which name patterns are globs, and where a glob's literal part ends: one definition for the price table and the proxy's routes.

/**
 * What makes a pattern a glob: the documented forms `*`, `?`, `[...]` and `{a,b}` (docs/proxy-telemetry.md). picomatch
 * matches `]`, `}`, `@` and an inner `!` literally, so a pattern with only those is compared as exact text, same answer.
 * A leading `!` alone is exact text too, not a negation: a price key `!x` must not price every other model.
 */
const GLOB_SYNTAX = /[*?[{]/;

/** Whether the pattern is a glob (to match with picomatch) rather than an exact name. */
export function isGlob(pattern: string): boolean {
  return GLOB_SYNTAX.test(pattern);
}

/** How many characters the pattern starts with before its first glob syntax (its length if it has none): longer is more specific. */
export function measureLiteralPrefix(pattern: string): number {
  const at = pattern.search(GLOB_SYNTAX);
  return at < 0 ? pattern.length : at;
}
