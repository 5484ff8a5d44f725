// The load client: streaming POSTs over undici keep-alive pools, timing each one's first and last body byte.
import { Pool, type Dispatcher } from 'undici';
import type { BenchRequest } from './proxy-bodies.js';

export interface LoadSample {
  /** Milliseconds from dispatch to the first body chunk, and to the end of the body. */
  firstMs: number[];
  lastMs: number[];
  requests: number;
  errors: number;
  firstError: string | null;
  wallMs: number;
}

/** A pool on a target's origin that remembers the target's path: `tracker proxy`'s URL carries its secret there. */
export class TargetPool extends Pool {
  readonly basePath: string;

  constructor(url: string, connections: number) {
    const parsed = new URL(url);
    super(parsed.origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 30_000, bodyTimeout: 30_000 });
    this.basePath = parsed.pathname.replace(/\/+$/, '');
  }
}

/** undici pools one origin: a URL with a path (the proxy's `/_s/<secret>`) is split into the two. */
export function createTargetPool(url: string, connections: number): TargetPool {
  return new TargetPool(url, connections);
}

export function createEmptySample(): LoadSample {
  return { firstMs: [], lastMs: [], requests: 0, errors: 0, firstError: null, wallMs: 0 };
}

/** Runs `count` requests one after another (1 client), stopping early once `maxMs` has passed. */
export async function runSequential(
  pool: TargetPool,
  request: BenchRequest,
  count: number,
  maxMs: number,
  into: LoadSample,
): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < count && performance.now() - started < maxMs; i += 1) await recordOne(pool, request, into);
  into.wallMs += performance.now() - started;
}

/** `clients` closed loops, each sending its next request when the last one ends, until `durationMs` (or `maxRequests`). */
export async function runClosedLoop(
  pool: TargetPool,
  request: BenchRequest,
  clients: number,
  durationMs: number,
  into: LoadSample,
  maxRequests = Infinity,
): Promise<void> {
  const started = performance.now();
  const deadline = started + durationMs;
  let issued = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline && issued < maxRequests) {
      issued += 1;
      await recordOne(pool, request, into);
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  into.wallMs += performance.now() - started;
}

async function recordOne(pool: TargetPool, request: BenchRequest, into: LoadSample): Promise<void> {
  const result = await sendOne(pool, request);
  into.requests += 1;
  if (typeof result === 'string') {
    into.errors += 1;
    into.firstError ??= result;
    return;
  }
  into.firstMs.push(result.firstMs);
  into.lastMs.push(result.lastMs);
}

/** One streaming request; its timings, or why it failed (status, transport error, or a stream without message_stop). */
export function sendOne(pool: TargetPool, request: BenchRequest): Promise<{ firstMs: number; lastMs: number } | string> {
  return new Promise((resolve) => {
    const started = performance.now();
    let firstMs = -1;
    let status = 0;
    let tail = '';
    const handler: Dispatcher.DispatchHandler = {
      // undici takes a handler for its new API only when it has onRequestStart.
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        status = statusCode;
      },
      onResponseData(_controller, chunk) {
        if (firstMs < 0) firstMs = performance.now() - started;
        tail = (tail + chunk.toString('latin1', Math.max(0, chunk.length - 64))).slice(-64);
      },
      onResponseEnd() {
        const lastMs = performance.now() - started;
        if (status !== 200) return resolve(`HTTP ${status}: ${tail}`);
        if (!tail.includes('message_stop')) return resolve(`stream ended without message_stop (tail ${JSON.stringify(tail)})`);
        resolve({ firstMs, lastMs });
      },
      onResponseError(_controller, error) {
        resolve(`${error.name}: ${error.message}`);
      },
    };
    pool.dispatch(
      { path: `${pool.basePath}/v1/messages?beta=true`, method: 'POST', headers: request.headers, body: request.body },
      handler,
    );
  });
}
