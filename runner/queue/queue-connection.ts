// A worker's connection to the team queue: a dropped connection is no crash; it reconnects with backoff, for a bounded time.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { AppError } from '../../kernel/index.js';

/** A queue connection that remembers whether the server dropped it (pg emits 'error' on an idle client). */
export interface QueueConnection {
  client: pg.Client;
  /** The error that dropped it, or null while it is up. */
  lost: Error | null;
}

export async function openQueueConnection(url: string, name: string): Promise<QueueConnection> {
  const client = new pg.Client({ connectionString: url, application_name: `agent-tracker ${name}`, connectionTimeoutMillis: 10_000 });
  const connection: QueueConnection = { client, lost: null };
  // Unheard, this event kills the process with "Unhandled 'error' event ... Connection terminated unexpectedly".
  client.on('error', (error) => {
    connection.lost = error;
  });
  await client.connect();
  return connection;
}

/** Whether the connection still answers: a failure of anything else (a bad task bank, a refused plan) is no outage. */
export async function isQueueReachable(connection: QueueConnection): Promise<boolean> {
  if (connection.lost) return false;
  try {
    await connection.client.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * Connects again, waiting 0.5 s, 1 s, 2 s ... (at most 8 s) between tries, until `limitMs` has passed; then throws
 * one line naming the outage and the last error (kind `ledger-unavailable`, as the ledger's own calls).
 */
export async function reconnectWithin(
  url: string,
  name: string,
  limitMs: number,
  onRetry: (attempt: number, error: Error) => void = () => undefined,
): Promise<QueueConnection> {
  const deadline = Date.now() + limitMs;
  let wait = 500;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await openQueueConnection(url, name);
    } catch (error) {
      if (Date.now() + wait > deadline)
        throw new AppError(
          'IO',
          `lost the team database and could not reconnect within ${Math.round(limitMs / 1000)} s (${attempt} tries): ${(error as Error).message}`,
          { kind: 'ledger-unavailable', cause: error },
        );
      onRetry(attempt, error as Error);
      await sleep(wait);
      wait = Math.min(8000, wait * 2);
    }
  }
}

/** Ends a connection, dropped or not, without throwing. */
export async function closeQueueConnection(connection: QueueConnection): Promise<void> {
  await connection.client.end().catch(() => undefined);
}
