// The tier Code Assist's loadCodeAssist names, read as Gemini CLI reads it (paidTier first, then currentTier), from answers shaped as Google's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchQuota } from './fetch-quota.js';

let load: Record<string, unknown> = {};
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url?.endsWith(':loadCodeAssist')) return res.end(JSON.stringify(load));
    const bucket = { remainingFraction: 0.75, resetTime: '2026-11-29T00:00:00Z', tokenType: 'REQUESTS', modelId: 'gemini-2.5-pro' };
    res.end(JSON.stringify({ buckets: [bucket] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function readTier(answer: Record<string, unknown>): Promise<string | null | undefined> {
  load = { cloudaicompanionProject: 'sunny-cove-a1b2c', ...answer };
  const got = await fetchQuota(
    { kind: 'gemini', url: `${base}/v1internal:retrieveUserQuota`, urlEnv: 'TEST' },
    { secret: 'ya29.t', from: 'test' },
  );
  return got.ok ? got.reading.plan : undefined;
}

describe("Code Assist's tier on a Gemini reading", () => {
  it('names a Google AI plan by its paidTier, whatever currentTier says', async () => {
    // A Google AI Pro account: Code Assist's standard tier current, the Google One plan as paidTier (Gemini CLI's types.ts).
    const pro = {
      currentTier: { id: 'standard-tier', name: 'Gemini Code Assist', hasOnboardedPreviously: true },
      allowedTiers: [{ id: 'standard-tier', isDefault: true }],
      paidTier: { id: 'g1-pro-tier', name: 'Google AI Pro' },
    };
    expect(await readTier(pro)).toBe('g1-pro-tier');
    expect(await readTier({ ...pro, paidTier: { id: 'g1-ultra-tier', name: 'Google AI Ultra' } })).toBe('g1-ultra-tier');
  });

  it('names the current tier where no plan is paid, and none where the answer names none', async () => {
    expect(await readTier({ currentTier: { id: 'free-tier', name: 'Gemini Code Assist for individuals' }, paidTier: null })).toBe(
      'free-tier',
    );
    expect(await readTier({ currentTier: { name: 'no id' } })).toBeNull();
    expect(await readTier({ currentTier: { id: 'Not A Tier!' } })).toBeNull();
  });
});
