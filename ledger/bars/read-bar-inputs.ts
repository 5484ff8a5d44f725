// Loads the rows the bars over time are read from: captures and readings (snapshots.jsonl), proxy rows with rate limits.
import { existsSync, statSync } from 'node:fs';
import * as z from 'zod';
import { BarsSchema, type Bars } from '../schemas/capacity.js';
import { IsoTimeSchema } from '../schemas/stamp.js';
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { scanLedger } from '../store/scan-ledger.js';
import { ACCOUNT_PATTERN, MACHINE_PATTERN } from '../vocabulary/index.js';
import { isWindowOrProbe } from '../vocabulary/probe-window-id.js';

/** A bar observation as snapshot and reading rows carry it (SnapshotRow and ReadingRow fit this shape). */
export interface BarObservation {
  provider: string;
  captured_at: string;
  /** The source that read it: quota-claude, claude-statusline, codex-rollout, proxy-headers, codex-status, ... */
  format: string;
  bars: Bars;
  /** The account read, when the source could tell it (`acct-…`). */
  account?: string | undefined;
  /**
   * The client's session (a status line's Claude Code session_id): a use of that session that names no account is
   * the account's this reading names, and the other way round (reports/usage/join-session-accounts.ts).
   */
  session_id?: string | undefined;
  /** The machine it was read on (`host-…`), when the row says: its `captured_at` is that machine's clock. */
  machine?: string | undefined;
}

/** The rate-limit headers a proxied response carried (TelemetryRow fits this shape). */
export interface BarTelemetry {
  timestamp: string;
  /** The back end that answered: a preset (anthropic, openai, glm) or a back end named after a provider id. */
  backend_provider: string;
  rate_limits?: Bars | null | undefined;
  /** The account the request spent, when the proxy could tell it (`acct-…`). */
  account?: string | null | undefined;
}

/** The ledger rows the bars are read from (reports' collectBarSeries turns them into series). */
export interface BarInputs {
  /** Window captures (`snapshot` rows, before and after). */
  snapshots: BarObservation[];
  /** `reading` rows: quota endpoints, statusLine, proxy headers, Codex rollouts. */
  readings: BarObservation[];
  /** proxy-request rows that carried rate limits. */
  telemetry: BarTelemetry[];
  /**
   * Attempts whose account gave their charges back (a resumed run's simulated accounts: RetractionRow's `given_back`),
   * by window id: their rows above are left out, and a reader of their requests leaves those out too.
   */
  given_back?: string[];
}

/** Only the fields the bars need: a row of a newer shape elsewhere still gives its bars. */
const ObservationSchema = z.object({
  kind: z.enum(['snapshot', 'reading']),
  provider: z.string().min(1),
  captured_at: IsoTimeSchema,
  format: z.string().min(1),
  bars: BarsSchema,
  account: z.string().regex(ACCOUNT_PATTERN).optional().catch(undefined),
  session_id: z.string().min(1).max(200).optional().catch(undefined),
  machine: z.string().regex(MACHINE_PATTERN).optional().catch(undefined),
});
const TelemetrySchema = z.object({
  kind: z.literal('proxy-request'),
  timestamp: IsoTimeSchema,
  backend_provider: z.string().min(1),
  rate_limits: BarsSchema,
  account: z.string().regex(ACCOUNT_PATTERN).nullable().optional().catch(undefined),
});

/**
 * Current rows only (retractions and corrections folded in); rows that do not parse are left out, as every reader
 * of these files does. Lines are filtered on their bytes before parsing: a proxy log of a million requests is
 * parsed only where a response carried rate limits. A PostgreSQL ledger is read through its local copy (scanLedger).
 */
export function readBarInputs(dataDir: string): BarInputs {
  return createBarInputsReader(dataDir).read();
}

export interface BarInputsReader {
  /** The bar inputs as the ledger has them now; each call after the first parses only the lines added since. */
  read(): BarInputs;
}

interface FileState {
  from: { offset: number; lineNo: number } | undefined;
  /** Rows already parsed into what the bars need, by row id and the window they were read for (a retraction may come later). */
  rows: { id: string; value: Parsed; window: string | undefined }[];
  dead: Set<string>;
  givenBack: Set<string>;
}

export type Parsed = { kind: 'snapshot' | 'reading'; observation: BarObservation } | { kind: 'telemetry'; telemetry: BarTelemetry };

/** A row as the bars need it, or null for one they do not read. */
export function parseBarRow(row: Record<string, unknown>): Parsed | null {
  if (row.kind === 'proxy-request') {
    const parsed = TelemetrySchema.safeParse(row);
    if (!parsed.success) return null;
    const { timestamp, backend_provider, rate_limits, account } = parsed.data;
    return { kind: 'telemetry', telemetry: { timestamp, backend_provider, rate_limits, ...(account ? { account } : {}) } };
  }
  const parsed = ObservationSchema.safeParse(row);
  if (!parsed.success) return null;
  const { kind, account, session_id, machine, ...observation } = parsed.data;
  return {
    kind,
    observation: {
      ...observation,
      ...(account ? { account } : {}),
      ...(session_id ? { session_id } : {}),
      ...(machine ? { machine } : {}),
    },
  };
}

/**
 * For a watcher that looks every few seconds: it keeps what it parsed and where each file ended, and reads on from
 * there (a file shorter than that was cut back, a torn tail repaired or a PostgreSQL copy refetched: read again).
 * On a ledger of 200,000 readings and 500,000 proxy rows a first read took 1.8-3.4 s (load 8 on 2 cores); a later one
 * parses only the new lines.
 */
export function createBarInputsReader(dataDir: string): BarInputsReader {
  const files = new Map<LedgerFile, FileState>();
  const readRows = (file: LedgerFile, needle: string): FileState['rows'] => {
    const path = locateLedgerFile(dataDir, file);
    const size = existsSync(path) ? statSync(path).size : 0;
    const known = files.get(file);
    const state: FileState =
      known && !(known.from && size < known.from.offset) ? known : { from: undefined, rows: [], dead: new Set(), givenBack: new Set() };
    files.set(file, state);
    const scan = scanLedger(
      dataDir,
      file,
      (row) => {
        const foldable = row as FoldableRow & Record<string, unknown>;
        for (const id of collectDeadIds([foldable])) state.dead.add(id);
        const givenBack = readGivenBackWindow(row);
        if (givenBack !== null) state.givenBack.add(givenBack);
        const value = foldable.kind === 'retraction' ? null : parseBarRow(row);
        // A session's readings repeat its id: one string each, as the window ids.
        if (value && value.kind !== 'telemetry' && value.observation.session_id)
          value.observation.session_id = intern(value.observation.session_id);
        if (value) state.rows.push({ id: foldable.id, value, window: intern(row.window_id) });
      },
      { needles: [needle, '"kind":"retraction"'], match: 'any', path, ...(state.from ? { from: state.from } : {}) },
    );
    state.from = { offset: scan.end, lineNo: scan.lines };
    return state.rows;
  };
  // Window ids repeat on every row of an arm: one string each.
  const windows = new Map<string, string>();
  const intern = (id: unknown): string | undefined => {
    if (typeof id !== 'string') return undefined;
    const held = windows.get(id);
    if (held !== undefined) return held;
    windows.set(id, id);
    return id;
  };
  return {
    read() {
      const captures = readRows(LEDGER_FILES.snapshots, '"bars":{');
      const proxy = readRows(LEDGER_FILES.proxyTelemetry, '"rate_limits":{');
      const [ofCaptures, ofProxy] = [files.get(LEDGER_FILES.snapshots), files.get(LEDGER_FILES.proxyTelemetry)];
      const givenBack = ofCaptures?.givenBack ?? new Set<string>();
      const live = (entry: FileState['rows'][number]): boolean =>
        !ofCaptures?.dead.has(entry.id) &&
        !ofProxy?.dead.has(entry.id) &&
        !(entry.window !== undefined && givenBack.size > 0 && isWindowOrProbe(givenBack, entry.window));
      const inputs: BarInputs = {
        snapshots: [],
        readings: [],
        telemetry: [],
        ...(givenBack.size > 0 ? { given_back: [...givenBack] } : {}),
      };
      for (const { value } of [...captures, ...proxy].filter(live)) {
        if (value.kind === 'telemetry') inputs.telemetry.push(value.telemetry);
        else (value.kind === 'snapshot' ? inputs.snapshots : inputs.readings).push(value.observation);
      }
      return inputs;
    },
  };
}

/** The window a `given_back` retraction names (RetractionRow), or null for any other row. */
export function readGivenBackWindow(row: Record<string, unknown>): string | null {
  if (row.kind !== 'retraction' || row.given_back !== true) return null;
  const target = row.target as { window_id?: unknown } | undefined;
  return typeof target?.window_id === 'string' ? target.window_id : null;
}

/** The windows of every attempt whose account gave its charges back (a byte search finds the few lines that can say so). */
export function readGivenBackWindows(dataDir: string): Set<string> {
  const windows = new Set<string>();
  scanLedger(
    dataDir,
    LEDGER_FILES.snapshots,
    (row) => {
      const window = readGivenBackWindow(row);
      if (window !== null) windows.add(window);
    },
    { needles: ['"given_back":true'], match: 'any' },
  );
  return windows;
}
