// A preview row as `tracker preview --record` writes it, for the gate tests: the stamp fields filled in, the rest given.
import type { PreviewRow } from '../../ledger/index.js';

export function makePreviewRow(id: string, fields: Pick<PreviewRow, 'providers'> & Partial<PreviewRow>): PreviewRow {
  return {
    id,
    kind: 'preview',
    ts: '2026-11-21T10:00:00Z',
    schema_version: 1,
    tool_version: '0.1.0',
    source: 'manual',
    agent_id: 'main',
    anomalies: 0,
    unit: 'bars',
    baseline: 'codex',
    ...fields,
  };
}
