// Loads the rows the bars over time are read from: captures and readings (snapshots.jsonl), proxy rows with rate limits.
import { z } from 'zod';
import { BarsSchema, type Bars } from '../schemas/capacity.js';
import { IsoTimeSchema } from '../schemas/stamp.js';
import { LEDGER_FILES, type LedgerFile } from '../store/data-dir.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';

/** A bar observation as snapshot and reading rows carry it (SnapshotRow and ReadingRow fit this shape). */
export interface BarObservation {
  provider: string;
  captured_at: string;
  /** The source that read it: quota-claude, claude-statusline, codex-rollout, proxy-headers, codex-status, ... */
  format: string;
  bars: Bars;
}

/** The rate-limit headers a proxied response carried (TelemetryRow fits this shape). */
export interface BarTelemetry {
  timestamp: string;
  /** The back end that answered: a preset (anthropic, openai, glm) or a back end named after a provider id. */
  backend_provider: string;
  rate_limits?: Bars | null | undefined;
}

/** The ledger rows the bars are read from (reports' collectBarSeries turns them into series). */
export interface BarInputs {
  /** Window captures (`snapshot` rows, before and after). */
  snapshots: BarObservation[];
  /** `reading` rows: quota endpoints, statusLine, proxy headers, Codex rollouts. */
  readings: BarObservation[];
  /** proxy-request rows that carried rate limits. */
  telemetry: BarTelemetry[];
}

/** Only the fields the bars need: a row of a newer shape elsewhere still gives its bars. */
const ObservationSchema = z.object({
  kind: z.enum(['snapshot', 'reading']),
  provider: z.string().min(1),
  captured_at: IsoTimeSchema,
  format: z.string().min(1),
  bars: BarsSchema,
});
const TelemetrySchema = z.object({
  kind: z.literal('proxy-request'),
  timestamp: IsoTimeSchema,
  backend_provider: z.string().min(1),
  rate_limits: BarsSchema,
});

/**
 * Current rows only (retractions and corrections folded in); rows that do not parse are left out, as every reader
 * of these files does. Lines are filtered on their bytes before parsing: a proxy log of a million requests is
 * parsed only where a response carried rate limits. A PostgreSQL ledger is read through its local copy (scanLedger).
 */
export function readBarInputs(dataDir: string): BarInputs {
  const inputs: BarInputs = { snapshots: [], readings: [], telemetry: [] };
  for (const row of readCurrentRows(dataDir, LEDGER_FILES.snapshots, '"bars":{')) {
    const parsed = ObservationSchema.safeParse(row);
    if (!parsed.success) continue;
    const { kind, ...observation } = parsed.data;
    (kind === 'snapshot' ? inputs.snapshots : inputs.readings).push(observation);
  }
  for (const row of readCurrentRows(dataDir, LEDGER_FILES.proxyTelemetry, '"rate_limits":{')) {
    const parsed = TelemetrySchema.safeParse(row);
    if (parsed.success)
      inputs.telemetry.push({
        timestamp: parsed.data.timestamp,
        backend_provider: parsed.data.backend_provider,
        rate_limits: parsed.data.rate_limits,
      });
  }
  return inputs;
}

/** Rows whose line holds `needle`, minus those a retraction or correction removed. */
function readCurrentRows(dataDir: string, file: LedgerFile, needle: string): Record<string, unknown>[] {
  const rows: (FoldableRow & Record<string, unknown>)[] = [];
  scanLedger(dataDir, file, (row) => rows.push(row as FoldableRow & Record<string, unknown>), {
    needles: [needle, '"kind":"retraction"'],
    match: 'any',
  });
  const dead = collectDeadIds(rows);
  return rows.filter((row) => row.kind !== 'retraction' && !dead.has(row.id));
}
