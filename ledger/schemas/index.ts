// Every ledger row schema, and the union a reader validates against.
import * as z from 'zod';
import { AnalysisPlanRowSchema } from './analysis-plan.js';
import { AnomalyRowSchema } from './anomaly.js';
import { AssignmentRowSchema } from './assignment.js';
import { OtelMetricRowSchema, OtelRequestRowSchema } from './otel-usage.js';
import { BudgetEventRowSchema } from './budget-event.js';
import { PreviewRowSchema } from './preview.js';
import { ReadingRowSchema } from './reading.js';
import { RetractionRowSchema } from './retraction.js';
import { RunStopRowSchema } from './run-stop.js';
import { SnapshotRowSchema } from './snapshot.js';
import { TelemetryRowSchema } from './telemetry.js';
import { WindowRowSchema } from './window.js';

export * from './analysis-plan.js';
export * from './anomaly.js';
export * from './assignment.js';
export * from './bar-kinds.js';
export * from './budget-event.js';
export * from './capacity.js';
export * from './ids.js';
export * from './otel-usage.js';
export * from './preview.js';
export * from './reading.js';
export * from './retraction.js';
export * from './run-stop.js';
export * from './snapshot.js';
export * from './stamp.js';
export * from './telemetry.js';
export * from './window.js';

export const LedgerRowSchema = z.discriminatedUnion('kind', [
  SnapshotRowSchema,
  WindowRowSchema,
  RetractionRowSchema,
  AnomalyRowSchema,
  PreviewRowSchema,
  ReadingRowSchema,
  TelemetryRowSchema,
  BudgetEventRowSchema,
  AssignmentRowSchema,
  AnalysisPlanRowSchema,
  RunStopRowSchema,
  OtelRequestRowSchema,
  OtelMetricRowSchema,
]);
export type LedgerRow = z.infer<typeof LedgerRowSchema>;
export type RowKind = LedgerRow['kind'];
