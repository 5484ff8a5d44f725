// The proxy's pooled appends against a real throwaway cluster: a connection the server drops mid-append fails that append only.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowSkip } from '../../kernel/index.js';
import { explainNoPostgres, startTestCluster, type TestCluster } from '../../step-definitions/pg-cluster.js';
import { stampRow } from '../store/stamp-row.js';
import { insertRowsLocked, openLedgerPool } from './insert-rows-async.js';
import { lockNameOf } from './lock-key.js';
import { pgBridge } from './pg-bridge.js';

const noPostgres = allowSkip(explainNoPostgres());
const FILE = 'anomalies.jsonl';
const row = () => stampRow({ agentId: 'main', source: 'proxy' }, 'anomaly', { anomaly: 'test', detail: 'pooled' });

describe.skipIf(noPostgres !== null)('insertRowsLocked', () => {
  let cluster: TestCluster;
  let url: string;

  beforeAll(() => {
    cluster = startTestCluster();
    url = cluster.createDatabase('pool_test');
    pgBridge.migrate(url, null);
  });
  afterAll(() => {
    pgBridge.close(url);
    cluster?.stop();
  });

  // A worker whose database restarted mid-arm died of "Unhandled 'error' event ... Connection
  // terminated unexpectedly" from its proxy's pool. pg's Client emits 'error' in the same turn its socket ends
  // (pg/lib/client.js, the connection's 'end' handler), and pg-pool listens only while a client is idle; this one
  // is checked out, its ROLLBACK still pending. Without a listener of its own, vitest reports an unhandled error.
  it('fails the append whose connection the server ends, keeps the process, and appends again on a new connection', async () => {
    const pool = openLedgerPool(url);
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockNameOf(FILE)]);
      const append = insertRowsLocked(pool, FILE, [row()]);
      const failed = append.then(
        () => null,
        (error: Error) => error,
      );
      // The append waits on the lock once pg_locks shows it (the test's limit is the hang guard: vitest.config.ts).
      let waiter: number | undefined;
      for (; waiter === undefined; await sleep(20)) {
        const waiting = await holder.query<{ pid: number }>("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        waiter = waiting.rows[0]?.pid;
      }
      await holder.query('SELECT pg_terminate_backend($1)', [waiter]);
      expect((await failed)?.message).toMatch(/terminat/i);
      await holder.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockNameOf(FILE)]);
      await sleep(100); // the ended connection's events, had they no listener, would end the test process here
      expect(await insertRowsLocked(pool, FILE, [row()])).toBe(1);
    } finally {
      await holder.end();
      await pool.end();
    }
  });
});
