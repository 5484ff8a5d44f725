// `tracker mcp`: the ledger's usage, bars, plans advice and experiment verdict as read-only MCP tools (docs/mcp.md).
import { Command } from 'commander';
import { AppError, isLoopbackHost } from '../../kernel/index.js';
import { resolveContext } from '../global-options.js';
import { parsePort } from './serve-until-signal.js';
import { addRotateSecretOption, resolveStartPath } from './start-path-option.js';

interface McpFlags {
  http?: string;
  authToken?: string;
  rotateSecret?: boolean;
}

export function createMcpCommand(): Command {
  const command = new Command('mcp')
    .description(
      "serve the ledger to an agent as MCP tools (usage, bars, plans, experiment_verdict), read-only: over stdio for the client that starts it, or streamable HTTP on loopback behind the data dir's secret path (docs/mcp.md)",
    )
    .option('--http <[host:]port>', 'serve streamable HTTP on this loopback port (0 picks a free one) instead of stdio')
    .option('--auth-token <token>', 'with --http: require x-tracker-auth instead of the secret path (default: $TRACKER_PROXY_AUTH_TOKEN)')
    .addHelpText(
      'after',
      `
Claude Code:  claude mcp add agent-tracker -- npx tracker mcp
Codex:        in $CODEX_HOME/config.toml
                [mcp_servers.agent-tracker]
                command = "npx"
                args = ["tracker", "mcp"]
Add --data-dir DIR after "mcp" (or set TRACKER_DATA_DIR) for a ledger other than ./tracker-data.`,
    )
    // The SDK loads on use: `tracker mcp --help` and every other command load none of it (ADR 0023).
    .action(async function (this: Command, flags: McpFlags) {
      const ctx = resolveContext(this);
      const run = await import('../mcp/run-mcp.js');
      if (flags.http === undefined) {
        if (flags.authToken !== undefined || flags.rotateSecret)
          throw new AppError('BAD_USAGE', 'is for --http: stdio needs no guard (the client started this process)', {
            where: flags.authToken !== undefined ? '--auth-token' : '--rotate-secret',
          });
        await run.runMcpStdio(ctx.dataDir);
        return;
      }
      const { host, port } = readAddress(flags.http);
      const authToken = flags.authToken ?? (process.env.TRACKER_PROXY_AUTH_TOKEN || null);
      // The secret path shared with tracker proxy and tracker otel: no other local process reads the ledger through it.
      const kept = resolveStartPath(ctx.dataDir, authToken, flags.rotateSecret);
      await run.runMcpHttp({ dataDir: ctx.dataDir, host, port, kept, authToken, json: ctx.json });
    });
  return addRotateSecretOption(command);
}

/** `PORT` or `HOST:PORT` (`[::1]:PORT`), loopback only: the ledger's answers are for this machine's agents. */
function readAddress(value: string): { host: string; port: number } {
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?([^:]*)$/.exec(value);
  const host = match?.[1]?.replace(/^\[(.*)\]$/, '$1') ?? '127.0.0.1';
  if (!match || !isLoopbackHost(host))
    throw new AppError('BAD_USAGE', `expected a loopback port such as 127.0.0.1:8790 or 8790, got ${JSON.stringify(value)}`, {
      where: '--http',
    });
  return { host, port: parsePort(match[2] ?? '', '--http') };
}
