// A block budget under concurrency: each request reserves its worst case before it is forwarded, so N requests at once
// cannot all pass a budget that has room for a few (issue 29, item 5: f9e718a answered all 50 of 50, 10,000 tokens).
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseScript, startScriptedServer, type ScriptedServer } from '../../model-server/index.js';
import type { RunningProxy } from '../server/start-proxy.js';
import { startProxyBefore } from '../test-fixtures/start-proxy-before.js';

const LIMIT = 1000;
const ANSWER_TOKENS = 200;
let upstream: ScriptedServer | null = null;
let proxy: RunningProxy | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await proxy?.stop(0);
  await upstream?.close();
  proxy = null;
  upstream = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every answer reports 200 output tokens, streamed over ~100 ms so that concurrent answers overlap. */
async function start(): Promise<{ url: string; rows: TelemetryRow[] }> {
  const script = parseScript(
    {
      name: 'two-hundred',
      steps: [{ type: 'text', text: 'word ', events: 20, chunk_delay_ms: 5, usage: { output_tokens: ANSWER_TOKENS } }],
    },
    'test',
  );
  upstream = await startScriptedServer({ script, port: 0 });
  const dataDir = mkdtempSync(join(tmpdir(), 'reservations-'));
  dirs.push(dataDir);
  const rows: TelemetryRow[] = [];
  proxy = await startProxyBefore(upstream.url, dataDir, {
    onTelemetry: (row) => rows.push(row),
    budget: { policy: parseBudgetFlags({ overallTokenBudget: String(LIMIT), budgetMetric: 'output', budgetMode: 'block' }) },
  });
  return { url: proxy.url, rows };
}

function send(base: string, body: object): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/v1/messages`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'dummy' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('block budgets reserve before forwarding', () => {
  it.each([
    [1, false, 200],
    [10, false, 200],
    [50, false, 200],
    [50, true, 200],
    [50, false, 4096],
    [50, true, 4096],
  ])('%i concurrent requests (stream %s, max_tokens %i): at most the limit is answered', async (concurrent, stream, maxTokens) => {
    const { url, rows } = await start();
    const body = { model: 'claude-sonnet-4-5', max_tokens: maxTokens, stream, messages: [{ role: 'user', content: 'hi' }] };
    const answers = await Promise.all(Array.from({ length: concurrent }, () => send(url, body)));
    const answered = answers.filter((answer) => answer.status === 200).length;
    const refused = answers.filter((answer) => answer.status === 429);
    const used = rows.filter((row) => row.status === 200).reduce((sum, row) => sum + (row.completion_tokens ?? 0), 0);
    // Every answer fits its reservation here (200 tokens within max_tokens), so the bound is the limit itself.
    expect(used).toBeLessThanOrEqual(LIMIT);
    expect(answered).toBe(Math.min(concurrent, LIMIT / ANSWER_TOKENS));
    expect(answered + refused.length).toBe(concurrent);
    for (const answer of refused) expect(JSON.parse(answer.text)).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    if (process.env.TRACKER_PRINT_OVERSHOOT) process.stdout.write(`${concurrent}\t${stream}\t${maxTokens}\t${answered}\t${used}\n`);
  });
});
