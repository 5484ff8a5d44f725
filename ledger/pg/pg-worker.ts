// The thread that talks to PostgreSQL for the synchronous ledger API (ledger/pg/pg-bridge.ts): one connection that
// holds appends' transactions, one in autocommit for reads, so a read never sees rows a transaction may still undo.
import pg from 'pg';
import { runAsWorker } from 'synckit';
import { appendInTransaction } from './append-in-transaction.js';
import { copyPage } from './copy-page.js';
import { applyMigrations, readSchemaVersion } from './apply-migrations.js';
import { INSERT_ROWS_SQL, LOCK_FILE_SQL, lockNameOf } from './lock-key.js';
import { LATEST_SCHEMA } from './migrations.js';
import type { PgRequest } from './pg-request.js';

interface Connections {
  tx: pg.Client;
  read: pg.Client;
}

const open = new Map<string, Promise<Connections>>();

runAsWorker(async (url: string, request: PgRequest) => {
  if (request.op === 'migrate') return applyMigrations(url, request.appRole ?? null);
  if (request.op === 'close') return closeAll();
  const { tx, read } = await connect(url);
  switch (request.op) {
    case 'begin':
      await tx.query('BEGIN');
      return null;
    case 'lock':
      // One lock per ledger file, held to the end of the transaction: the database's flock (ADR 0001).
      await tx.query(LOCK_FILE_SQL, [lockNameOf(request.file)]);
      return null;
    case 'insert': {
      const result = await tx.query<{ id: string }>(INSERT_ROWS_SQL, [request.file, request.ids, request.lines]);
      return result.rows.map((row) => row.id);
    }
    case 'fence': {
      // A statement of the caller's domain (runner/queue: the arm's claim) run in the append's transaction.
      const result = await tx.query(request.sql, request.params);
      return result.rowCount ?? 0;
    }
    case 'commit':
      await tx.query('COMMIT');
      return null;
    case 'append':
      // Rows built before the lock (no builder): the whole transaction in one call from the main thread.
      await appendInTransaction(tx, request.file, request.ids, request.lines);
      return null;
    case 'rollback':
      await tx.query('ROLLBACK');
      return null;
    case 'copy':
      // The file descriptor is the main thread's: a worker shares its process's descriptors.
      return copyPage(read, request, request.fd, request.offset);
    case 'reject': {
      await read.query('INSERT INTO ledger_rejects (name, reason, raw) VALUES ($1, $2, $3)', [
        request.name,
        request.reason,
        Buffer.from(request.raw),
      ]);
      return null;
    }
    case 'count': {
      const result = await read.query<{ file: string; rows: string }>(
        'SELECT file, count(*) AS rows FROM ledger_rows GROUP BY file ORDER BY file',
      );
      return Object.fromEntries(result.rows.map((row) => [row.file, Number(row.rows)]));
    }
  }
});

function connect(url: string): Promise<Connections> {
  let connections = open.get(url);
  if (!connections) {
    const opened = openConnections(url, () => {
      if (open.get(url) === opened) open.delete(url);
    });
    connections = opened;
    // A failed connect is not remembered: the next call tries again.
    connections.catch(() => open.delete(url));
    open.set(url, connections);
  }
  return connections;
}

async function openConnections(url: string, forget: () => void): Promise<Connections> {
  const tx = new pg.Client({ connectionString: url, application_name: 'agent-tracker' });
  const read = new pg.Client({ connectionString: url, application_name: 'agent-tracker' });
  // A connection the server drops while idle (a restart, pg_terminate_backend) emits 'error': unheard, that kills the
  // thread with a raw stack. The pair is forgotten instead; the next call connects anew.
  for (const client of [tx, read]) {
    client.on('error', forget);
    client.on('end', forget);
  }
  await Promise.all([tx.connect(), read.connect()]);
  const version = await readSchemaVersion(read);
  if (version !== LATEST_SCHEMA) {
    await Promise.all([tx.end(), read.end()]);
    throw new Error(
      version === null || version < LATEST_SCHEMA
        ? `the database's ledger schema is at version ${version ?? 'none'}, this build needs ${LATEST_SCHEMA}: run tracker ledger migrate`
        : `the database's ledger schema is at version ${version}, newer than this build's ${LATEST_SCHEMA}: upgrade agent-tracker`,
    );
  }
  return { tx, read };
}

async function closeAll(): Promise<null> {
  const all = [...open.values()];
  open.clear();
  await Promise.allSettled(
    all.map(async (connections) => {
      const { tx, read } = await connections;
      await Promise.all([tx.end(), read.end()]);
    }),
  );
  return null;
}
