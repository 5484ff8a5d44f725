// A block budget's total never passes its limit: not with clients hanging up mid-stream, not with an upstream that
// ignores its cap. What runs past a request's cap (the estimate's error, or an upstream's overrun) comes only from room left.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { request } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const LIMIT = 1000;
const lab = useProxyLab();
/** 23 characters an event: characters / 4 counts 5.75 tokens of each. */
const PIECE = 'abcdefghijklmnopqrstuvw';

/** Each answer: `events` deltas of PIECE, 5 ms apart, reporting `tokens` output tokens at its end. */
async function start(events: number, tokens: number, limit = LIMIT): Promise<{ url: string; rows: TelemetryRow[] }> {
  const script = parseScript(
    { name: 'answer', steps: [{ type: 'text', text: PIECE.repeat(events), events, chunk_delay_ms: 5, usage: { output_tokens: tokens } }] },
    'test',
  );
  const rows: TelemetryRow[] = [];
  const { proxy } = await lab.start(script, 'block-promise', {
    onTelemetry: (row) => rows.push(row),
    budget: {
      policy: parseBudgetFlags(
        { overallTokenBudget: String(limit), budgetMetric: 'output', budgetMode: 'block', budgetWarnAt: 'none' },
        BUILT_IN_CATALOG,
      ),
    },
  });
  return { url: proxy.url, rows };
}

/** Streams one request; with `hangUpAfter`, the client closes the connection once it has seen that many deltas. */
function send(base: string, maxTokens: number, hangUpAfter: number | null): Promise<{ status: number; text: string }> {
  const body = { model: 'claude-sonnet-4-5', max_tokens: maxTokens, stream: true, messages: [{ role: 'user', content: 'hi' }] };
  return new Promise((resolve) => {
    const req = request(
      `${base}/v1/messages`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'dummy' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (hangUpAfter !== null && text.split('content_block_delta').length - 1 >= hangUpAfter * 2) req.destroy();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('close', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', () => resolve({ status: 0, text: '' }));
    req.end(JSON.stringify(body));
  });
}

function readCharged(): { used: number; inFlight: number } {
  const usage = lab.proxy?.budget?.tracker.usage()[0];
  return { used: usage?.used ?? Number.NaN, inFlight: usage?.inFlight ?? Number.NaN };
}

describe('a block budget is a promise', () => {
  it('charges no more than its limit when half the clients hang up near the end of their answers', async () => {
    // 20 events of 5.75 estimated tokens (115) where the upstream counts 100, its max_tokens: ten fill the budget.
    const { url } = await start(20, 100);
    await Promise.all(Array.from({ length: 10 }, (_, i) => send(url, 100, i % 2 === 0 ? 19 : null)));
    // A hung-up stream is settled once the proxy sees the close.
    await vi.waitFor(() => expect(readCharged()).toMatchObject({ inFlight: 0 }));
    expect(readCharged().used).toBeLessThanOrEqual(LIMIT);
  });

  it('charges no more than its limit when the upstream runs three times past its cap', async () => {
    // 60 events (345 estimated tokens) and 300 reported, where max_tokens is 100.
    const { url, rows } = await start(60, 300);
    const answers = await Promise.all(Array.from({ length: 10 }, () => send(url, 100, null)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    await vi.waitFor(() => expect(readCharged()).toMatchObject({ inFlight: 0 }));
    expect(readCharged().used).toBeLessThanOrEqual(LIMIT);
    // Each stream was cut as it ran past its max_tokens, the budget having no room beyond the ten reservations: its row
    // keeps the proxy's estimate (one event past the cap), the budget charges the cap.
    const recorded = rows.filter((row) => row.status === 200).map((row) => row.completion_tokens ?? 0);
    expect(recorded.every((tokens) => tokens > 100 && tokens <= 100 + 6)).toBe(true);
  });
});
