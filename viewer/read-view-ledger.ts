// One reading of the windows, proxy and OpenTelemetry rows for the Arms, Usage and Limit changes pages, the proxy rows added up as read.
import {
  isWindowOrProbe,
  type ReportLedger,
  readGivenBackWindows,
  readReportLedger,
  readUsageOtel,
  type UsageOtel,
} from '../ledger/index.js';
import { createPriceTable } from '../budget/prices/index.js';
import type { ProviderCatalog } from '../ledger/vocabulary/index.js';
import {
  createDayKeyer,
  createEverydayUseFold,
  createProxyUseFold,
  createWindowUsageFold,
  EVERYDAY_SOURCE_ORDER,
  type EverydayUseFold,
  type EverydayUses,
  type FoldedTelemetry,
  readOtelTimedUse,
  readProxyTimedUse,
  readReadingTimedUses,
  selectCountedOtelRows,
  type UsageReading,
} from '../reports/index.js';
import { readOtelTaskUse, readProxyTaskUse, type TaskUse } from '../reports/plans/index.js';
import { keepArmClauses } from './arm-rows.js';
import { createFailoverMoveFold, type FailoverDay } from './fold-failover-moves.js';

/** The report ledger without its proxy rows (`telemetry` is empty) and those rows folded per window and per day. */
export interface ViewLedger {
  ledger: ReportLedger;
  folded: FoldedTelemetry;
  /** The agents' own OpenTelemetry rows, slim (the usage tables count them: readUsageInputs takes them from here). */
  otel: UsageOtel;
  /**
   * The proxy's requests and the agents' own OpenTelemetry from `everydaySince` on, as the everyday calibration's
   * columns (three numbers a request); Codex's rollout turns are added from the readings (finishEverydayUses).
   */
  everyday: EverydayUseFold;
  everydaySince: number;
  /** The same span's requests as headroom counts tasks (five fields a request; each provider's last ones only). */
  tasks: TaskUse[];
  /** The requests the proxy's failover chain moved, per day, back ends and reason (the Bars page's table). */
  failovers: FailoverDay[];
  /** The columns once finished: finishing again must not add the rollouts twice. */
  everydayFinished?: EverydayUses;
}

/**
 * Windows keep only the isolation clause and simulated mark of their methodology (all the viewer reads of it). Held whole, the
 * windows and proxy rows of 100,000 windows were 235 MB of the reader's heap (bench: viewer, ADR 0028).
 */
export function readViewLedger(
  dataDir: string,
  catalog: ProviderCatalog,
  timeZone: string,
  everydaySince = Number.POSITIVE_INFINITY,
): ViewLedger {
  const prices = createPriceTable(catalog);
  // As the report's calibration: the requests of an attempt whose account gave its charges back are not counted.
  const givenBack = readGivenBackWindows(dataDir);
  const isCharged = (window: string | null | undefined): boolean => !window || givenBack.size === 0 || !isWindowOrProbe(givenBack, window);
  const perWindow = createWindowUsageFold(prices);
  const dayKey = createDayKeyer(timeZone);
  // Per session too: the Usage page's session table reads the same fold as its day, week and month tables.
  const perDay = createProxyUseFold(prices, dayKey, { bySession: true });
  // Only the span of the bars the viewer keeps (trimBarHistory): the requests of a whole busy ledger are not held.
  const timed = createEverydayUseFold(EVERYDAY_SOURCE_ORDER, prices, (ms) => dayKey(new Date(ms).toISOString()) ?? '');
  let recent = createRecentTasks();
  const moves = createFailoverMoveFold(dayKey);
  const ledger = readReportLedger(dataDir, {
    methodology: keepArmClauses,
    // Counted with the window, from its own row: a second pass over windows.jsonl held 17 MB more at the peak.
    tests: true,
    telemetryFold: {
      add: (row) => {
        perWindow.add(row);
        perDay.add(row);
        moves.add(row);
        const use = readProxyTimedUse(row);
        if (use && use.at_ms >= everydaySince && isCharged(row.window_id)) timed.add(use);
        const task = readProxyTaskUse(row);
        if (task.at >= everydaySince) recent.add(task);
      },
      restart: () => {
        perWindow.restart();
        perDay.restart();
        timed.restart();
        moves.restart();
        recent = createRecentTasks();
      },
    },
  });
  const otel = readUsageOtel(dataDir);
  for (const row of selectCountedOtelRows(otel.rows, dayKey)) {
    const use = readOtelTimedUse(row);
    if (use && use.at_ms >= everydaySince) timed.add(use);
  }
  for (const row of selectCountedOtelRows(otel.rows, (iso) => iso.slice(0, 10))) {
    const task = readOtelTaskUse(row);
    if (task.at >= everydaySince) recent.add(task);
  }
  return {
    ledger,
    folded: { timeZone, proxyUses: perDay.finish(), sessions: true, windowUsage: perWindow.finish() },
    otel,
    everyday: timed,
    everydaySince,
    tasks: recent.finish(),
    failovers: moves.finish(),
  };
}

/** Requests kept a provider for its headroom: its last 20 tasks are its last sessions, far fewer requests than this. */
const TASK_ROWS_KEPT = 5000;

/** Each provider's last requests of each source, as read (file order is time order within a source); older ones let go as it goes. */
function createRecentTasks(): { add: (task: TaskUse) => void; finish: () => TaskUse[] } {
  const byProvider = new Map<string, TaskUse[]>();
  return {
    add: (task) => {
      // By source too: the OpenTelemetry rows are read after the proxy's and must not push them out.
      const key = `${task.source}\u0000${task.provider}`;
      const list = byProvider.get(key) ?? [];
      list.push(task);
      // Cut back to the last TASK_ROWS_KEPT once twice as many are held: amortised O(1) a row.
      byProvider.set(key, list.length > 2 * TASK_ROWS_KEPT ? list.slice(-TASK_ROWS_KEPT) : list);
    },
    finish: () => [...byProvider.values()].flat(),
  };
}

/**
 * The everyday columns by account, with Codex's rollout turns from `everydaySince` on (the readings are read with the
 * usage tables). Finished once: a later call returns the same columns, by the first call's accounts.
 */
export function finishEverydayUses(
  read: ViewLedger,
  readings: readonly UsageReading[],
  /** The labeler of these uses' keys (createAccountLabeler with the bars' own labels). */
  account: (keys: readonly string[]) => (key: string) => string,
): EverydayUses {
  if (read.everydayFinished) return read.everydayFinished;
  for (const use of readReadingTimedUses(readings)) if (use.at_ms >= read.everydaySince) read.everyday.add(use);
  read.everydayFinished = read.everyday.finish(account(read.everyday.keys()));
  return read.everydayFinished;
}
