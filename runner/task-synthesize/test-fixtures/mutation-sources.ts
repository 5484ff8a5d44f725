// Small sources with one site of each mutation kind, in the three languages, for the lister tests.
import { applyMutation, type Mutation } from '../mutation.js';

export const JS_SOURCE = `// a header comment with an operator: a < b, and a string "x + y"
export function clamp(value, min, max) {
  if (value < min) return min;
  const limit = Math.min(max, 100);
  log("clamped", value);
  return value > limit ? limit : value;
}
`;

export const TS_SOURCE = `export class Counter {
  private count = 0;
  add(step: number): number {
    this.count += step;
    return this.count * 2;
  }
}
const label = 'é' + String(1);
`;

export const PYTHON_SOURCE = `def clamp(value, low, high):
    """Clamp value into [low, high]: a < b in a docstring is no site."""
    if value < low:
        return low
    limit = min(high, 100)
    log("clamped", value)
    return limit if value > limit else value


TOP = 1 + 2
`;

export const GO_SOURCE = `package calc

import "strings"

// Clamp keeps value in [low, high]; a < b in a comment is no site.
func Clamp(value, low, high int) int {
	if value < low {
		return low
	}
	limit := min(high, 100)
	total = total + 1
	record(value, "x")
	return limit
}

func Join(a, b string) string {
	return strings.Join([]string{a, b}, "-") + "!"
}

var total int

func min(a, b int) int { return a }

func record(v int, s string) {}

func Twice(v int) int {
	d := v * 2
	record(d, "y")
	return v
}
`;

/**
 * Each mutation as the text it removes and the text it writes, and the check that the mutated file keeps every byte
 * outside its one edit: the program differs at exactly one site.
 */
export function describeEdits(original: string, mutations: readonly Mutation[]): string[] {
  const bytes = Buffer.from(original);
  return mutations.map((mutation) => {
    const mutated = applyMutation(bytes, mutation);
    const prefix = mutated.subarray(0, mutation.start).equals(bytes.subarray(0, mutation.start));
    const suffix = mutated.subarray(mutation.start + Buffer.byteLength(mutation.replacement)).equals(bytes.subarray(mutation.end));
    const changed = !mutated.equals(bytes);
    const removed = bytes.subarray(mutation.start, mutation.end).toString('utf8');
    return `${mutation.kind} ${mutation.line}:${mutation.column} ${JSON.stringify(removed)} -> ${JSON.stringify(mutation.replacement)}${prefix && suffix && changed ? '' : ' NOT ONE EDIT'}`;
  });
}
