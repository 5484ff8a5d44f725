// Each proxied request and reading names the account it spent, by a fingerprint that gives back nothing of the credential.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExchangeAccount, fingerprintAccount } from '../../ledger/index.js';
import { parseScript } from '../../model-server/index.js';
import { useProxyLab } from '../test-fixtures/use-proxy-lab.js';

const lab = useProxyLab();

function readRows(dataDir: string, file: string): Record<string, unknown>[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe('the account of an exchange', () => {
  it("takes Anthropic's organization id over the key, ChatGPT's account id, then a key that does not rotate", () => {
    const org = fingerprintAccount('organization', 'org-1');
    expect(findExchangeAccount({ 'x-api-key': 'sk-ant-api03-aaa' }, { 'anthropic-organization-id': 'org-1' })).toBe(org);
    expect(findExchangeAccount({ 'chatgpt-account-id': 'acc-9', authorization: 'Bearer eyJa.eyJb.c' }, null)).toBe(
      fingerprintAccount('chatgpt-account', 'acc-9'),
    );
    expect(findExchangeAccount({ authorization: 'Bearer glm-key-123' }, null)).toBe(fingerprintAccount('key', 'glm-key-123'));
    // Claude's OAuth access token and any JWT are refreshed: they name no account.
    expect(findExchangeAccount({ authorization: 'Bearer sk-ant-oat01-xyz' }, null)).toBeNull();
    expect(findExchangeAccount({ authorization: 'Bearer eyJhbGciOi.eyJzdWIi.sig' }, null)).toBeNull();
    expect(org).toMatch(/^acct-[0-9a-f]{10}$/);
  });

  it('writes each key its own account on the telemetry rows and readings, and no key reaches a row', async () => {
    const script = parseScript(
      {
        rate_limits: { anthropic: { five_hour: { start: 0.1, step_per_request: 0.1 }, seven_day: { start: 0.1, step_per_request: 0.01 } } },
        steps: [{ type: 'text', text: 'hi' }],
      },
      'test',
    );
    const { proxy, dataDir } = await lab.start(script, 'accounts');
    const keys = ['sk-ant-api03-first-account-key', 'sk-ant-api03-second-account-key', 'sk-ant-api03-first-account-key'];
    for (const key of keys) {
      const answer = await fetch(`${proxy.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }),
      });
      await answer.text();
    }
    await lab.stopProxy();
    const expected = keys.map((key) => fingerprintAccount('key', key));
    expect(readRows(dataDir, 'proxy_telemetry.jsonl').map((row) => row.account)).toEqual(expected);
    const readings = readRows(dataDir, 'snapshots.jsonl').filter((row) => row.kind === 'reading');
    expect(new Set(readings.map((row) => row.account))).toEqual(new Set(expected));
    const written = readFileSync(join(dataDir, 'proxy_telemetry.jsonl'), 'utf8') + readFileSync(join(dataDir, 'snapshots.jsonl'), 'utf8');
    expect(written).not.toContain('account-key');
  });

  it('digests a refused body only: a retry of it matches, another prompt does not, an answer carries none', async () => {
    const script = parseScript(
      {
        steps: [
          { type: 'error', status: 429, error_type: 'rate_limit_error' },
          { type: 'error', status: 429, error_type: 'rate_limit_error' },
          { type: 'error', status: 429, error_type: 'rate_limit_error' },
          { type: 'text', text: 'hi' },
        ],
      },
      'test',
    );
    const { proxy, dataDir } = await lab.start(script, 'digests');
    for (const prompt of ['first prompt', 'first prompt', 'second prompt', 'third prompt']) {
      const answer = await fetch(`${proxy.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-api03-k', 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [{ role: 'user', content: prompt }] }),
      });
      await answer.text();
    }
    await lab.stopProxy();
    const digests = readRows(dataDir, 'proxy_telemetry.jsonl').map((row) => [row.status, row.request_digest ?? null]);
    expect(digests.map(([status]) => status)).toEqual([429, 429, 429, 200]);
    expect(digests[0]?.[1]).toMatch(/^[0-9a-f]{16}$/);
    expect(digests[1]?.[1]).toBe(digests[0]?.[1]);
    expect(digests[2]?.[1]).not.toBe(digests[0]?.[1]);
    expect(digests[3]?.[1]).toBeNull();
  });
});
