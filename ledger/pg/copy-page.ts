// Writes one page of a ledger file's rows from PostgreSQL straight into a file, in the worker thread: a binary COPY
// hands over each line's raw bytes, so the lines are never decoded into strings nor cloned across threads.
import { writeSync } from 'node:fs';
import type pg from 'pg';
import { createBinaryCopyReader } from './copy-binary-rows.js';
import type { CopiedPage } from './pg-request.js';

/** Bytes gathered before each write: few system calls, little memory. */
const STAGING = 4 << 20;

/**
 * Writes the rows of `file` after seq `after` (at most `limit`, in seq order) to `fd` at `offset`, each line
 * followed by a newline. On an error the file may hold part of the page past `offset`: the caller records nothing,
 * and the next copy cuts it back.
 */
export async function copyPage(
  client: pg.Client,
  page: { file: string; after: number; limit: number },
  fd: number,
  offset: number,
): Promise<CopiedPage> {
  for (const [name, value] of Object.entries({ after: page.after, limit: page.limit, offset })) {
    // COPY takes no bind parameters: the numbers go into the statement, so they must be plain integers.
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`copy: ${name} must be a non-negative integer, got ${value}`);
  }
  const file = client.escapeLiteral(page.file);
  // Written as a range of (file, seq), so the planner walks the (file, seq) index over this file's rows alone. With
  // `file = $1 AND seq > $2` it walked the primary key and filtered on file: at 1M windows pushed file by file, the
  // first page of windows.jsonl read past every snapshot row first (EXPLAIN ANALYZE: 1,076 ms against 154 ms).
  // Bounded by the file's last seq, as the row fetch is (pg-worker.ts): a caught-up file costs an index look-up.
  const sql = `COPY (SELECT seq, line FROM ledger_rows
      WHERE (file, seq) > (${file}, ${page.after})
        AND (file, seq) <= (${file}, (SELECT max(seq) FROM ledger_rows WHERE file = ${file}))
      ORDER BY file, seq LIMIT ${page.limit}) TO STDOUT (FORMAT binary)`;
  const staging = Buffer.allocUnsafe(STAGING);
  let used = 0;
  let written = 0;
  const copied: CopiedPage = { rows: 0, lastSeq: page.after, bytes: 0 };
  const flush = (bytes: Buffer): void => {
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, offset + written + done);
    written += bytes.length;
  };
  const reader = createBinaryCopyReader((seq, raw) => {
    const line = escapeLineEnds(raw);
    if (used + line.length + 1 > STAGING) {
      flush(staging.subarray(0, used));
      used = 0;
    }
    if (line.length + 1 > STAGING) {
      flush(Buffer.concat([line, Buffer.from('\n')]));
    } else {
      used += line.copy(staging, used);
      staging[used++] = 0x0a;
    }
    copied.rows += 1;
    copied.lastSeq = seq;
  });
  await runCopyOut(client, sql, (chunk) => reader.push(chunk));
  reader.finish();
  flush(staging.subarray(0, used));
  copied.bytes = written;
  return copied;
}

/** Runs a COPY ... TO STDOUT, handing each CopyData chunk to `onChunk` (through pg's Submittable interface). */
function runCopyOut(client: pg.Client, sql: string, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: unknown = null;
    client.query({
      submit: (connection) => connection.query(sql),
      // A failed write cannot stop the server mid-COPY: the rest of the stream is drained and the failure reported.
      handleCopyData: (message: { chunk: Buffer }) => {
        if (failure !== null) return;
        try {
          onChunk(message.chunk);
        } catch (error) {
          failure = error;
        }
      },
      handleCommandComplete: () => {},
      handleReadyForQuery: () => (failure === null ? resolve() : reject(failure)),
      handleError: (error: Error) => reject(error),
    } as pg.Submittable);
  });
}

/**
 * A row's line as one line of the copy: a row our writers append is JSON text, which has no raw line end, but one
 * written into the table by other means (a forged row) became two rows in every reader's copy.
 * Its line ends are written as the JSON escapes `\n` and `\r`: inside a string the text means what it meant; anywhere
 * else the line no longer parses and is reported as unreadable, with its line number, as any damaged line is.
 */
function escapeLineEnds(line: Buffer): Buffer {
  if (!line.includes(0x0a) && !line.includes(0x0d)) return line;
  return Buffer.from(line.toString('latin1').replace(/\n/g, '\\n').replace(/\r/g, '\\r'), 'latin1');
}
