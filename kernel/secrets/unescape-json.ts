// A JSON string's escapes undone (`\n`, `\"`, `\u0041`), with the way back from a place in the result to the text.

/**
 * Text kept as JSON (a turn line of turns.jsonl, a tool call's input inside it: escaped twice) hides word starts and
 * quotes from the rules: `\nAKIA...` has no word boundary before `AKIA`, `\"password\": \"...\"` no quote before
 * the colon. The rules read the unescaped view instead, and what they find is mapped back to whole escapes.
 */
const ESCAPE = /\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])/g;
const CONTROLS: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
/** Escaped twice is the deepest this project writes (a tool call's JSON input inside a turn line); a third for margin. */
const MAX_LEVELS = 3;

export interface TextView {
  text: string;
  /** The range of the original text a range of this view came from (an escape is taken whole). */
  toOriginal(start: number, end: number): [number, number];
}

/** One level: each escape is one character of the view; `shifts[i]` is how much shorter the view is after escape i. */
function unescapeOnce(text: string): { text: string; at: number[]; shifts: number[] } | null {
  const at: number[] = [];
  const shifts: number[] = [];
  let shift = 0;
  const view = text.replace(ESCAPE, (sequence: string, offset: number) => {
    at.push(offset - shift);
    shift += sequence.length - 1;
    shifts.push(shift);
    const code = sequence[1] as string;
    if (code === 'u') return String.fromCharCode(Number.parseInt(sequence.slice(2), 16));
    return CONTROLS[code] ?? code;
  });
  return at.length === 0 ? null : { text: view, at, shifts };
}

/** The number of escapes before `index` in the view (escapes at `at[i]`), by binary search. */
function countBefore(at: readonly number[], index: number): number {
  let low = 0;
  let high = at.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((at[mid] as number) < index) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The text with its JSON escapes undone, level after level; the text itself when it has none. */
export function unescapeJson(text: string): TextView {
  const levels: Array<{ at: number[]; shifts: number[] }> = [];
  let view = text;
  if (text.includes('\\')) {
    for (let level = 0; level < MAX_LEVELS; level += 1) {
      const once = unescapeOnce(view);
      if (!once) break;
      levels.push(once);
      view = once.text;
      if (!view.includes('\\')) break;
    }
  }
  return {
    text: view,
    toOriginal(start: number, end: number): [number, number] {
      let from = start;
      let to = end;
      for (let level = levels.length - 1; level >= 0; level -= 1) {
        const { at, shifts } = levels[level] as { at: number[]; shifts: number[] };
        const before = countBefore(at, from);
        const upTo = countBefore(at, to);
        from += before === 0 ? 0 : (shifts[before - 1] as number);
        to += upTo === 0 ? 0 : (shifts[upTo - 1] as number);
      }
      return [from, to];
    },
  };
}
