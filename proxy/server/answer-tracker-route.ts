// The proxy's own routes under /_tracker/ (health, flush), behind the token when one is set.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../forward/forward-request.js';
import { matchesToken } from '../../kernel/index.js';
import type { ProxyRuntime, RefusalCounts } from './proxy-runtime.js';

export type { RefusalCounts } from './proxy-runtime.js';

export const UNAUTHORIZED = 'proxy_unauthorized';

/** Adds one refusal of this type to the counts. */
export function countRefusal(counts: RefusalCounts, errorType: string): void {
  counts.set(errorType, (counts.get(errorType) ?? 0) + 1);
}

/**
 * A request to an everyday proxy outside its start path: 401, no row (it names nothing to charge), counted with the
 * wrong tokens. What the proxy printed at its start is the way in.
 */
export function refuseOutsideStartPath(runtime: ProxyRuntime, req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  countRefusal(runtime.refusals, UNAUTHORIZED);
  runtime.onUnauthorized('base-path');
  runtime.onWrongStartPath();
  sendError(
    res,
    'anthropic-messages',
    401,
    'authentication_error',
    'tracker proxy: this proxy answers only at the base URL it printed at its start (a secret path kept across restarts)',
  );
}

/** Answers a /_tracker/ path and returns true; false for any other path. */
export async function answerTrackerRoute(runtime: ProxyRuntime, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (!path.startsWith('/_tracker/')) return false;
  if (runtime.authToken !== null && !matchesToken(req.headers['x-tracker-auth'], runtime.authToken)) {
    // The routes and budgets health lists, and a flush on demand, are for the token's holders only.
    req.resume();
    countRefusal(runtime.refusals, UNAUTHORIZED);
    runtime.onUnauthorized('token');
    sendError(res, 'anthropic-messages', 401, 'authentication_error', 'tracker proxy: missing or wrong x-tracker-auth header');
    return true;
  }
  if (path === '/_tracker/flush') {
    // Lets a runner read the ledger right after an agent ends: everything this proxy saw so far is on disk then.
    req.resume();
    await runtime.queue.flush();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"flushed":true}');
    return true;
  }
  if (path === '/_tracker/health') {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    const budgets =
      runtime.budget?.tracker.limits.map((limit) => ({ id: limit.id, metric: limit.metric, limit: limit.limit, mode: limit.mode })) ?? [];
    const refused = Object.fromEntries(runtime.refusals);
    res.end(
      JSON.stringify({
        ok: true,
        routes: runtime.table.routes.map((route) => route.name),
        budgets,
        refused,
        in_flight_body_bytes: runtime.bodies.heldBytes(),
        ...(runtime.failover ? { failover: runtime.failover.describe() } : {}),
      }),
    );
    return true;
  }
  return false;
}
