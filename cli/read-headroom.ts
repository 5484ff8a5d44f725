// Headroom as tasks for the bars a command shows (`tracker watch` alerts): the last 4 weeks of the data dir, read on demand.
import type { Headroom } from '../reports/plans/index.js';
import { collectAccountHistories, collectHeadroom } from '../reports/plans/index.js';
import { mapRealAccounts } from '../reports/index.js';
import { readEverydayFlags, readEverydayLedger } from './everyday-flags.js';

const HISTORY_MS = 28 * 86_400_000;

/** Each account's headroom now, by account; empty when the data dir holds no use to reckon it on. */
export function readHeadroom(dataDir: string, now: Date): Map<string, Headroom> {
  try {
    return reckonHeadroom(dataDir, now);
  } catch {
    // A ledger that cannot be read for this says nothing more; the alert itself must still go out.
    return new Map();
  }
}

function reckonHeadroom(dataDir: string, now: Date): Map<string, Headroom> {
  const settings = readEverydayFlags({ plan: [], confidence: '0.95' });
  const ledger = readEverydayLedger(dataDir);
  const accounts = mapRealAccounts(ledger.windows, []);
  const options = { ...settings, since_ms: now.getTime() - HISTORY_MS, until_ms: now.getTime(), accounts };
  const sources = collectAccountHistories(ledger, options);
  return new Map(collectHeadroom(ledger, sources, now.getTime()).map((headroom) => [headroom.provider, headroom]));
}
