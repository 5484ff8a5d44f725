// Turns the records of one export into stamped, checked ledger rows (otel_usage.jsonl), each charged to its window.
import { OtelMetricRowSchema, OtelRequestRowSchema, stampRow } from '../../ledger/index.js';
import type { OtelRefusedItem, OtelUsageRecord } from '../../sources/parsers/otlp/index.js';
import { attributeRecord } from './otel-attribution.js';
import type { OtlpRequestAttribution } from './read-request-attribution.js';

export interface BuiltRows {
  rows: object[];
  /** Records whose row did not meet the ledger's schema (a reader would skip it): refused like a bad record. */
  refused: OtelRefusedItem[];
}

/** The stamp's source is `otel`: the rows are the agent's own figures, taken in by the tracker. */
export function buildOtelRows(records: readonly OtelUsageRecord[], request: OtlpRequestAttribution, defaultAgent: string): BuiltRows {
  const built: BuiltRows = { rows: [], refused: [] };
  records.forEach((record, index) => {
    const { agentId, ...charged } = attributeRecord(record, request, defaultAgent);
    const { kind, attributes, resource_attributes, ...fields } = record;
    // Stamp, whom it is charged to, the normalised figures, then the agent's own attributes last.
    const row = stampRow({ agentId, source: 'otel' }, kind, { ...charged, ...fields, attributes, resource_attributes });
    const parsed = (kind === 'otel-request' ? OtelRequestRowSchema : OtelMetricRowSchema).safeParse(row);
    if (parsed.success) built.rows.push(row);
    else {
      const issue = parsed.error.issues[0];
      built.refused.push({ where: `record ${index + 1} kept`, reason: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}` });
    }
  });
  return built;
}
