// Runs findLinesContaining on a worker thread, so a search of one file can overlap work on another.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { findLinesContaining, type FoundLine } from './find-lines.js';

interface SearchRequest {
  /** Tells this module's worker apart from other workers that import the ledger. */
  role: 'find-lines';
  path: string;
  needles: string[];
}

/** Starts the search on another thread; the promise settles with the same lines the synchronous search gives. */
export function findLinesContainingInWorker(path: string, needles: string[]): Promise<FoundLine[]> {
  // Run from TypeScript sources (unit tests), a worker could not load this file: search inline instead.
  if (import.meta.url.endsWith('.ts')) return Promise.resolve(findLinesContaining(path, needles));
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { role: 'find-lines', path, needles } satisfies SearchRequest });
    worker.once('message', (lines: FoundLine[]) => resolve(lines));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`line search worker for ${path} exited with code ${code}`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as Partial<SearchRequest> | null)?.role === 'find-lines') {
  const request = workerData as SearchRequest;
  parentPort.postMessage(findLinesContaining(request.path, request.needles));
}
