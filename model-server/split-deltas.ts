// Splits an answer into a number of delta chunks, repeating short text so every event carries something.

/**
 * `count` chunks whose concatenation is the text, padded when shorter than `count` (with `pad: false`, fewer chunks
 * instead: tool arguments must stay valid JSON); never splits a surrogate pair.
 */
export function splitDeltas(text: string, count = 1, options: { pad?: boolean } = {}): string[] {
  const wanted = Math.max(1, Math.floor(count));
  const chars = Array.from(options.pad === false ? text : padText(text, wanted));
  const parts = Math.max(1, Math.min(wanted, chars.length));
  if (parts === 1 || chars.length === 0) return [chars.join('')];
  const deltas: string[] = [];
  for (let index = 0; index < parts; index += 1) {
    const from = Math.floor((index * chars.length) / parts);
    const to = Math.floor(((index + 1) * chars.length) / parts);
    deltas.push(chars.slice(from, to).join(''));
  }
  return deltas;
}

/** Repeats text (space-separated) until it has at least `length` characters; empty text stays empty. */
export function padText(text: string, length: number): string {
  if (text === '' || Array.from(text).length >= length) return text;
  let padded = text;
  while (Array.from(padded).length < length) padded += ` ${text}`;
  return padded;
}
