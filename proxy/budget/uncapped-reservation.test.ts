// A request without an output cap reserves its model's maximum, not the whole block budget: on
// 43e3261 one uncapped Responses stream held 1,000,000 output tokens and every capped request waited for it to end.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const lab = useProxyLab();

/** The first request plays a ~4 s stream of 400 output tokens; every later one a short answer of 20. */
async function start(limit: number, budgetWaitMs = 120_000): Promise<string> {
  const script = parseScript(
    {
      name: 'slow-then-short',
      steps: [
        { type: 'text', text: 'slow '.repeat(80), events: 80, chunk_delay_ms: 50, usage: { output_tokens: 400 } },
        { type: 'text', text: 'short answer', usage: { output_tokens: 20 } },
      ],
    },
    'test',
  );
  const policy = parseBudgetFlags(
    { overallTokenBudget: String(limit), budgetMetric: 'output', budgetMode: 'block', budgetWarnAt: 'none' },
    BUILT_IN_CATALOG,
  );
  const { proxy } = await lab.start(script, 'uncapped', { budget: { policy }, limits: { budgetWaitMs } });
  return proxy.url;
}

interface Answer {
  status: number;
  text: string;
}

async function ask(base: string, body: object, agent: string): Promise<Answer> {
  const response = await fetch(`${base}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dummy', 'x-tracker-agent': agent },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** Starts the first (slow) stream and resolves once its first bytes are back: its reservation is held from then on. */
async function startSlowStream(base: string, body: object): Promise<{ rest: Promise<{ text: string; endedAt: number }> }> {
  const response = await fetch(`${base}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer dummy', 'x-tracker-agent': 'uncapped' },
    body: JSON.stringify(body),
  });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  await reader.read();
  // In an object: an async function returning a promise would wait for it, that is for the whole stream.
  const rest = (async () => {
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += Buffer.from(chunk.value).toString('utf8');
    return { text, endedAt: performance.now() };
  })();
  return { rest };
}

describe('a request without max_output_tokens under a block budget', () => {
  it('holds its model maximum, so 50 capped requests of other agents go through while it streams', async () => {
    const base = await start(1_000_000);
    const slow = await startSlowStream(base, { model: 'gpt-5-codex', stream: true, input: 'write a lot' });
    const capped = { model: 'gpt-5-codex', stream: true, input: 'hi', max_output_tokens: 50 };
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => ask(base, capped, `capped${i}`)));
    const answeredAt = performance.now();
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(200));
    // On 43e3261 each waited for the slow stream's end (~4 s); now all are answered while it still streams.
    const { text, endedAt } = await slow.rest;
    expect(text).toContain('response.completed');
    expect(answeredAt).toBeLessThan(endedAt);
    const usage = lab.proxy?.budget?.tracker.usage()[0];
    expect(usage).toMatchObject({ used: 400 + 50 * 20, inFlight: 0 });
  });

  it('tells a request kept waiting what holds the budget, never that it is spent', async () => {
    const base = await start(1_000, 300);
    const slow = await startSlowStream(base, { model: 'gpt-5-codex', stream: true, input: 'write a lot', max_output_tokens: 900 });
    const refused = await ask(base, { model: 'gpt-5-codex', stream: true, input: 'hi', max_output_tokens: 200 }, 'late');
    expect(refused.status).toBe(429);
    const message = (JSON.parse(refused.text) as { error: { message: string } }).error.message;
    expect(message).toBe(
      "tracker proxy: the overall budget has no room for this request's 200: 0 of 1,000 output used, 900 held by 1 request in flight; waited 0 s for them to settle (block mode)",
    );
    expect(message).not.toContain('spent');
    await slow.rest;
  });
});
