// Opaque page cursors: the last item's sort values plus a fingerprint of the filter and sort they belong to.
import { QueryError } from '../errors.js';

export function fingerprint(filter, sort) {
  return JSON.stringify([filter ?? {}, sort ?? '']);
}

export function encodeCursor(values, print) {
  return Buffer.from(JSON.stringify({ v: values, f: print })).toString('base64url');
}

/** The sort values stored in a cursor; throws QueryError if it is malformed or from another query. */
export function decodeCursor(cursor, print, length) {
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(String(cursor), 'base64url').toString('utf8'));
  } catch {
    throw new QueryError('malformed cursor');
  }
  if (!parsed || !Array.isArray(parsed.v) || parsed.v.length !== length || typeof parsed.f !== 'string') {
    throw new QueryError('malformed cursor');
  }
  if (parsed.f !== print) throw new QueryError('cursor belongs to a different filter or sort');
  return parsed.v;
}
