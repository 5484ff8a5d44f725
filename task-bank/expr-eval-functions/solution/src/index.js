// The calculator's entry point: calc(text, { variables, functions }) evaluates, formatExpr(text) normalises.
import { evaluate } from './evaluate.js';
import { format } from './format.js';
import { parse } from './parser.js';

export { ExprError } from './errors.js';
export { evaluate, format, parse };
export { tokenize } from './tokenizer.js';

export function calc(text, options = {}) {
  return evaluate(parse(text), { variables: options.variables ?? {}, functions: options.functions ?? {} });
}

export function formatExpr(text) {
  return format(parse(text));
}
