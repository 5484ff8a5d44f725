// Starts the worker thread that takes its share of each step of the preview scan (scan-helper-worker.ts), so the scan uses both cores.
import { Worker } from 'node:worker_threads';
import { resolvePackagePath } from '../../kernel/index.js';
import type { RangePlan } from '../store/claim-ranges.js';
import type { FoundLine } from '../store/find-lines.js';
import type { SharedCompletions } from './completion-table.js';
import type { SharedKeys } from './key-table.js';
import type { CompletionPart } from './read-completions.js';
import type { SnapshotRows } from './snapshot-rows.js';

export type Claimed<T> = { index: number; result: T }[];

/** One range of windows.jsonl the helper read, its completions in a table the main thread merges. */
export type HelperCompletions = Omit<CompletionPart, 'table'> & { table: SharedCompletions };

/** What the plan hands each thread: ranges to claim, with a counter of their own for each step. */
export interface ScanPlan {
  /** Retractions and corrections of windows.jsonl. */
  changers: RangePlan;
  /** Completions of windows.jsonl: the main thread claims from the first range, the helper from the last. */
  completions: RangePlan;
  snapshots: RangePlan;
}

/** Each step's share of the helper; with no worker (small files, or run from TypeScript sources) its shares are empty. */
export interface ScanHelper {
  changers(): Promise<Claimed<FoundLine[]>>;
  completions(dead: Set<string>): Promise<Claimed<HelperCompletions>>;
  snapshots(completed: SharedKeys): Promise<Claimed<SnapshotRows>>;
  /** Ends the worker, also when the scan failed half-way. */
  stop(): void;
}

export interface HelperData extends ScanPlan {
  /** Tells this module's worker apart from other workers that import the ledger. */
  role: 'preview-scan';
}

// The worker's garbage is short-lived line strings: a small nursery keeps its memory low at no visible cost in time.
const WORKER_YOUNG_MB = 12;

export type Message =
  | { kind: 'changers'; changers: Claimed<FoundLine[]> }
  | { kind: 'completions'; parts: Claimed<HelperCompletions> }
  | { kind: 'snapshots'; rows: Claimed<SnapshotRows> };

export function startScanHelper(plan: ScanPlan, useWorker: boolean): ScanHelper {
  // Run from TypeScript sources (unit tests), a worker could not load this file: the main thread does it all.
  if (!useWorker || import.meta.url.endsWith('.ts')) {
    return { changers: async () => [], completions: async () => [], snapshots: async () => [], stop: () => {} };
  }
  const worker = new Worker(resolvePackagePath('dist/ledger/scanners/scan-helper-worker.js'), {
    workerData: { role: 'preview-scan', ...plan } satisfies HelperData,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  const receive = createReceiver(worker);
  return {
    changers: async () => ((await receive('changers')) as Extract<Message, { kind: 'changers' }>).changers,
    completions: async (dead) => {
      worker.postMessage([...dead]);
      return ((await receive('completions')) as Extract<Message, { kind: 'completions' }>).parts;
    },
    snapshots: async (completed) => {
      worker.postMessage(completed);
      return ((await receive('snapshots')) as Extract<Message, { kind: 'snapshots' }>).rows;
    },
    stop: () => void worker.terminate(),
  };
}

/** Messages by kind, whether they came before or after they were asked for; a failed worker fails every wait. */
function createReceiver(worker: Worker): (kind: Message['kind']) => Promise<Message> {
  const arrived = new Map<string, Message>();
  const waiting = new Map<string, { resolve: (message: Message) => void; reject: (error: unknown) => void }>();
  let failure: unknown;
  worker.on('message', (message: Message) => {
    const waiter = waiting.get(message.kind);
    if (waiter) waiter.resolve(message);
    else arrived.set(message.kind, message);
  });
  const fail = (error: unknown): void => {
    failure ??= error;
    for (const waiter of waiting.values()) waiter.reject(failure);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`preview scan worker exited with code ${code}`));
  });
  return (kind) => {
    const message = arrived.get(kind);
    if (message) return Promise.resolve(message);
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise((resolve, reject) => waiting.set(kind, { resolve, reject }));
  };
}
