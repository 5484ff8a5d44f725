// Input a request names instead of sending (an Anthropic document by `file_id`) under a block budget on the total metric:
// before, each reserved its body's ~64 tokens, 12 went out at once and 50 used 28,150 tokens under 1,000.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it, vi } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const lab = useProxyLab();
/** What the upstream counts of each answer: the document's prompt and a short answer (563 tokens in all). */
const USAGE = { input_tokens: 550, output_tokens: 13 };
const FILE = 'file_011CNha8iCJcU1wXNR6q4V8w';
const BODY = {
  model: 'claude-sonnet-4-5',
  max_tokens: 16,
  messages: [
    {
      role: 'user',
      content: [
        { type: 'document', source: { type: 'file', file_id: FILE } },
        { type: 'text', text: 'Sum up.' },
      ],
    },
  ],
};

async function start(flags: Record<string, string | string[]>): Promise<{ url: string; rows: TelemetryRow[] }> {
  const script = parseScript({ name: 'document', steps: [{ type: 'text', text: 'It says hi.', delay_ms: 20, usage: USAGE }] }, 'test');
  const rows: TelemetryRow[] = [];
  const policy = parseBudgetFlags({ budgetMetric: 'total', budgetMode: 'block', budgetWarnAt: 'none', ...flags }, BUILT_IN_CATALOG);
  const { proxy } = await lab.start(script, 'named-input', { onTelemetry: (row) => rows.push(row), budget: { policy } });
  return { url: proxy.url, rows };
}

async function send(base: string, agent: string): Promise<{ status: number; message: string }> {
  const response = await fetch(`${base}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dummy', 'x-tracker-agent': agent },
    body: JSON.stringify(BODY),
  });
  const body = (await response.json()) as { error?: { message?: string } };
  return { status: response.status, message: body.error?.message ?? '' };
}

/** Tokens the log records of an agent's answers (prompt, cache and output, as the total metric counts them). */
function logged(rows: TelemetryRow[], agent: string): number {
  return rows
    .filter((row) => row.agent_id === agent && row.status === 200)
    .reduce((sum, row) => sum + (row.prompt_tokens ?? 0) + (row.completion_tokens ?? 0), 0);
}

describe('input named by reference under a block budget', () => {
  it('refuses a file the proxy has never seen counted, on the total metric, rather than reserve its body', async () => {
    const { url, rows } = await start({ overallTokenBudget: '1000' });
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(url, 'main')));
    if (process.env.TRACKER_PRINT_OVERSHOOT)
      process.stdout.write(`file_id: ${answers.filter((a) => a.status === 200).length} answered, ${logged(rows, 'main')} tokens\n`);
    expect(logged(rows, 'main')).toBe(0);
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(429));
    expect(answers[0]?.message).toContain(`cannot bound this request: it names ${FILE}`);
  });

  it('reserves a file at the size the upstream reported for it, once known', async () => {
    // Agent `other` is under no budget: its request teaches the proxy the file's size (563 with its prompt and answer).
    const { url, rows } = await start({ agentBudget: ['main=5000'] });
    expect((await send(url, 'other')).status).toBe(200);
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(url, 'main')));
    const answered = answers.filter((answer) => answer.status === 200).length;
    if (process.env.TRACKER_PRINT_OVERSHOOT) process.stdout.write(`known file_id: ${answered} answered, ${logged(rows, 'main')} tokens\n`);
    // Each holds 550 + its body's 69 + 16 = 635: seven at once, an eighth as they settle, then a ninth alone holds the
    // 496 left (a JSON answer, not cut: charged its 563 and said).
    expect(answered).toBe(9);
    await vi.waitFor(() => expect(lab.proxy?.budget?.tracker.usage()[0]).toMatchObject({ used: logged(rows, 'main'), inFlight: 0 }));
    expect(logged(rows, 'main')).toBe(9 * 563);
  });

  it('reserves a previous response streamed here at its prompt and output, and refuses one it never saw', async () => {
    const { url } = await start({ overallTokenBudget: '5000' });
    const ask = async (body: object) => {
      const response = await fetch(`${url}/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer dummy' },
        body: JSON.stringify({ model: 'gpt-5-codex', stream: true, max_output_tokens: 50, ...body }),
      });
      return { status: response.status, text: await response.text() };
    };
    const first = await ask({ input: 'hi' });
    const id = /"id":"(resp_[a-z0-9_]+)"/.exec(first.text)?.[1];
    expect(id).toBeDefined();
    expect((await ask({ input: 'and then?', previous_response_id: id })).status).toBe(200);
    const stranger = await ask({ input: 'and then?', previous_response_id: 'resp_never_seen' });
    expect([stranger.status, stranger.text]).toEqual([429, expect.stringContaining('it names resp_never_seen')]);
  });
});
