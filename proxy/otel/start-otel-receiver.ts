// `tracker otel`: an OTLP/HTTP receiver of its own on loopback (/v1/logs, /v1/metrics), for agents that do not go through the proxy.
import { createRefusalRecorder } from '../server/record-refusals.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, assertSafeHost, matchesToken } from '../../kernel/index.js';
import { encodeStatus } from '../../sources/parsers/otlp/index.js';
import { BodyBudget } from '../server/body-budget.js';
import { openRowQueue } from '../telemetry/open-row-queue.js';
import { answerOtlp, type OtlpReceiver } from './answer-otlp.js';
import { readRequestAttribution } from './read-request-attribution.js';
import { MAX_KEPT_REFUSALS, type OtlpLimits, resolveOtlpLimits } from './otlp-limits.js';
import { readOtlpPath } from './otlp-paths.js';
import { sayOnce, stripStartPath } from '../server/start-path.js';

export interface OtelReceiverOptions {
  dataDir: string;
  agentId: string;
  host?: string;
  port?: number;
  /** When set, every export must carry it in `x-tracker-auth` (OTEL_EXPORTER_OTLP_HEADERS); required off loopback. */
  authToken?: string | null;
  /** On loopback without a token: every export must come under this secret base path (keep-start-path.ts), which `url` ends with. */
  startPath?: string | null;
  /** Told at the first export refused outside `startPath`, once per start. */
  onWrongStartPath?: () => void;
  /** Told at the first export refused for a missing or wrong token, once per start. */
  onWrongToken?: () => void;
  env?: NodeJS.ProcessEnv;
  limits?: Partial<OtlpLimits>;
  /** One line per refused export (see answer-otlp.ts); default: nowhere. */
  onRefusal?: (line: string) => void;
  onWriteError?: (message: string) => void;
  flushMs?: number;
}

export interface RunningOtelReceiver {
  url: string;
  port: number;
  limits: OtlpLimits;
  /** Rows written so far. */
  written(): number;
  /** Stops accepting, writes what waits, fsyncs; resolves with the rows that could not be written. */
  stop(): Promise<{ lostRows: number }>;
}

export async function startOtelReceiver(options: OtelReceiverOptions): Promise<RunningOtelReceiver> {
  const host = options.host ?? '127.0.0.1';
  const authToken = options.authToken ?? null;
  assertSafeHost(host, authToken);
  const limits = resolveOtlpLimits(options.env ?? process.env, options.limits);
  const queue = openRowQueue(
    options.dataDir,
    { agentId: options.agentId, source: 'otel' },
    { flushMs: options.flushMs, onError: options.onWriteError },
  );
  const receiver: OtlpReceiver = {
    dataDir: options.dataDir,
    agentId: options.agentId,
    sink: queue,
    limits,
    // Four exports at their cap at once, at most, in memory.
    bodies: new BodyBudget(4 * limits.maxBodyBytes),
    onRefusal: options.onRefusal ?? (() => undefined),
    refusalsLeft: MAX_KEPT_REFUSALS,
  };
  // Every 401 is kept in the data dir's state too (count, last time, reason): tracker status says it later.
  const refused = createRefusalRecorder(options.dataDir, 'otel');
  const [wrongPath, wrongToken] = [sayOnce(options.onWrongStartPath), sayOnce(options.onWrongToken)];
  const guard = {
    authToken,
    startPath: options.startPath ?? null,
    onWrongStartPath: () => {
      refused.note('base-path');
      wrongPath();
    },
    onWrongToken: () => {
      refused.note('token');
      wrongToken();
    },
  };
  const server = createServer({ headersTimeout: 30_000, requestTimeout: 300_000, keepAliveTimeout: 15_000 }, (req, res) => {
    handle(receiver, guard, req, res).catch((error: unknown) => {
      // A defect, not an export's fault: answer something well-formed and keep serving.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-protobuf' });
      res.end(encodeStatus('protobuf', 13, `tracker otel: internal error: ${(error as Error).message}`).body);
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          'IO',
          error.code === 'EADDRINUSE'
            ? `port ${options.port} on ${host} is already in use`
            : `cannot listen on ${host}:${options.port}: ${error.code ?? error.message}`,
          {
            where: '--port',
          },
        ),
      ),
    );
    server.listen(options.port ?? 4318, host, () => resolve((server.address() as AddressInfo).port));
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${options.startPath ?? ''}`,
    port,
    limits,
    written: () => Object.values(queue.written).reduce((sum, n) => sum + n, 0),
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      refused.flush();
      return { lostRows: await queue.close() };
    },
  };
}

async function handle(
  receiver: OtlpReceiver,
  guard: { authToken: string | null; startPath: string | null; onWrongStartPath: () => void; onWrongToken: () => void },
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const refuse = (status: number, code: number, message: string): void => {
    req.resume();
    const answer = encodeStatus('protobuf', code, message);
    res.writeHead(status, { 'content-type': answer.contentType, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  };
  // On loopback without a token: only an exporter told the endpoint gets in (16 = UNAUTHENTICATED).
  if (guard.startPath !== null && !stripStartPath(req, guard.startPath)) {
    guard.onWrongStartPath();
    return refuse(
      401,
      16,
      'tracker otel: this receiver answers only at the endpoint it printed at its start (a secret path kept across restarts)',
    );
  }
  const authToken = guard.authToken;
  const url = req.url ?? '/';
  const path = url.split('?')[0] ?? '/';
  if (authToken !== null && !matchesToken(req.headers['x-tracker-auth'], authToken)) {
    guard.onWrongToken();
    return refuse(401, 16, 'tracker otel: missing or wrong x-tracker-auth header (OTEL_EXPORTER_OTLP_HEADERS=x-tracker-auth=...)');
  }
  const signal = readOtlpPath(path);
  if (signal === null) return refuse(404, 5, 'tracker otel: no OTLP signal at this path (it takes /v1/logs and /v1/metrics)');
  await answerOtlp(receiver, req, res, path, signal, readRequestAttribution(req.headers, false));
}
