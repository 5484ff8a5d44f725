// A block budget cuts a Gemini stream mid-way, as it cuts the named-event protocols: its chunks are counted as they pass.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBudgetFlags } from '../../budget/index.js';
import { LEDGER_FILES } from '../../ledger/index.js';
import { parseScript, startScriptedServer, type ScriptedServer } from '../../model-server/index.js';
import type { RunningProxy } from '../server/proxy-options.js';
import { startProxyBefore } from '../test-fixtures/start-proxy-before.js';

let upstream: ScriptedServer | null = null;
let proxy: RunningProxy | null = null;
let dataDir = '';

afterEach(async () => {
  await proxy?.stop(0);
  await upstream?.close();
  proxy = null;
  upstream = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a block budget on a Gemini stream', () => {
  it('cuts at the limit with a MAX_TOKENS chunk, not at the stream end (it counted only when the stream ended)', async () => {
    // 50 chunks of 40 characters (10 output tokens each), 20 ms apart; the budget has room for 10 of them.
    const script = parseScript(
      { name: 'paced', steps: [{ type: 'text', text: 'abcd'.repeat(500), events: 50, chunk_delay_ms: 20, usage: { output_tokens: 500 } }] },
      'test',
    );
    upstream = await startScriptedServer({ script, port: 0 });
    dataDir = mkdtempSync(join(tmpdir(), 'cut-gemini-'));
    proxy = await startProxyBefore(upstream.url, dataDir, {
      budget: { policy: parseBudgetFlags({ overallTokenBudget: '100', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG) },
    });
    const response = await fetch(`${proxy.url}/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'dummy' },
      body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'go' }] }] }),
    });
    const text = await response.text();
    const chunks = text.split('\n').filter((line) => line.startsWith('data: '));
    expect(chunks.at(-1)).toContain('"finishReason":"MAX_TOKENS"');
    expect(chunks.filter((line) => line.includes('abcd'))).toHaveLength(10);
    const events = readFileSync(join(dataDir, LEDGER_FILES.budgetEvents), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; used: number });
    expect(events.find((row) => row.event === 'cut')).toMatchObject({ used: 100 });
  });
});
