// Times secret redaction per MB of an agent's text (prose, code, diffs; plain and as JSON turn lines) and per ledger row.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactRow, redactText } from '../kernel/index.js';
import { pickPercentile } from './latency-stats.js';

/** The package root: its docs and task bank are the corpus (code, prose, specs, as an agent reads and writes them). */
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const MIB = 1024 * 1024;

export interface RedactionBench {
  bytes: number;
  runs: number;
  /** redactText over the corpus as plain text (a diff, a test log), median ms per MiB. */
  plainMsPerMb: number;
  /** The same text cut in 2 KB turns, each a JSON line (turns.jsonl, a tool call's input), median ms per MiB. */
  jsonMsPerMb: number;
  /** redactRow over a 20-field ledger row of short strings, median µs per row. */
  rowMicros: number;
  /** Secrets found in the corpus (it holds none on purpose: each one is a look-alike redacted). */
  plainRedactions: number;
}

/** Every file under the folders, sorted, as text, to `limit` bytes. */
function readCorpus(folders: readonly string[], limit: number): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(?:md|js|ts|py|json|txt)$/.test(name)) files.push(path);
    }
  };
  for (const folder of folders) walk(join(packageRoot, folder));
  let text = '';
  for (const file of files) {
    if (text.length >= limit) break;
    text += `${readFileSync(file, 'utf8')}\n`;
  }
  return text.slice(0, limit);
}

/** A telemetry row's strings: ids, times, a model, a route, paths; what redactRow sees on every append. */
function makeRow(i: number): Record<string, string> {
  return {
    id: `0190f3c2-${String(i).padStart(4, '0')}-7000-8000-00000000${String(i % 10_000).padStart(4, '0')}`,
    kind: 'proxy_request',
    ts: `2026-05-01T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
    source: 'proxy',
    agent_id: 'main',
    session_id: `sess-${i % 7}`,
    subagent_id: 'root',
    backend_provider: 'anthropic',
    model: 'claude-sonnet-4-5',
    requested_model: 'claude-sonnet-4-5',
    route: '/v1/messages',
    status: '200',
    trace_id: `${(i * 2654435761).toString(16).padStart(32, '0').slice(0, 32)}`,
    window_id: `w-2026-05-01-${i % 3}`,
    feature_id: 'lru-cache-ttl',
    command: '/review',
    tool_version: '0.1.0',
    error_type: '',
    stream: 'true',
    notes: `turn ${i}: 1,204 input tokens, 311 output`,
  };
}

function medianMs(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return pickPercentile(times, 0.5);
}

export function benchRedaction(runs = 7, bytes = MIB): RedactionBench {
  const plain = readCorpus(['docs', 'task-bank'], bytes);
  const turns: string[] = [];
  for (let at = 0; at < plain.length; at += 2048)
    turns.push(JSON.stringify({ role: 'assistant', blocks: [{ type: 'text', text: plain.slice(at, at + 2048) }] }));
  const json = turns.join('\n');
  const rows = Array.from({ length: 2_000 }, (_, i) => makeRow(i));
  return {
    bytes: plain.length,
    runs,
    plainMsPerMb: (medianMs(runs, () => redactText(plain)) * MIB) / plain.length,
    jsonMsPerMb: (medianMs(runs, () => redactText(json)) * MIB) / json.length,
    rowMicros:
      (medianMs(runs, () => {
        for (const row of rows) redactRow(row);
      }) *
        1000) /
      rows.length,
    plainRedactions: (redactText(plain).match(/\[REDACTED\]/g) ?? []).length,
  };
}

export function reportRedaction(): void {
  const result = benchRedaction();
  console.log(`Redaction: redactText over ${(result.bytes / MIB).toFixed(2)} MiB of docs and task bank, median of ${result.runs} runs`);
  console.log(
    `  plain ${result.plainMsPerMb.toFixed(1)} ms/MiB, as JSON turn lines ${result.jsonMsPerMb.toFixed(1)} ms/MiB, a 20-field row ${result.rowMicros.toFixed(1)} µs; ${result.plainRedactions} look-alike(s) redacted in the corpus\n`,
  );
}
