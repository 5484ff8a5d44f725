// String literals joined by `+` (`"sk-ant-api03-" + "AAAA..."`): a key split in two has neither half's shape, so the rules read the halves joined too.
import type { SecretSpan } from './secret-detector.js';

/** A quoted literal on one line (a template literal may span lines), escapes kept; bounded so a stray quote costs little. */
const TICK = '`';
const PIECE = String.raw`(?:"(?:[^"\\\n]|\\.){0,500}"|'(?:[^'\\\n]|\\.){0,500}'|${TICK}(?:[^${TICK}\\]|\\.){0,500}${TICK})`;
/** Two or more literals with `+` between them (spaces and line breaks around it). */
const CHAIN = new RegExp(`${PIECE}(?:\\s*\\+\\s*${PIECE})+`, 'g');
const ONE_PIECE = new RegExp(PIECE, 'g');
/** What a text must hold for a chain to be looked for: a quote, `+`, a quote. */
const JUNCTION = /["'`]\s*\+\s*["'`]/;

/**
 * The secrets found (by `findIn`, the whole rule set) in each chain's literals joined, that run across a junction (one
 * inside a literal is found in the text itself), as the part of each literal they cover: the quotes and the `+` stay,
 * `"[REDACTED]" + "[REDACTED]"`.
 */
export function findJoined(text: string, findIn: (joined: string) => SecretSpan[], found: SecretSpan[]): void {
  if (!JUNCTION.test(text)) return;
  CHAIN.lastIndex = 0;
  for (let chain = CHAIN.exec(text); chain; chain = CHAIN.exec(text)) {
    const pieces: Array<{ start: number; end: number; at: number }> = [];
    let joined = '';
    ONE_PIECE.lastIndex = 0;
    for (let piece = ONE_PIECE.exec(chain[0]); piece; piece = ONE_PIECE.exec(chain[0])) {
      const start = chain.index + piece.index + 1;
      pieces.push({ start, end: start + piece[0].length - 2, at: joined.length });
      joined += piece[0].slice(1, -1);
    }
    for (const inner of findIn(joined)) {
      const covered = pieces.filter((piece) => inner.start < piece.at + (piece.end - piece.start) && inner.end > piece.at);
      if (covered.length < 2) continue;
      for (const piece of covered) {
        const from = Math.max(inner.start, piece.at) - piece.at;
        const to = Math.min(inner.end, piece.at + (piece.end - piece.start)) - piece.at;
        found.push({ start: piece.start + from, end: piece.start + to, kind: inner.kind });
      }
    }
  }
}
