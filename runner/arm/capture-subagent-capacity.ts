// Reads the sub-agent back end's subscription (the arm's second one) from its quota endpoint at both ends of an arm.
import { recordReadings, type Bars, type StampContext, type SubagentCapacity, type WindowSubscription } from '../../ledger/index.js';
import { type QuotaSource, readQuotaSource } from './capture-from-quota.js';

export interface SubagentQuota {
  /** The back end's provider id (`glm`): whose capacity the routed requests use. */
  provider: string;
  source: QuotaSource;
  subscription: WindowSubscription | undefined;
  /** `failover`: a portfolio's second subscription, which takes its requests once the first refuses; else sub-agents'. */
  via?: 'subagents' | 'failover' | undefined;
}

export interface SubagentEnd {
  format: string;
  bars: Bars;
}

/** One reading, kept as a `reading` row of the window for the audit trail; null with a note when it cannot be read. */
export async function readSubagentEnd(
  quota: SubagentQuota,
  dataDir: string,
  stamp: StampContext,
  windowId: string,
  notes: string[],
): Promise<SubagentEnd | null> {
  const fetched = await readQuotaSource(quota.source);
  if (!fetched.ok) {
    notes.push(`${quota.via === 'failover' ? 'failover' : 'sub-agent'} quota (${quota.provider}) not read: ${fetched.error.toLine()}`);
    return null;
  }
  recordReadings(dataDir, stamp, [
    { provider: quota.provider, format: fetched.reading.format, capturedAt: fetched.at, bars: fetched.reading.bars, windowId },
  ]);
  return { format: fetched.reading.format, bars: fetched.reading.bars };
}

/** The second subscription's deltas; a bar that went down (a reset between the two reads) has a null delta. */
export function buildSubagentCapacity(quota: SubagentQuota, before: SubagentEnd, after: SubagentEnd): SubagentCapacity {
  const side = (slot: 'five_hour' | 'weekly') => {
    const from = before.bars[slot]?.used_pct;
    const to = after.bars[slot]?.used_pct;
    if (from === undefined || to === undefined) return {};
    const delta = Math.round((to - from) * 1e6) / 1e6;
    return { [slot]: { before: from, after: to, delta: delta < 0 ? null : delta } };
  };
  return {
    provider: quota.provider,
    format: after.format,
    ...side('five_hour'),
    ...side('weekly'),
    ...(quota.subscription ? { subscription: quota.subscription } : {}),
    ...(quota.via === 'failover' ? { route: 'failover' as const } : {}),
  };
}
