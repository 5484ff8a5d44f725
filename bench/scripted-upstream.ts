// The scripted model server as the budget bench's upstream, logging each answer's whole record (deltas and tokens sent) as JSON on stderr.
import { resolveScript, startScriptedServer, type ScriptedServer } from '../proxy/scripted-server/index.js';

/** One stderr line per answered request: what `tracker model-server`'s log line leaves out (content_deltas_sent, output_tokens_sent). */
export interface UpstreamRecord {
  seq: number;
  request_id: string;
  /** The x-bench-run header the request arrived with (the proxy forwards it), null when absent. */
  run: string | null;
  outcome: string;
  content_deltas_sent: number;
  output_tokens_sent: number;
  planned_output_tokens: number | null;
  duration_ms: number;
}

async function serveScript(name: string): Promise<void> {
  let server: ScriptedServer | null = null;
  // The server logs a line right after it keeps the record; a `#N ... failed: ...` line comes with none.
  const logRecord = (text: string): void => {
    const record = server?.sent.at(-1);
    if (!record || / failed: /.test(text) || !text.startsWith(`#${record.seq} `)) return;
    const run = record.request_headers['x-bench-run'];
    const line: UpstreamRecord = {
      seq: record.seq,
      request_id: record.request_id,
      run: typeof run === 'string' ? run : null,
      outcome: record.outcome,
      content_deltas_sent: record.content_deltas_sent,
      output_tokens_sent: record.output_tokens_sent,
      planned_output_tokens: record.usage?.output_tokens ?? null,
      duration_ms: record.duration_ms,
    };
    process.stderr.write(`${JSON.stringify(line)}\n`);
  };
  server = await startScriptedServer({ script: resolveScript(name), port: 0, host: '127.0.0.1', log: logRecord });
  process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port, script: name })}\n`);
  const running = server;
  process.once('SIGTERM', () => {
    void running.close().then(() => process.exit(0));
  });
}

serveScript(process.argv[2] ?? 'long').catch((error: unknown) => {
  process.stderr.write(`scripted-upstream: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
