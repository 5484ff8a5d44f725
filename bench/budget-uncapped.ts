// One uncapped Responses stream among capped ones under a 1,000,000-output block budget: how long the capped ones wait.
// Run: node dist/bench/budget-uncapped.js [--hold-ms 5000] [--capped 50] [--wait-ms N] [--control]; BENCH_TRACKER=path/to/tracker.js measures
// another build. --control sends the capped requests alone (the uncapped one is not sent): their time under this load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pickPercentile } from './latency-stats.js';
import { startJsonServer, type ServerProcess } from './server-process.js';

const LIMIT = 1_000_000;
const trackerPath = process.env.BENCH_TRACKER ?? fileURLToPath(new URL('../cli/tracker.js', import.meta.url));

interface Outcome {
  status: number;
  ms: number;
  message: string;
}

/** The first request streams for `holdMs` (no max_output_tokens); every later one (each with --control) a short answer of 20 tokens. */
function writeScript(dir: string, holdMs: number, control: boolean): string {
  const events = Math.max(1, Math.round(holdMs / 100));
  const slow = { type: 'text', text: 'more '.repeat(events * 8), events, chunk_delay_ms: 100, usage: { output_tokens: events * 10 } };
  const short = { type: 'text', text: 'short', usage: { output_tokens: 20 } };
  const file = join(dir, 'script.json');
  writeFileSync(file, JSON.stringify({ name: 'uncapped-then-capped', steps: control ? [short] : [slow, short] }));
  return file;
}

async function post(url: string, agent: string, cap: number | null): Promise<Response> {
  return fetch(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dummy', 'x-tracker-agent': agent },
    body: JSON.stringify({ model: 'gpt-5-codex', stream: true, input: 'go', ...(cap === null ? {} : { max_output_tokens: cap }) }),
    signal: AbortSignal.timeout(300_000),
  });
}

async function sendCapped(url: string, index: number): Promise<Outcome> {
  const began = performance.now();
  const response = await post(url, `capped${index}`, 50);
  const text = await response.text();
  const message = response.status === 200 ? '' : ((JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text);
  return { status: response.status, ms: performance.now() - began, message };
}

/** Sends the uncapped stream; resolves once it is admitted (its reservation held from then on), with its end to come. */
async function holdUncapped(url: string): Promise<{ ended: Promise<number> }> {
  const began = performance.now();
  const uncapped = await post(url, 'uncapped', null);
  const reader = (uncapped.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  // In an object: an async function that returned this promise would wait for it, that is for the whole stream.
  const ended = (async () => {
    while (!(await reader.read()).done);
    return performance.now() - began;
  })();
  return { ended };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'hold-ms': { type: 'string' }, capped: { type: 'string' }, 'wait-ms': { type: 'string' }, control: { type: 'boolean' } },
  });
  const holdMs = Number(values['hold-ms'] ?? 5_000);
  const capped = Number(values.capped ?? 50);
  const dir = mkdtempSync(join(tmpdir(), 'bench-uncapped-'));
  const started: ServerProcess[] = [];
  const loadBefore = loadavg()[0] ?? 0;
  try {
    const upstream = await startJsonServer(
      [trackerPath, 'model-server', '--script', writeScript(dir, holdMs, values.control === true), '--port', '0', '--json'],
      {
        stderrFile: join(dir, 'upstream.log'),
      },
    );
    started.push(upstream);
    const budget = ['--overall-token-budget', String(LIMIT), '--budget-metric', 'output', '--budget-mode', 'block'];
    const env = values['wait-ms'] ? { ...process.env, TRACKER_PROXY_BUDGET_WAIT_MS: values['wait-ms'] } : process.env;
    const proxy = await startJsonServer(
      [trackerPath, 'proxy', '--port', '0', '--json', '--upstream', upstream.url, '--data-dir', join(dir, 'data'), ...budget],
      { stderrFile: join(dir, 'proxy.log'), env },
    );
    started.push(proxy);
    const held = values.control ? { ended: Promise.resolve(0) } : await holdUncapped(proxy.url);
    const outcomes = await Promise.all(Array.from({ length: capped }, (_, index) => sendCapped(proxy.url, index)));
    const heldMs = await held.ended;
    const waits = outcomes.map((outcome) => outcome.ms);
    const refused = outcomes.filter((outcome) => outcome.status !== 200);
    const report = {
      tracker: trackerPath,
      control: values.control === true,
      limit: LIMIT,
      uncapped_stream_ms: Math.round(heldMs),
      capped,
      answered: outcomes.length - refused.length,
      refused: refused.length,
      wait_ms: {
        p50: Math.round(pickPercentile(waits, 0.5)),
        p90: Math.round(pickPercentile(waits, 0.9)),
        max: Math.round(Math.max(...waits)),
      },
      first_refusal: refused[0]?.message ?? null,
      load_1m: { before: loadBefore, after: loadavg()[0] ?? 0 },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await Promise.allSettled(started.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
