// Test helpers: a temp data dir, and the append worker run as a real child process through tsx.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workerPath = fileURLToPath(new URL('./append-worker.ts', import.meta.url));

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface RunningWorker {
  child: ChildProcess;
  exited: Promise<WorkerExit>;
}

export function makeTempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts one worker appending `count` rows (or 'forever': then kill it) with `padBytes` of padding per row. */
export function startWorker(dataDir: string, writer: string, count: number | 'forever', padBytes = 0): RunningWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath, dataDir, writer, String(count), String(padBytes)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<WorkerExit>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, exited };
}

/** Complete lines of a file (text before the last newline), and the bytes after it. */
export function splitLines(path: string): { lines: string[]; tail: string } {
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n');
  const lines = end === -1 ? [] : text.slice(0, end).split('\n');
  return { lines, tail: text.slice(end + 1) };
}
