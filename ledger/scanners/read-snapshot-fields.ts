// Reads what a window view needs from snapshot lines, in place; other forms go through JSON.parse.
import type { CapacityPoint } from '../windows/compute-capacity.js';
import { createFieldCursor, readIsoTimeAt, readNumberAt } from './field-cursor.js';
import { findAfter, parseObject, readHead, readIdentity, readRowId, readRowSource, type LineReader, type WindowKey } from './row-head.js';

export interface SnapshotFields {
  id: string;
  key: WindowKey;
  /** The writer of the capture: manual, alias, automation, ... */
  source: string;
  phase: 'before' | 'after';
  point: CapacityPoint;
}

/**
 * The ledger writes canonical JSON (JSON.stringify, stamp first, then agent_id, provider, window_id
 * side by side), where a key pattern such as `"phase":"` cannot occur inside a string value because
 * quotes in values are escaped. So the first match in a line is the top-level field, and the window
 * key can be cut out in one slice. Lines in any other form go through JSON.parse. Rows of windows that
 * `skip` names are left after their key is read.
 */
export function createSnapshotReader(
  text: string,
  decode: (start: number, end: number) => string,
  skip: (key: WindowKey) => boolean = () => false,
): LineReader<SnapshotFields> {
  // Optional parts may be absent from many lines: cursors find them with one scan of the chunk.
  const fiveHour = createFieldCursor(text, '"five_hour":{"used_pct":');
  const resets = createFieldCursor(text, '"resets_at":');
  const tokens = createFieldCursor(text, '"tokens":{');
  const total = createFieldCursor(text, '"total":');
  return (start, end) => {
    const head = readHead(text, start, end, 'snapshot"');
    if (head === null) return null;
    if (head === undefined) return parseSnapshot(decode(start, end), skip);
    const { key, agentAt } = head;
    if (skip(key)) return null;
    // Fields a snapshot always has are searched in the order the ledger writes them, each from the last.
    const phaseAt = findAfter(text, '"phase":"', agentAt, end);
    const capturedAt = findAfter(text, '"captured_at":"', phaseAt, end);
    if (phaseAt === -1 || capturedAt === -1) return parseSnapshot(decode(start, end), skip);
    const at = readIsoTimeAt(text, capturedAt + 15);
    const point: CapacityPoint = { at, pct5h: null, tokens: null, reset5h: null };
    const fiveAt = fiveHour(capturedAt, end);
    if (fiveAt !== -1) {
      point.pct5h = readNumberAt(text, fiveAt + 24);
      const resetAt = resets(fiveAt, text.indexOf('}', fiveAt));
      if (resetAt !== -1 && text.charCodeAt(resetAt + 12) === 34) point.reset5h = readIsoTimeAt(text, resetAt + 13);
    }
    const tokensAt = tokens(capturedAt, end);
    if (tokensAt !== -1) {
      const totalAt = total(tokensAt, text.indexOf('}', tokensAt));
      point.tokens = totalAt === -1 ? null : readNumberAt(text, totalAt + 8);
    }
    if ((fiveAt !== -1 && point.pct5h === null) || (tokensAt !== -1 && point.tokens === null) || Number.isNaN(at))
      return parseSnapshot(decode(start, end), skip);
    const id = readRowId(text, start);
    if (id === undefined) return parseSnapshot(decode(start, end), skip);
    return { id, key, source: readRowSource(text, start, agentAt), phase: text.charCodeAt(phaseAt + 9) === 98 ? 'before' : 'after', point };
  };
}

function parseSnapshot(line: string, skip: (key: WindowKey) => boolean = () => false): SnapshotFields | null | undefined {
  const row = parseObject(line);
  if (!row) return undefined;
  if (row.kind !== 'snapshot') return typeof row.kind === 'string' ? null : undefined;
  const identity = readIdentity(row);
  const at = typeof row.captured_at === 'string' ? Date.parse(row.captured_at) : NaN;
  if (!identity || (row.phase !== 'before' && row.phase !== 'after') || Number.isNaN(at)) return undefined;
  if (skip(identity.key)) return null;
  const fiveHour = (row.bars as { five_hour?: { used_pct?: unknown; resets_at?: unknown } } | undefined)?.five_hour;
  const total = (row.tokens as { total?: unknown } | undefined)?.total;
  return {
    ...identity,
    source: typeof row.source === 'string' ? row.source : 'manual',
    phase: row.phase,
    point: {
      at,
      pct5h: typeof fiveHour?.used_pct === 'number' ? fiveHour.used_pct : null,
      tokens: typeof total === 'number' ? total : null,
      reset5h: typeof fiveHour?.resets_at === 'string' ? Date.parse(fiveHour.resets_at) : null,
    },
  };
}
