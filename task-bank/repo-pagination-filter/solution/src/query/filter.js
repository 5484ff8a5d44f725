// Filter conditions over records: { field: value | { eq, ne, gt, gte, lt, lte, in, contains, startsWith } }.
import { QueryError } from '../errors.js';

const ORDERED = new Set(['gt', 'gte', 'lt', 'lte']);
const TEXT = new Set(['contains', 'startsWith']);
const OPS = new Set(['eq', 'ne', 'in', ...ORDERED, ...TEXT]);

export function fieldType(schema, field) {
  if (field === 'id') return 'string';
  if (!Object.hasOwn(schema, field)) throw new QueryError(`unknown field ${field}`);
  return schema[field].type;
}

const valueOf = (record, field) => record[field] ?? null;

function compileOp(field, type, op, arg) {
  if (!OPS.has(op)) throw new QueryError(`unknown operator ${op} on ${field}`);
  if (ORDERED.has(op)) {
    if ((type !== 'number' && type !== 'string') || typeof arg !== type) {
      throw new QueryError(`${op} on ${field} needs a ${type === 'boolean' ? 'number or string field' : type}`);
    }
    const test = { gt: (a, b) => a > b, gte: (a, b) => a >= b, lt: (a, b) => a < b, lte: (a, b) => a <= b }[op];
    return (r) => valueOf(r, field) !== null && test(valueOf(r, field), arg);
  }
  if (TEXT.has(op)) {
    if (type !== 'string' || typeof arg !== 'string') throw new QueryError(`${op} on ${field} needs a string field and value`);
    const needle = arg.toLowerCase();
    return (r) => {
      const v = valueOf(r, field);
      if (typeof v !== 'string') return false;
      return op === 'contains' ? v.toLowerCase().includes(needle) : v.toLowerCase().startsWith(needle);
    };
  }
  if (op === 'in') {
    if (!Array.isArray(arg)) throw new QueryError(`in on ${field} needs an array`);
    return (r) => arg.includes(valueOf(r, field));
  }
  return op === 'eq' ? (r) => valueOf(r, field) === arg : (r) => valueOf(r, field) !== arg;
}

/** Compiles a filter object into a predicate; throws QueryError on unknown fields, operators or bad values. */
export function compileFilter(schema, filter = {}) {
  const tests = [];
  for (const [field, condition] of Object.entries(filter)) {
    const type = fieldType(schema, field);
    if (condition !== null && typeof condition === 'object' && !Array.isArray(condition)) {
      for (const [op, arg] of Object.entries(condition)) tests.push(compileOp(field, type, op, arg));
    } else {
      tests.push(compileOp(field, type, 'eq', condition));
    }
  }
  return (record) => tests.every((t) => t(record));
}
