// A block budget's cut stops the upstream before it writes the cut to the ledger: that write is an fsync'd append
// (12.5 ms measured), long enough for a model at 15 ms an event to produce one more event the subscription pays for.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
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
const realDestroy = Socket.prototype.destroy;

afterEach(async () => {
  Socket.prototype.destroy = realDestroy;
  await proxy?.stop(0);
  await upstream?.close();
  proxy = null;
  upstream = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** The budget events in the ledger file at this instant. */
function readBudgetEventsNow(): { event: string; used: number }[] {
  try {
    const text = readFileSync(join(dataDir, LEDGER_FILES.budgetEvents), 'utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; used: number });
  } catch {
    return [];
  }
}

describe('a block budget cut', () => {
  it('closes the upstream connection before the cut is in the ledger, and cuts at the limit, not an event past it', async () => {
    // 50 events of 10 output tokens each (40 characters), 20 ms apart; the budget has room for exactly 10 of them.
    const script = parseScript(
      { name: 'paced', steps: [{ type: 'text', text: 'abcd'.repeat(500), events: 50, chunk_delay_ms: 20, usage: { output_tokens: 500 } }] },
      'test',
    );
    upstream = await startScriptedServer({ script, port: 0 });
    const upstreamPort = upstream.port;
    dataDir = mkdtempSync(join(tmpdir(), 'cut-first-'));
    proxy = await startProxyBefore(upstream.url, dataDir, {
      budget: { policy: parseBudgetFlags({ overallTokenBudget: '100', budgetMetric: 'output', budgetMode: 'block' }, BUILT_IN_CATALOG) },
    });
    // The proxy's socket to the upstream is destroyed by the abort: what is in the ledger at that instant?
    const atClose: string[][] = [];
    Socket.prototype.destroy = function (this: Socket, ...args: Parameters<Socket['destroy']>) {
      if (this.remotePort === upstreamPort && !this.destroyed) atClose.push(readBudgetEventsNow().map((row) => row.event));
      return realDestroy.apply(this, args);
    };
    const response = await fetch(`${proxy.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'dummy', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 4000, stream: true, messages: [{ role: 'user', content: 'go' }] }),
    });
    const text = await response.text();
    expect(text).toContain('"stop_reason":"max_tokens"');
    expect(atClose).toEqual([[]]);
    expect(readBudgetEventsNow().find((row) => row.event === 'cut')).toMatchObject({ used: 100 });
    expect(text.split('\n').filter((line) => line === 'event: content_block_delta')).toHaveLength(10);
  });
});
