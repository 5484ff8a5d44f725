// Splits expression text into tokens: numbers, names, operators and punctuation, each with its source position.
import { ExprError } from './errors.js';

const OPERATORS = new Set(['+', '-', '*', '/', '%', '^', '(', ')', ',', '=', ';']);

/** 'a 1.5 + 2' -> [{ type: 'name', value: 'a', pos: 0 }, { type: 'num', value: 1.5, pos: 2 }, ..., { type: 'eof', pos }]. */
export function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      const match = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
      if (!match) throw new ExprError(`bad number`, i);
      tokens.push({ type: 'num', value: Number(match[0]), pos: i });
      i += match[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))[0];
      tokens.push({ type: 'name', value: name, pos: i });
      i += name.length;
      continue;
    }
    if (OPERATORS.has(c)) {
      tokens.push({ type: 'op', value: c, pos: i });
      i++;
      continue;
    }
    throw new ExprError(`unexpected character ${JSON.stringify(c)}`, i);
  }
  tokens.push({ type: 'eof', pos: text.length });
  return tokens;
}
