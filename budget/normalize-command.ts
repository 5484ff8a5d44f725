// Reduces a command line to the base command budgets are keyed by: "  /Test --args x" is "/test".

/**
 * The first word, trimmed and lower-cased, with a leading "/" added when it has none, so a flag written
 * `test=1000` and a header carrying `/test --watch` meet on `/test`. Null for an empty line or a lone "/".
 */
export function normalizeCommand(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const word = raw.trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
  const name = word.replace(/^\/+/, '');
  return name === '' ? null : `/${name}`;
}
