// Bar thresholds as users write them (`80,95`), read one way for `tracker watch --alert-at` and the viewer's Bars page: pure.

/**
 * Percentages above 0 and at most 100 separated by commas, each once and in increasing order; null when any part
 * is not one (the caller names its flag or parameter in the error).
 */
export function parseThresholds(text: string): number[] | null {
  const numbers = text.split(',').map((part) => (/^\d+(\.\d+)?$/.test(part.trim()) ? Number(part.trim()) : Number.NaN));
  if (numbers.some((n) => !(n > 0 && n <= 100))) return null;
  return [...new Set(numbers)].sort((a, b) => a - b);
}
