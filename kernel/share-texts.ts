// One copy of each repeated string, for readers that hold many rows: JSON.parse and the structured clone make each anew.

/**
 * Returns a function that gives back the first copy seen of an equal string (null and undefined pass through). Past
 * `limit` distinct strings new ones are kept as they come: a field with that many values is not worth sharing.
 */
export function createTextSharer(limit: number): <T extends string | null | undefined>(value: T) => T {
  const seen = new Map<string, string>();
  return (value) => {
    if (typeof value !== 'string') return value;
    const held = seen.get(value);
    if (held !== undefined) return held as typeof value;
    if (seen.size < limit) seen.set(value, value);
    return value;
  };
}
