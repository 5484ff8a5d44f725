// The chain's quota reads: a failure told once until a read succeeds (whatever body it quotes), a refused login's kind kept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openQuotaPoll, type QuotaPoll } from './poll-quota.js';

const USAGE = JSON.stringify({
  five_hour: { utilization: 24.0, resets_at: '2030-01-01T05:00:00.000000+00:00' },
  seven_day: { utilization: 10.0, resets_at: '2030-01-07T00:00:00.000000+00:00' },
});

let server: Server | null = null;
let poll: QuotaPoll | null = null;
let dir = '';

afterEach(async () => {
  poll?.stop();
  poll = null;
  if (server) await new Promise((resolve) => server?.close(resolve));
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

describe('the quota poll', () => {
  it('tells a failure once, though each refusal quotes another body, and again only after a read succeeded', async () => {
    let reads = 0;
    let answer: 'busy' | 'ok' = 'busy';
    server = createServer((req, res) => {
      reads += 1;
      req.resume();
      if (answer === 'ok') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end(USAGE);
      }
      res.writeHead(500, { 'content-type': 'text/plain', 'request-id': `req-${reads}` });
      res.end(`overloaded, request ${reads} at ${Date.now()}`);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const env = {
      CLAUDE_CODE_OAUTH_TOKEN: 'first-account-login-0123456789',
      TRACKER_QUOTA_URL_CLAUDE: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/oauth/usage`,
    };
    const problems: string[] = [];
    let readings = 0;
    poll = openQuotaPoll(
      { endpoint: 'claude', everyMs: 1, env, onBars: () => (readings += 1), onProblem: (line) => problems.push(line) },
      'failover.quota',
    );
    poll.start();
    await vi.waitFor(() => expect(reads).toBeGreaterThanOrEqual(4));
    expect(problems).toEqual([expect.stringContaining('claude quota: ')]);
    expect(problems[0]).toContain('HTTP 500');
    answer = 'ok';
    await vi.waitFor(() => expect(readings).toBeGreaterThan(0));
    answer = 'busy';
    await vi.waitFor(() => expect(problems).toHaveLength(2));
    const seen = reads;
    await vi.waitFor(() => expect(reads).toBeGreaterThanOrEqual(seen + 3));
    expect(problems).toHaveLength(2);
  });

  it("refuses a login the endpoint cannot take at the start, naming where, and keeps the error's kind", () => {
    dir = mkdtempSync(join(tmpdir(), 'poll-quota-'));
    writeFileSync(
      join(dir, '.credentials.json'),
      JSON.stringify({ claudeAiOauth: { accessToken: 'first-account-login-0123456789', scopes: ['user:inference'] } }),
    );
    const open = (): QuotaPoll =>
      openQuotaPoll(
        { endpoint: 'claude', everyMs: 60_000, env: { CLAUDE_CONFIG_DIR: dir }, onBars: () => undefined, onProblem: () => undefined },
        'failover.quota',
      );
    expect(open).toThrowError(expect.objectContaining({ code: 'BAD_INPUT', kind: 'quota-scope', where: 'failover.quota' }));
  });
});
