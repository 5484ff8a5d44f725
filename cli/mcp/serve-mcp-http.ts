// `tracker mcp --http`: MCP's streamable HTTP on loopback, behind the data dir's secret path (or a token) as `tracker proxy` is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { AppError, matchesToken } from '../../kernel/index.js';
import { stripStartPath } from '../../proxy/index.js';
import { createMcpServer } from './create-mcp-server.js';

/** The one path MCP is served at, after the secret base path. */
export const MCP_PATH = '/mcp';
/** A tool call's arguments are a few short values: a request past this is no client's, and is not read. */
const MAX_BODY_BYTES = 256 * 1024;

export interface McpHttpOptions {
  dataDir: string;
  host: string;
  port: number;
  /** Every request must come under it (`/_s/<hex>`, keep-start-path.ts) unless a token guards instead. */
  startPath: string | null;
  /** When set, every request must carry it in `x-tracker-auth`. */
  authToken: string | null;
  onWrongStartPath?: () => void;
  onWrongToken?: () => void;
  now?: () => Date;
}

export interface RunningMcpHttp {
  /** The URL to give `claude mcp add --transport http`: the secret path and /mcp included. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export async function startMcpHttp(options: McpHttpOptions): Promise<RunningMcpHttp> {
  const server = createServer({ headersTimeout: 30_000, requestTimeout: 120_000, keepAliveTimeout: 15_000 }, (req, res) => {
    answer(options, port, req, res).catch((error: unknown) => {
      // A defect, not the client's fault: a well-formed JSON-RPC error, and the server keeps serving.
      if (!res.headersSent) sendJsonRpcError(res, 500, -32603, `tracker mcp: internal error: ${(error as Error).message}`);
      else res.end();
    });
  });
  let port = 0;
  port = await new Promise<number>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new AppError(
          'IO',
          error.code === 'EADDRINUSE'
            ? `port ${options.port} on ${options.host} is already in use`
            : `cannot listen on ${options.host}:${options.port}: ${error.code ?? error.message}`,
          { where: '--http' },
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve((server.address() as AddressInfo).port));
  });
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}${options.startPath ?? ''}${MCP_PATH}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(options: McpHttpOptions, port: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Nothing answers a process that was not told the URL (or the token): not even whether this is an MCP server.
  if (options.startPath !== null && !stripStartPath(req, options.startPath)) {
    options.onWrongStartPath?.();
    return refuse(
      req,
      res,
      401,
      'tracker mcp: this server answers only at the URL it printed at its start (a secret path kept across restarts)',
    );
  }
  if (options.authToken !== null && !matchesToken(req.headers['x-tracker-auth'], options.authToken)) {
    options.onWrongToken?.();
    return refuse(req, res, 401, 'tracker mcp: missing or wrong x-tracker-auth header');
  }
  if ((req.url ?? '/').split('?')[0] !== MCP_PATH)
    return refuse(req, res, 404, `tracker mcp: MCP is served at ${MCP_PATH} under the URL printed at the start`);
  // Stateless: each POST is answered on its own (JSON, no stream), so GET's event stream and DELETE's session end have no use.
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return refuse(req, res, 405, 'tracker mcp: only POST is served (stateless streamable HTTP)');
  }
  // A length past the bound is refused before a byte is read; a chunked body is counted as it comes (readBody).
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
    res.setHeader('connection', 'close');
    return refuse(req, res, 413, `tracker mcp: a request is at most ${MAX_BODY_BYTES} bytes`);
  }
  const body = await readBody(req);
  if (body === null) return sendJsonRpcError(res, 413, -32000, `tracker mcp: a request is at most ${MAX_BODY_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return sendJsonRpcError(res, 400, -32700, 'tracker mcp: the request body is not JSON');
  }
  const mcp = createMcpServer(options.dataDir, options.now);
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    // A page in a browser reaching 127.0.0.1 under another name (DNS rebinding) is refused by its Host header.
    enableDnsRebindingProtection: true,
    allowedHosts: [...new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${options.host}:${port}`])],
  });
  res.on('close', () => {
    void transport.close();
    void mcp.close();
  });
  await mcp.connect(transport);
  await transport.handleRequest(req, res, parsed);
}

/** The body as text, or null past the bound: the rest is drained, never kept (leaving the loop would destroy the socket before the 413). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8');
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  req.resume();
  sendJsonRpcError(res, status, -32000, message);
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
