// `tracker otel`: takes in the agents' own OpenTelemetry (OTLP/HTTP logs and metrics) and records their usage (docs/otel.md).
import { Command } from 'commander';
import { AppError, assertSafeHost } from '../../kernel/index.js';
import { describeWrongStartPath, describeWrongToken } from '../../proxy/index.js';
import { OTLP_LIMIT_ENV, parseOtlpLimit, startOtelReceiver } from '../../proxy/otel/index.js';
import { resolveContext } from '../global-options.js';
import { printResult } from '../print-output.js';
import { parsePort, waitForStopSignal } from './serve-until-signal.js';
import { addRotateSecretOption, describeKeptStartPath, resolveStartPath } from './start-path-option.js';

interface OtelFlags {
  port: string;
  host: string;
  authToken?: string;
  rotateSecret?: boolean;
  maxBodyBytes?: string;
  maxDecodedBytes?: string;
}

export function createOtelCommand(): Command {
  const command = new Command('otel')
    .description(
      "receive the agents' own OpenTelemetry (OTLP/HTTP /v1/logs and /v1/metrics, JSON or protobuf, gzip) and record their usage",
    )
    .option('--port <n>', "port to listen on (0 picks a free one; 4318 is OTLP/HTTP's own)", '4318')
    .option('--host <host>', 'address to listen on; a non-loopback one needs --auth-token', '127.0.0.1')
    .option('--auth-token <token>', 'require exporters to send it as x-tracker-auth (default: $TRACKER_PROXY_AUTH_TOKEN)')
    .option('--max-body-bytes <n>', `largest export as sent (larger: 413; default 8 MiB, or $${OTLP_LIMIT_ENV.maxBodyBytes})`)
    .option('--max-decoded-bytes <n>', `largest export once gunzipped (larger: 413; default 32 MiB, or $${OTLP_LIMIT_ENV.maxDecodedBytes})`)
    .addHelpText(
      'after',
      `
Point the agents at the URL it prints (tracker proxy answers the same paths on its own port): on loopback without
--auth-token it ends with a secret path kept in the data dir's state (/_s/<hex>, the same at every start until
--rotate-secret, shared with tracker proxy; anything else gets 401), shown as URL below:
  CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp \\
    OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_ENDPOINT=URL claude
  codex, in $CODEX_HOME/config.toml:
    [otel]
    exporter = { otlp-http = { endpoint = "URL/v1/logs", protocol = "binary" } }
Rows go to otel_usage.jsonl (docs/data-format.md); a refused export gets the OTLP error status, one line here and
its body under rejects/. Tag a window: OTEL_RESOURCE_ATTRIBUTES=tracker.window_id=W1,tracker.provider=claude.`,
    )
    .action(async function (this: Command, flags: OtelFlags) {
      const ctx = resolveContext(this);
      const port = parsePort(flags.port, '--port');
      const authToken = flags.authToken ?? (process.env.TRACKER_PROXY_AUTH_TOKEN || null);
      assertSafeHost(flags.host, authToken);
      // The secret path: no other local process (an arm's agent among them) plants rows into the ledger.
      const kept = resolveStartPath(ctx.dataDir, authToken, flags.rotateSecret);
      const startPath = kept?.path ?? null;
      const limits = {
        ...(flags.maxBodyBytes === undefined ? {} : { maxBodyBytes: parseOtlpLimit(flags.maxBodyBytes, '--max-body-bytes') }),
        ...(flags.maxDecodedBytes === undefined ? {} : { maxDecodedBytes: parseOtlpLimit(flags.maxDecodedBytes, '--max-decoded-bytes') }),
      };
      const receiver = await startOtelReceiver({
        dataDir: ctx.dataDir,
        agentId: ctx.agentId,
        host: flags.host,
        port,
        authToken,
        startPath,
        onWrongStartPath: kept ? () => process.stderr.write(`tracker otel: ${describeWrongStartPath(kept.file, 'export')}\n`) : undefined,
        onWrongToken: () => process.stderr.write(`tracker otel: ${describeWrongToken('export')}\n`),
        limits,
        onRefusal: (line) => process.stderr.write(`tracker otel: ${line}\n`),
        onWriteError: (message) => process.stderr.write(`tracker otel: could not write rows yet (will retry): ${message}\n`),
      });
      // Listening before the URL is printed: a client that stops it on reading the URL must not meet the default SIGTERM.
      const stopping = waitForStopSignal();
      printResult(
        ctx.json,
        {
          url: receiver.url,
          port: receiver.port,
          secret_path: startPath !== null,
          secret_file: kept?.file ?? null,
          secret_created: kept?.created ?? false,
          paths: ['/v1/logs', '/v1/metrics'],
          limits: receiver.limits,
        },
        () =>
          `tracker otel listening on ${receiver.url}\n${
            kept === null
              ? ''
              : `${describeKeptStartPath(kept)}  OTEL_EXPORTER_OTLP_ENDPOINT=${receiver.url}; codex: endpoint = "${receiver.url}/v1/logs"\n`
          }`,
      );
      const signal = await stopping;
      const { lostRows } = await receiver.stop();
      if (lostRows > 0)
        throw new AppError('IO', `stopped on ${signal}, but ${lostRows} row(s) could not be written to ${ctx.dataDir}`, { where: 'otel' });
      process.stderr.write(`tracker otel: ${signal}, stopped; ${receiver.written()} row(s) written\n`);
    });
  return addRotateSecretOption(command);
}
