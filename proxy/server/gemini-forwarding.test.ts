// A real proxy in front of the scripted server speaking Gemini: the turn's tokens counted from usageMetadata, the model from the path.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import type { TelemetryRow } from '../../ledger/index.js';
import { readRowTokens } from '../../ledger/vocabulary/index.js';
import { parseScript } from '../../model-server/index.js';
import { buildRoutingTable } from '../config/build-routing-table.js';
import { ProxyConfigSchema } from '../config/proxy-config-schema.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const lab = useProxyLab();
const USAGE = { input_tokens: 1200, output_tokens: 40, cache_read_input_tokens: 8000, cache_creation_input_tokens: 0 };
const BODY = { contents: [{ role: 'user', parts: [{ text: 'say hi' }] }], generationConfig: { maxOutputTokens: 64 } };

async function start(extra: Record<string, unknown> = {}): Promise<{ url: string; rows: TelemetryRow[] }> {
  const script = parseScript({ name: 'gemini', steps: [{ type: 'text', text: 'Hello from the script.', usage: USAGE }] }, 'test');
  const rows: TelemetryRow[] = [];
  const { proxy } = await lab.start(script, 'gemini-proxy', { onTelemetry: (row) => rows.push(row), ...extra });
  return { url: proxy.url, rows };
}

async function post(url: string, method: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${url}/v1beta/models/gemini-2.5-pro:${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-goog-api-key': 'AIzaSyD-placeholder-key-000000000000000' },
    body: JSON.stringify(BODY),
  });
  return { status: response.status, text: await response.text() };
}

describe('the proxy in front of a Gemini back end', () => {
  it('counts a streamed turn from its usageMetadata, cache inside the prompt, and names the model from the path', async () => {
    const { url, rows } = await start();
    const answer = await post(url, 'streamGenerateContent?alt=sse');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"finishReason":"STOP"');
    await lab.stopProxy();
    const [row] = rows;
    expect(row).toMatchObject({
      model: 'gemini-2.5-pro',
      stream: true,
      prompt_tokens: 9200,
      completion_tokens: 40,
      cache_read_tokens: 8000,
    });
    expect(row?.total_tokens).toBe(9240);
    // The tracker's convention: input without the cache, nothing counted twice.
    expect(readRowTokens(row as TelemetryRow)).toEqual({ input: 1200, output: 40, cache_read: 8000, cache_creation: 0, total: 9240 });
    expect(JSON.stringify(rows)).not.toContain('AIzaSyD-placeholder');
  });
  it('counts a whole answer the same way', async () => {
    const { url, rows } = await start();
    expect((await post(url, 'generateContent')).status).toBe(200);
    await lab.stopProxy();
    expect(rows[0]).toMatchObject({ stream: false, prompt_tokens: 9200, completion_tokens: 40, total_tokens: 9240 });
  });
  it("refuses over a block budget in Google's own envelope", async () => {
    const policy = parseBudgetFlags(
      { windowBudget: ['w=10'], budgetMetric: 'output', budgetMode: 'block', budgetWarnAt: 'none' },
      BUILT_IN_CATALOG,
    );
    const { url } = await start({ budget: { policy } });
    const first = await fetch(`${url}/v1beta/models/gemini-2.5-pro:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tracker-window': 'w' },
      body: JSON.stringify(BODY),
    });
    await first.text();
    const refused = await fetch(`${url}/v1beta/models/gemini-2.5-pro:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tracker-window': 'w' },
      body: JSON.stringify(BODY),
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { status: string } }).error.status).toBe('RESOURCE_EXHAUSTED');
  });
});

describe('a Gemini back end the proxy signs in to itself', () => {
  it("sends its own key in x-goog-api-key, and the client's key neither in a header nor in the URL's ?key=", async () => {
    const env = { GEMINI_KEY: 'proxy-own-gemini-key-0123456789' };
    const script = parseScript({ name: 'gemini', steps: [{ type: 'text', text: 'Hi.', usage: USAGE }] }, 'test');
    const { proxy } = await lab.start(script, 'gemini-own-key', () => ({
      env,
      table: buildRoutingTable(
        ProxyConfigSchema.parse({
          backends: { g: { preset: 'gemini', url: lab.upstream?.url, auth_env: 'GEMINI_KEY' } },
          default_backend: 'g',
        }),
        [],
        undefined,
        env,
        BUILT_IN_CATALOG,
      ),
    }));
    const response = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-pro:generateContent?key=client-key-AIza0000000000&alt=json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'client-key-AIza0000000000' },
      body: JSON.stringify(BODY),
    });
    expect(response.status).toBe(200);
    await response.text();
    const sent = lab.upstream?.sent[0];
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-pro:generateContent?alt=json');
    expect(sent?.request_headers['x-goog-api-key']).toBe(env.GEMINI_KEY);
  });
});

describe("a route's rewrite_model on Gemini", () => {
  it('replaces the model in the path (method and query kept) and records both models', async () => {
    const rows: TelemetryRow[] = [];
    const script = parseScript({ name: 'gemini', steps: [{ type: 'text', text: 'Hi.', usage: USAGE }] }, 'test');
    const { proxy } = await lab.start(script, 'gemini-rewrite', () => ({
      onTelemetry: (row) => rows.push(row),
      table: buildRoutingTable(
        ProxyConfigSchema.parse({
          backends: { g: { url: lab.upstream?.url } },
          routes: [{ match: { model: 'gemini-2.5-pro' }, backend: 'g', rewrite_model: 'gemini-2.5-flash' }],
          default_backend: 'g',
        }),
        [],
        undefined,
        {},
        BUILT_IN_CATALOG,
      ),
    }));
    const response = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(BODY),
    });
    await response.text();
    await lab.stopProxy();
    expect(lab.upstream?.sent[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    expect(rows[0]).toMatchObject({ requested_model: 'gemini-2.5-pro', model: 'gemini-2.5-flash' });
  });
});
