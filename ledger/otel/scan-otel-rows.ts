// Visits the valid rows of otel_usage.jsonl (requests and usage metric points), naming the lines that are not.
import { existsSync } from 'node:fs';
import { type OtelMetricRow, OtelMetricRowSchema, type OtelRequestRow, OtelRequestRowSchema } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { scanLedger, type UnreadableLine } from '../store/scan-ledger.js';
import type { StampContext } from '../store/stamp-row.js';

export interface OtelScan {
  /** False when the data directory has no otel_usage.jsonl (nothing was read). */
  present: boolean;
  /** Rows that do not match their schema (the first 100) and lines that are not JSON. */
  skipped: UnreadableLine[];
  /** Whether the file ended in a torn line (left for the next writer). */
  torn: boolean;
}

export interface OtelScanOptions {
  /** Only lines holding this text are parsed (a window id, say). */
  needle?: string | undefined;
  repairAs?: StampContext | undefined;
}

const MAX_REPORTED = 100;

/** Each row that matches its schema, in file order; rows of other kinds are passed over. */
export function scanOtelRows(
  dataDir: string,
  visit: (row: OtelRequestRow | OtelMetricRow) => void,
  options: OtelScanOptions = {},
): OtelScan {
  const file = LEDGER_FILES.otelUsage;
  const result: OtelScan = { present: false, skipped: [], torn: false };
  const path = locateLedgerFile(dataDir, file);
  if (!existsSync(path)) return result;
  result.present = true;
  const scan = scanLedger(
    dataDir,
    file,
    (raw, lineNo) => {
      const schema = raw.kind === 'otel-request' ? OtelRequestRowSchema : raw.kind === 'otel-metric' ? OtelMetricRowSchema : null;
      if (schema === null) return;
      const parsed = schema.safeParse(raw);
      if (parsed.success) return visit(parsed.data);
      const issue = parsed.error.issues[0];
      if (result.skipped.length < MAX_REPORTED)
        result.skipped.push({ file, lineNo, reason: `${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
    },
    {
      path,
      ...(options.needle === undefined ? {} : { needles: [options.needle] }),
      ...(options.repairAs ? { repairAs: options.repairAs } : {}),
    },
  );
  result.skipped.push(...scan.unreadable.slice(0, MAX_REPORTED - result.skipped.length));
  result.torn = scan.tail !== null && scan.repaired === null;
  return result;
}
