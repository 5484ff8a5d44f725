// Stamps a row with id, kind, time, versions, source and agent (invariant 1) in a canonical key order.
import { SCHEMA_VERSION, TOOL_VERSION } from '../../kernel/index.js';
import { makeRowId } from './make-row-id.js';
import type { LedgerFence } from '../pg/ledger-fence.js';
import type { RowSource } from '../schemas/index.js';

/** Who is writing: the agent and the kind of writer. */
export interface StampContext {
  agentId: string;
  source: RowSource;
  now?: () => Date;
  /**
   * A condition every append this writer makes commits under, unless a fence of its own governs it (withLedgerFence):
   * a queue worker's arm writes its captures only while its claim holds (ledger/pg/ledger-fence.ts). PostgreSQL only.
   */
  fence?: LedgerFence | undefined;
}

export interface StampedFields {
  id: string;
  kind: string;
  ts: string;
  schema_version: number;
  tool_version: string;
  source: RowSource;
  agent_id: string;
}

/**
 * Builds a stamped row. The stamp comes first so every line starts with `{"id":`, and ids are UUIDv7,
 * so within one process ids sort by creation time (across processes, to the millisecond).
 */
export function stampRow<K extends string, F extends object>(ctx: StampContext, kind: K, fields: F): StampedFields & { kind: K } & F {
  const now = ctx.now?.() ?? new Date();
  return {
    // Without a clock of its own the id keeps a counter within the millisecond; an injected clock only fixes the time part.
    id: ctx.now ? makeRowId(now.getTime()) : makeRowId(),
    kind,
    ts: now.toISOString(),
    schema_version: SCHEMA_VERSION,
    tool_version: TOOL_VERSION,
    source: ctx.source,
    agent_id: ctx.agentId,
    ...fields,
  };
}
