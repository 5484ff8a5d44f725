// `tracker mcp`'s two ways in: stdio (the client started it) until its stdin ends, or HTTP on loopback until a signal.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { KeptStartPath } from '../../proxy/index.js';
import { waitForStopSignal } from '../commands/serve-until-signal.js';
import { describeKeptStartPath } from '../commands/start-path-option.js';
import { printResult } from '../print-output.js';
import { createMcpServer } from './create-mcp-server.js';
import { startMcpHttp } from './serve-mcp-http.js';

/** Serves the client on this process's stdin and stdout (nothing else may write to stdout then: notes go to stderr). */
export async function runMcpStdio(dataDir: string): Promise<void> {
  const server = createMcpServer(dataDir);
  const ended = new Promise<void>((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.once('close', resolve);
    void waitForStopSignal().then(() => resolve());
  });
  await server.connect(new StdioServerTransport());
  await ended;
  await server.close();
}

/** Serves streamable HTTP at the URL it prints (with the secret path), until SIGINT or SIGTERM. */
export async function runMcpHttp(request: {
  dataDir: string;
  host: string;
  port: number;
  kept: KeptStartPath | null;
  authToken: string | null;
  json: boolean;
}): Promise<void> {
  const { kept } = request;
  const running = await startMcpHttp({
    dataDir: request.dataDir,
    host: request.host,
    port: request.port,
    startPath: kept?.path ?? null,
    authToken: request.authToken,
    // Not counted by tracker status (which keeps the proxy's and the receiver's refusals, those that lose rows).
    onWrongStartPath: kept
      ? sayOnce(
          `tracker mcp: refused a request outside the URL printed at the start (401; said once per start): give the client that URL; its secret is kept in ${kept.file} across restarts (--rotate-secret makes a new one)\n`,
        )
      : undefined,
    onWrongToken: sayOnce('tracker mcp: refused a request with a missing or wrong x-tracker-auth token (401; said once per start)\n'),
  });
  // Listening before the URL is printed: a client that stops it on reading the URL must not meet the default SIGTERM.
  const stopping = waitForStopSignal();
  printResult(
    request.json,
    {
      url: running.url,
      port: running.port,
      secret_path: kept !== null,
      secret_file: kept?.file ?? null,
      secret_created: kept?.created ?? false,
    },
    () =>
      `tracker mcp listening on ${running.url}\n${kept === null ? '' : describeKeptStartPath(kept)}  claude mcp add --transport http agent-tracker ${running.url}\n`,
  );
  const signal = await stopping;
  await running.stop();
  process.stderr.write(`tracker mcp: ${signal}, stopped\n`);
}

/** A line said at the first refusal of a start only: a client retrying a wrong URL fills no terminal. */
function sayOnce(line: string): () => void {
  let said = false;
  return () => {
    if (!said) process.stderr.write(line);
    said = true;
  };
}
