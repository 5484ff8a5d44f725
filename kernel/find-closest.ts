// The known name a mistyped one most likely meant: one letter added, dropped, changed or two swapped, or a prefix.

/**
 * The first of `known` within one edit of `word` (an insertion, a deletion, a substitution, two letters swapped or
 * the letters in another order), or of which it is a prefix either way; null when none is. What commander does for
 * commands and flags, here for the names the tool itself looks up (providers, plans).
 */
export function findClosest(word: string, known: readonly string[]): string | null {
  return known.find((candidate) => candidate !== word && isClose(candidate, word)) ?? null;
}

function isClose(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const sorted = (s: string) => [...s].sort().join('');
  if (a.length === b.length && sorted(a) === sorted(b)) return true;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/** ` (did you mean x?)` for the closest known name, or nothing. */
export function suggestClosest(word: string, known: readonly string[]): string {
  const close = findClosest(word, known);
  return close === null ? '' : ` (did you mean ${close}?)`;
}
