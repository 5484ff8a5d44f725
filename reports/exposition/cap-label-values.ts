// Keeps a label's values few and short: a value from outside (a folder, a model name) cut, and all but the largest as `other`.

/** The value of a label whose source does not say (no project, no model). */
export const UNKNOWN_VALUE = 'unknown';
/** The one value every value beyond the kept ones becomes. */
export const OTHER_VALUE = 'other';
/** Longest label value kept, in characters (a longer one is cut and ends with …). */
export const MAX_VALUE_LENGTH = 64;

/** The project as a label: the folder's own name, not its path (a path names the user's home); cut to MAX_VALUE_LENGTH. */
export function nameProject(project: string | null | undefined): string {
  if (project === null || project === undefined) return UNKNOWN_VALUE;
  const parts = project.split(/[\\/]+/).filter((part) => part !== '');
  return cutValue(parts.at(-1) ?? project);
}

/** A value from outside, as a label: at most MAX_VALUE_LENGTH characters (code points, so no surrogate is split). */
export function cutValue(value: string | null | undefined): string {
  if (value === null || value === undefined || value.trim() === '') return UNKNOWN_VALUE;
  const chars = [...value];
  return chars.length <= MAX_VALUE_LENGTH ? value : `${chars.slice(0, MAX_VALUE_LENGTH - 1).join('')}…`;
}

/**
 * Maps each value to itself when it is among the `keep` largest by `weigh` (ties by name, so a scrape is stable), else
 * to OTHER_VALUE. `unknown` and `other` never take a place: they are always kept as themselves.
 */
export function capValues(weights: ReadonlyMap<string, number>, keep: number): (value: string) => string {
  const ranked = [...weights]
    .filter(([value]) => value !== UNKNOWN_VALUE && value !== OTHER_VALUE)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const kept = new Set(ranked.slice(0, Math.max(0, keep)).map(([value]) => value));
  return (value) => (value === UNKNOWN_VALUE || value === OTHER_VALUE || kept.has(value) ? value : OTHER_VALUE);
}

/** Adds `amount` under `key` (the start of a weight map). */
export function addWeight(weights: Map<string, number>, key: string, amount: number): void {
  weights.set(key, (weights.get(key) ?? 0) + amount);
}
