// A block budget under concurrency: each request reserves its worst case before it is forwarded, so N requests at once
// cannot all pass a budget that has room for a few (f9e718a answered all 50 of 50, 10,000 tokens).
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { request } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const LIMIT = 1000;
const ANSWER_TOKENS = 200;
const lab = useProxyLab();

/** Every answer reports `tokens` output tokens (its text `text`), streamed over ~100 ms so that concurrent answers overlap. */
async function start(text = 'word ', tokens = ANSWER_TOKENS): Promise<{ url: string; rows: TelemetryRow[] }> {
  const script = parseScript(
    { name: 'answer', steps: [{ type: 'text', text, events: 20, chunk_delay_ms: 5, usage: { output_tokens: tokens } }] },
    'test',
  );
  const rows: TelemetryRow[] = [];
  const { proxy } = await lab.start(script, 'reservations', {
    onTelemetry: (row) => rows.push(row),
    budget: {
      policy: parseBudgetFlags({ overallTokenBudget: String(LIMIT), budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG),
    },
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

  it('never cuts a stream that keeps to its max_tokens, though characters / 4 puts it past them, and logs what it charges', async () => {
    // 460 characters a stream: estimated 115 tokens, where the upstream counts 100, its max_tokens. The ten
    // reservations fill the budget. Before, each was cut at an estimated 104 (the end of a tool call lost), its row said
    // 104 and the budget 100: 1,040 logged where 1,000 were charged.
    const { url, rows } = await start('abcdefghijklmnopqrstuvw'.repeat(20), 100);
    const body = { model: 'claude-sonnet-4-5', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'hi' }] };
    const answers = await Promise.all(Array.from({ length: 30 }, () => send(url, body)));
    const answered = answers.filter((answer) => answer.status === 200);
    expect(answered).toHaveLength(10);
    for (const answer of answered) expect(answer.text).toContain('"stop_reason":"end_turn"');
    await vi.waitFor(() => expect(lab.proxy?.budget?.tracker.usage()[0]).toMatchObject({ used: LIMIT, inFlight: 0 }));
    // Each row has the upstream's own count, and the budget is charged the same.
    expect(rows.filter((row) => row.status === 200).map((row) => row.completion_tokens)).toEqual(Array(10).fill(100));
  });
});
