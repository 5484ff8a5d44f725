import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows, stampRow } from '../store/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { findLatestReading } from './find-latest-reading.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'latest-reading-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ctx = { agentId: 'main', source: 'ingest' as const };
const reading = (format: string, at: string, total: number) =>
  stampRow(ctx, 'reading', { provider: 'gemini', captured_at: at, format, bars: {}, tokens: { total } });

describe('findLatestReading', () => {
  it("never takes one Gemini CLI answer's tokens as a counter, and takes a token counter of the same provider", () => {
    appendRows(dir, LEDGER_FILES.snapshots, [reading('gemini-session', '2026-11-27T10:00:00Z', 1860)], ctx);
    const from = Date.parse('2026-11-27T09:00:00Z');
    const to = Date.parse('2026-11-27T11:00:00Z');
    expect(findLatestReading(dir, 'gemini', from, to)).toBeNull();
    appendRows(dir, LEDGER_FILES.snapshots, [reading('json', '2026-11-27T09:30:00Z', 5000)], ctx);
    expect(findLatestReading(dir, 'gemini', from, to)?.tokens?.total).toBe(5000);
  });
});
