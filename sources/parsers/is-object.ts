// The one JSON-object test the line parsers share: a value that is neither null nor an array.

/** True for a plain JSON object (`{...}`), false for null, arrays and scalars. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
