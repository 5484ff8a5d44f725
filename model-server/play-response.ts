// Sends a response plan over the wire: waits, writes event by event honouring backpressure, cuts the socket if told to.
import type { ServerResponse } from 'node:http';
import type { ResponsePlan } from './plan-response.js';
import { encodeFrame } from './sse-frame.js';

/** How the response ended: all sent, cut on purpose, the client went away, or the server was closed. */
export type PlayOutcome = 'complete' | 'disconnected' | 'client_closed' | 'server_closed';

/**
 * Plays the plan. `onFinish` runs just before the last byte goes out (or the socket is cut), so whoever awaits the
 * response on the other side can already see the record it writes.
 */
export async function playResponse(
  res: ServerResponse,
  plan: ResponsePlan,
  signal: AbortSignal,
  onFinish: (outcome: PlayOutcome, framesSent: number) => void,
): Promise<PlayOutcome> {
  let framesSent = 0;
  let clientGone = false;
  res.once('close', () => {
    clientGone = !res.writableFinished;
  });
  const stop = (): PlayOutcome | null => (signal.aborted ? 'server_closed' : clientGone || res.destroyed ? 'client_closed' : null);
  const finish = async (outcome: PlayOutcome, lastChunk?: string): Promise<PlayOutcome> => {
    // A cut on purpose still delivers what was written before it: the socket holds it until the next tick.
    if (outcome === 'disconnected') await waitUntilFlushed(res);
    onFinish(outcome, outcome === 'complete' && plan.body.kind === 'sse' ? plan.body.frames.length : framesSent);
    if (outcome === 'complete') res.end(lastChunk);
    else res.destroy();
    return outcome;
  };
  await sleep(plan.delayMs, signal);
  const early = stop();
  if (early) return finish(early);
  if (plan.body.kind === 'json') {
    const whole = plan.cutAfter === null;
    res.writeHead(plan.status, whole ? { ...plan.headers, 'content-length': String(Buffer.byteLength(plan.body.text)) } : plan.headers);
    if (whole) return finish('complete', plan.body.text);
    await write(res, plan.body.text.slice(0, Math.floor(plan.body.text.length / 2)));
    return finish(stop() ?? 'disconnected');
  }
  res.writeHead(plan.status, plan.headers);
  res.flushHeaders();
  const frames = plan.body.frames;
  for (const [index, item] of frames.entries()) {
    if (index === plan.cutAfter) return finish(stop() ?? 'disconnected');
    if (index > 0) await sleep(plan.chunkDelayMs, signal);
    const stopped = stop();
    if (stopped) return finish(stopped);
    if (index === frames.length - 1 && plan.cutAfter === null) return finish('complete', encodeFrame(item));
    await write(res, encodeFrame(item));
    framesSent += 1;
  }
  return finish(stop() ?? (plan.cutAfter === null ? 'complete' : 'disconnected'));
}

/** Writes a chunk; when the socket's buffer is full, waits for 'drain' (or for the response to close). */
export function write(res: ServerResponse, text: string): Promise<void> {
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Waits until the socket has handed everything written so far to the kernel. */
async function waitUntilFlushed(res: ServerResponse): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  const socket = res.socket;
  if (!socket || socket.destroyed || socket.writableLength === 0) return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/** Resolves after `ms`, or at once when the server is closing. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
