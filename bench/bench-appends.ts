// Appends/s of K writer processes making N single-row appends each to the same ledger file.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerMessage } from './append-worker.js';

export interface AppendResult {
  writers: number;
  appends: number;
  seconds: number;
  perSecond: number;
}

/** Where the rows go: the data dir's JSONL file by default; `env` (TRACKER_LEDGER_URL) and `countRows` for another backend. */
export interface AppendBackend {
  env?: NodeJS.ProcessEnv;
  countRows?: () => Promise<number>;
}

const workerPath = fileURLToPath(new URL('./append-worker.js', import.meta.url));

/**
 * Starts `writers` processes, waits until each has loaded the store, then says "go" to all at once and
 * times from "go" until the last one exits. Fails if the ledger does not hold exactly writers x perWriter rows.
 */
export async function benchAppends(
  dataDir: string,
  writers: number,
  perWriter: number,
  backend: AppendBackend = {},
): Promise<AppendResult> {
  const env = { ...process.env, ...backend.env };
  const children = Array.from({ length: writers }, (_, n) =>
    spawn(process.execPath, [workerPath, dataDir, `w${n}`, String(perWriter)], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  const exits = children.map(waitForExit);
  for (const exit of exits) exit.catch(() => undefined); // reported by Promise.all below, not as unhandled
  await Promise.all(children.map(waitForReady));
  const started = performance.now();
  for (const child of children) child.send('go');
  await Promise.all(exits);
  const seconds = (performance.now() - started) / 1000;

  const appends = writers * perWriter;
  const lines = backend.countRows ? await backend.countRows() : countLines(join(dataDir, 'snapshots.jsonl'));
  if (lines !== appends) throw new Error(`expected ${appends} rows after the append bench, found ${lines}`);
  return { writers, appends, seconds, perSecond: appends / seconds };
}

function waitForReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`append worker exited with ${code} before it was ready`)));
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolve();
    });
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`append worker failed (exit ${code}, signal ${signal})`)),
    );
  });
}

function countLines(path: string): number {
  const bytes = readFileSync(path);
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) lines += 1;
  return lines;
}
