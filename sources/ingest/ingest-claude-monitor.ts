// Records a claude-monitor snapshot as one Claude reading, once: the same snapshot ingested twice adds nothing.
import { createHash } from 'node:crypto';
import { appendRows, LEDGER_FILES, stampRow, type ReadingRow, type StampContext } from '../../ledger/index.js';
import type { ClaudeMonitorSnapshot } from '../parsers/claude-monitor/parse-claude-monitor.js';
import { findContentKeys } from './find-content-keys.js';

export interface ClaudeMonitorIngestResult {
  /** False when the same snapshot was already in the ledger, or it holds neither an active block nor an official bar. */
  recorded: boolean;
  alreadyThere: boolean;
  snapshot: ClaudeMonitorSnapshot;
}

/**
 * The reading is the active 5-hour block's running totals at `generated_at` (the block's start and end as its
 * period), with the bars claude-monitor passed on from Claude Code's statusline; nothing when it saw no session.
 */
export function ingestClaudeMonitorSnapshot(
  dataDir: string,
  ctx: StampContext,
  snapshot: ClaudeMonitorSnapshot,
  options: { windowId?: string | undefined } = {},
): ClaudeMonitorIngestResult {
  if (snapshot.block === null && Object.keys(snapshot.bars).length === 0) return { recorded: false, alreadyThere: false, snapshot };
  const key = createHash('sha256')
    .update(JSON.stringify([snapshot.generatedAt, snapshot.block, snapshot.bars]))
    .digest('hex')
    .slice(0, 32);
  let recorded = false;
  appendRows<ReadingRow>(
    dataDir,
    LEDGER_FILES.snapshots,
    () => {
      // Under the ledger lock, so two ingests of one snapshot cannot both record it.
      if (findContentKeys(dataDir, [key]).has(key)) return [];
      recorded = true;
      return [buildRow(ctx, snapshot, key, options.windowId)];
    },
    ctx,
  );
  return { recorded, alreadyThere: !recorded, snapshot };
}

function buildRow(ctx: StampContext, snapshot: ClaudeMonitorSnapshot, key: string, windowId: string | undefined): ReadingRow {
  const { block } = snapshot;
  return stampRow(ctx, 'reading', {
    provider: 'claude',
    captured_at: snapshot.generatedAt,
    format: 'claude-monitor',
    bars: snapshot.bars,
    ...(block ? { tokens: block.tokens, cost_usd: block.costUsd } : {}),
    ...(windowId ? { window_id: windowId } : {}),
    ...(block
      ? { period: { report: 'claude-monitor block', key: block.start, start: block.start, ...(block.end ? { end: block.end } : {}) } }
      : {}),
    content_key: key,
  }) as ReadingRow;
}
