// Starts the scripted model server (Anthropic Messages + OpenAI Responses over node:http) and stops it cleanly.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../kernel/index.js';
import { createRequestHandler, type HandlerState } from './create-request-handler.js';
import type { Script } from './script-schema.js';
import type { SentRecord } from './sent-record.js';
import { writeQuotaState, type QuotaState } from './solver/quota-state.js';
import { resolveTasksDir } from './solver/resolve-tasks-dir.js';
import { assertSafeHost } from '../kernel/index.js';
import { matchesToken } from '../kernel/index.js';

/** Where `tracker model-server` reads its token (the proxy's rule: a non-loopback host needs one). */
export const MODEL_SERVER_TOKEN_ENV = 'TRACKER_MODEL_SERVER_AUTH_TOKEN';

export interface ScriptedServerOptions {
  /** A validated script (parseScript, loadScript or a built-in). */
  script: Script;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** Gets one line per answered request. */
  log?: (line: string) => void;
  /** Where `{{cwd}}` points when a request does not state its working directory; process.cwd() by default. */
  cwd?: string;
  /**
   * Answer every model request (messages, responses) with the task-aware solver: it finds "Task id: <id>" in the
   * request and writes `tasksDir/<id>/solution` file by file (see solver/). The script still answers the side routes.
   */
  solver?: {
    /** One task bank, or several (a run that mixes built-in, imported and synthesized tasks): the first holding an id answers. */
    tasksDir: string | readonly string[];
    /** Claude Code conversations first hand a survey to a haiku-tier sub-agent. */
    delegate?: boolean;
  };
  /** Clients must send it (x-tracker-auth, x-api-key or a Bearer token); needed off loopback. Default: $TRACKER_MODEL_SERVER_AUTH_TOKEN. */
  authToken?: string | null;
  /**
   * Keep the solver's quota (units per account, the periods' start) in `file`, written before each answer that
   * charges it leaves, starting from `state` (readQuotaState's, or a resumed run's). Without it the quota lives in
   * memory and the periods start now. `journal`: keep each charge's time until settleQuota (solver-bars.ts).
   */
  quota?: { file: string; state: QuotaState; journal?: boolean; onProblem?: (line: string) => void };
}

export interface ScriptedServer {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  port: number;
  /** One record per answered request, in the order the answers ended. */
  readonly sent: SentRecord[];
  /** Requests received so far (answered or not yet). */
  readonly received: number;
  /** Settles the solver's charges of `accounts` (all when null) made up to `upToMs`; nothing without the solver. */
  settleQuota(upToMs: number, accounts: readonly string[] | null): void;
  /** Stops answering: cuts in-flight streams, ends keep-alive sockets, releases the port. */
  close(): Promise<void>;
}

export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const host = options.host ?? '127.0.0.1';
  const authToken = options.authToken === undefined ? process.env[MODEL_SERVER_TOKEN_ENV] || null : options.authToken;
  assertSafeHost(
    host,
    authToken,
    `--auth-token (or ${MODEL_SERVER_TOKEN_ENV}), which clients then send as x-tracker-auth, x-api-key or a Bearer token`,
  );
  const solver = options.solver
    ? {
        tasksDirs: (typeof options.solver.tasksDir === 'string' ? [options.solver.tasksDir] : options.solver.tasksDir).map((dir) =>
          resolveTasksDir(dir),
        ),
        delegate: options.solver.delegate === true,
      }
    : undefined;
  const state: HandlerState = { sent: [], received: 0 };
  const closing = new AbortController();
  const quota = options.quota;
  const keeping = quota && {
    state: quota.state,
    save: (next: QuotaState) => writeQuotaState(quota.file, next),
    journal: quota.journal === true,
  };
  const handler = createRequestHandler(
    {
      script: options.script,
      signal: closing.signal,
      log: options.log,
      startedAt: quota?.state.started_at_ms ?? Date.now(),
      cwd: options.cwd ?? process.cwd(),
      solver,
      keeping,
      onProblem: quota?.onProblem,
    },
    state,
  );
  const server = createServer({ keepAliveTimeout: 5_000 }, authToken ? requireToken(authToken, handler) : handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE' ? 'the port is already in use' : error.code === 'EACCES' ? 'permission denied' : error.message;
      reject(
        new AppError(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? 'BAD_USAGE' : 'IO', reason, {
          where: `${host}:${options.port ?? 0}`,
          cause: error,
        }),
      );
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | null = null;
  return {
    url: `http://${formatHost(host)}:${port}`,
    port,
    sent: state.sent,
    get received() {
      return state.received;
    },
    settleQuota(upToMs, accounts) {
      state.bars?.settle(upToMs, accounts);
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

/** Answers 401 (Anthropic's envelope) unless the request carries the token in one of the headers an API client can set. */
function requireToken(
  token: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const bearer = typeof req.headers.authorization === 'string' ? req.headers.authorization.replace(/^\s*bearer\s+/i, '') : undefined;
    if ([req.headers['x-tracker-auth'], req.headers['x-api-key'], bearer].some((given) => matchesToken(given, token)))
      return handler(req, res);
    req.resume();
    res.writeHead(401, { 'content-type': 'application/json', connection: 'close' });
    res.end(
      JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'scripted model server: missing or wrong token' } }),
    );
  };
}

/** A wildcard address is reached through loopback; an IPv6 literal needs brackets in a URL. */
function formatHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
