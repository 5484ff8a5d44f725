// A small query language over log entries: field=value, !=, ~, level and numeric comparisons, bare words, -negation.
import { levelRank, normalizeLevel } from './levels.js';

export class QueryError extends Error {
  constructor(message) {
    super(message);
    this.name = 'QueryError';
  }
}

const FIELD_TERM = /^([A-Za-z_][A-Za-z0-9_.-]*)(!=|>=|<=|=|~|>|<)(.*)$/s;

/** Splits the query on spaces outside double quotes; each token keeps its quotes. */
function tokenize(text) {
  const tokens = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '\\' && i + 1 < text.length) {
      current += c + text[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ' ' && !quoted) {
      if (current !== '') tokens.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (quoted) throw new QueryError(`unterminated quote in term ${current}`);
  if (current !== '') tokens.push(current);
  return tokens;
}

function unquote(value) {
  if (!value.startsWith('"')) return value;
  return value.slice(1, -1).replace(/\\(.)/g, '$1');
}

function toLevelRank(value, term) {
  try {
    return levelRank(value);
  } catch {
    throw new QueryError(`unknown level in term ${term}`);
  }
}

const COMPARE = { '>': (a, b) => a > b, '>=': (a, b) => a >= b, '<': (a, b) => a < b, '<=': (a, b) => a <= b };

function compileTerm(term) {
  if (term.startsWith('-') && term.length > 1) {
    const inner = compileTerm(term.slice(1));
    return (entry) => !inner(entry);
  }
  const m = FIELD_TERM.exec(term);
  if (!m) {
    const needle = unquote(term).toLowerCase();
    return (entry) => entry.msg !== undefined && entry.msg.toLowerCase().includes(needle);
  }
  const [, field, op, raw] = m;
  let value = unquote(raw);
  if (value === '') throw new QueryError(`empty value in term ${term}`);
  if (op === '=' || op === '!=') {
    if (field === 'level') value = normalizeLevelOrThrow(value, term);
    return op === '=' ? (entry) => entry[field] === value : (entry) => entry[field] !== value;
  }
  if (op === '~') {
    const needle = value.toLowerCase();
    return (entry) => entry[field] !== undefined && entry[field].toLowerCase().includes(needle);
  }
  const cmp = COMPARE[op];
  if (field === 'level') {
    const rank = toLevelRank(value, term);
    return (entry) => entry.level !== undefined && cmp(levelRank(entry.level), rank);
  }
  const number = Number(value);
  if (!Number.isFinite(number)) throw new QueryError(`not a number in term ${term}`);
  return (entry) => {
    const own = entry[field] === undefined || entry[field].trim() === '' ? Number.NaN : Number(entry[field]);
    return Number.isFinite(own) && cmp(own, number);
  };
}

function normalizeLevelOrThrow(value, term) {
  try {
    return normalizeLevel(value);
  } catch {
    throw new QueryError(`unknown level in term ${term}`);
  }
}

/** Compiles a query into a predicate over entries; every term must match. */
export function compileQuery(text) {
  const predicates = tokenize(text).map(compileTerm);
  return (entry) => predicates.every((p) => p(entry));
}
