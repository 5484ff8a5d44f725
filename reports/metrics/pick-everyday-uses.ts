// Which of an account's timed uses count on their day: the first source's, and a transcript's request the proxy never carried.

/** One source's uses of one account, as columns; `usd` NaN where no list price applies; `request` the upstream's id. */
export interface SourceColumns {
  at: number[];
  usd: number[];
  tokens: number[];
  request: (string | null)[];
}

/**
 * As `tracker usage` counts them (reports/usage/usage-sources.ts): a day is taken from the first source in `order`
 * with any use that day; on a day the proxy won with every row naming its request id, and no other source ahead of the
 * transcripts saw, a transcript's answer whose request the proxy did not carry (another terminal) counts too.
 */
export function createDayCounter(
  sources: ReadonlyMap<string, SourceColumns>,
  order: readonly string[],
  dayOf: (ms: number) => string,
): (source: string, index: number) => boolean {
  const rank = (source: string): number => (order.includes(source) ? order.indexOf(source) : order.length);
  const winner = new Map<string, number>();
  const seen = new Map<string, Set<string> | null>();
  const ahead = new Set<string>();
  for (const [source, columns] of sources)
    columns.at.forEach((at, index) => {
      const day = dayOf(at);
      winner.set(day, Math.min(winner.get(day) ?? Number.POSITIVE_INFINITY, rank(source)));
      if (source !== 'proxy' && rank(source) < rank('claude-transcript')) ahead.add(day);
      if (source !== 'proxy') return;
      const request = columns.request[index] ?? null;
      const ids = seen.get(day);
      if (ids === null) return;
      if (request === null) seen.set(day, null);
      else if (ids === undefined) seen.set(day, new Set([request]));
      else ids.add(request);
    });
  return (source, index) => {
    const columns = sources.get(source) as SourceColumns;
    const day = dayOf(columns.at[index] as number);
    if (winner.get(day) === rank(source)) return true;
    if (source !== 'claude-transcript' || winner.get(day) !== rank('proxy') || ahead.has(day)) return false;
    const request = columns.request[index] ?? null;
    const ids = seen.get(day);
    return request !== null && ids instanceof Set && !ids.has(request);
  };
}
