// The PostgreSQL ledger against a real throwaway cluster: migrations, appends, reads, idempotency, append-only grants.
import { allowSkip } from '../../kernel/index.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/app-error.js';
import { stampRow } from '../store/stamp-row.js';
import { appendRows } from '../store/append-rows.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import { scanLedger } from '../store/scan-ledger.js';
import { readBarInputs } from '../bars/read-bar-inputs.js';
import { writeBarLedger } from '../bars/test-fixtures/write-bar-ledger.js';
import { bindPostgresLedger } from './ledger-binding.js';
import { pgBridge } from './pg-bridge.js';
import { explainNoPostgres, startTestCluster, type TestCluster } from '../../step-definitions/pg-cluster.js';

const ctx = { agentId: 'main', source: 'manual' as const };
const noPostgres = allowSkip(explainNoPostgres());

describe.skipIf(noPostgres !== null)('PostgreSQL ledger', () => {
  let cluster: TestCluster;
  let url: string;
  let dataDir: string;

  beforeAll(() => {
    cluster = startTestCluster();
    url = cluster.createDatabase('ledger_test');
    dataDir = mkdtempSync(join(tmpdir(), 'tracker-pg-data-'));
    bindPostgresLedger(dataDir, url);
  });
  afterAll(() => {
    pgBridge.close(url);
    cluster?.stop();
  });

  it('refuses to read or write before the schema is migrated, naming the command that fixes it', () => {
    const error = catchError(() => scanLedger(dataDir, LEDGER_FILES.anomalies, () => {}));
    expect(isAppError(error, 'ledger-unavailable')).toBe(true);
    expect((error as Error).message).toMatch(/run tracker ledger migrate/);
  });

  it('migrates once, then appends, reads back in order, and skips a row id it already has', () => {
    const first = pgBridge.migrate(url, null);
    expect(first.applied.map((m) => m.version)).toEqual([1, 2]);
    expect(pgBridge.migrate(url, null).applied).toEqual([]);
    const rows = [1, 2, 3].map((n) => stampRow(ctx, 'anomaly', { anomaly: 'test', detail: `row ${n}` }));
    appendRows(dataDir, LEDGER_FILES.anomalies, rows, ctx);
    appendRows(dataDir, LEDGER_FILES.anomalies, [rows[1] as object], ctx);
    const seen: unknown[] = [];
    scanLedger(dataDir, LEDGER_FILES.anomalies, (row) => seen.push(row.detail));
    expect(seen).toEqual(['row 1', 'row 2', 'row 3']);
    expect(pgBridge.count(url)).toEqual({ [LEDGER_FILES.anomalies]: 3 });
  });

  it('writes nothing when a builder refuses, and redacts before a row leaves the process', () => {
    const refused = catchError(() =>
      appendRows(
        dataDir,
        LEDGER_FILES.previews,
        () => {
          throw new Error('refused by the builder');
        },
        ctx,
      ),
    );
    expect((refused as Error).message).toBe('refused by the builder');
    expect(pgBridge.count(url)[LEDGER_FILES.previews]).toBeUndefined();
    const secret = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789';
    appendRows(dataDir, LEDGER_FILES.previews, [stampRow(ctx, 'preview', { note: `key ${secret}` })], ctx);
    const copy = readFileSync(locateLedgerFile(dataDir, LEDGER_FILES.previews), 'utf8');
    expect(copy).toContain('"note":"key ');
    expect(copy).not.toContain(secret);
  });

  it("reads the bars' rows from a PostgreSQL ledger as from files (readBarInputs goes through scanLedger)", () => {
    writeBarLedger(dataDir);
    const inputs = readBarInputs(dataDir);
    expect([inputs.snapshots.length, inputs.readings.length, inputs.telemetry.length]).toEqual([1, 1, 1]);
    expect(inputs.readings[0]?.bars.five_hour?.used_pct).toBe(11);
  });

  it('refuses UPDATE, DELETE and TRUNCATE, as the owner and as the application role', async () => {
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    try {
      await owner.query('CREATE ROLE tracker_app LOGIN');
      pgBridge.migrate(url, 'tracker_app');
      for (const sql of ["UPDATE ledger_rows SET line = '{}'", 'DELETE FROM ledger_rows', 'TRUNCATE ledger_rows']) {
        await expect(owner.query(sql)).rejects.toThrow(/append-only/);
      }
      const appUrl = url.replace('postgres://tracker@', 'postgres://tracker_app@');
      const app = new pg.Client({ connectionString: appUrl });
      await app.connect();
      try {
        await expect(app.query("UPDATE ledger_rows SET line = '{}'")).rejects.toThrow(/permission denied/);
        await expect(app.query('DELETE FROM ledger_rows')).rejects.toThrow(/permission denied/);
        await app.query("INSERT INTO ledger_rows (file, id, line) VALUES ('anomalies.jsonl', 'x-app', '{}')");
      } finally {
        await app.end();
      }
    } finally {
      await owner.end();
    }
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
