// readProviderQuotas names the login whose bars it read, as the status line and the proxy name it: two Claude logins
// read in turn by `tracker watch` are two accounts' bars, never one bar that jumps between two series.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintAccount } from '../ledger/index.js';
import { readProviderQuotas } from './read-provider-quotas.js';

const ORG_A = '8f1d2c3b-aaaa-4bbb-8ccc-000000000001';
const ORG_B = '8f1d2c3b-aaaa-4bbb-8ccc-000000000002';
const CLAUDE_ANSWER = JSON.stringify({
  five_hour: { utilization: 41, resets_at: '2026-11-22T17:00:00.250Z' },
  seven_day: { utilization: 7, resets_at: '2026-11-27T09:00:00Z' },
});

let server: Server;
let base = '';
let root = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'quota-accounts-'));
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(CLAUDE_ANSWER));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

/** A Claude Code config dir signed in to `organization`, as Claude Code writes one on Linux. */
function makeClaudeLogin(name: string, organization: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { accessToken: `token-of-${name}`, scopes: ['user:inference', 'user:profile'] } }),
  );
  writeFileSync(
    join(dir, '.claude.json'),
    JSON.stringify({ oauthAccount: { organizationUuid: organization, emailAddress: `${name}@x.test` } }),
  );
  return dir;
}

async function readClaude(env: NodeJS.ProcessEnv) {
  const [outcome] = await readProviderQuotas(['claude'], {
    dataDir: join(root, 'data'),
    agentId: 'test',
    env: { TRACKER_QUOTA_URL_CLAUDE: `${base}/api/oauth/usage`, HOME: join(root, 'home'), ...env },
  });
  expect(outcome?.status).toBe('read');
  return outcome?.status === 'read' ? outcome.account : undefined;
}

describe('readProviderQuotas, whose bars', () => {
  it("names each Claude login's account from its config dir", async () => {
    const first = await readClaude({ CLAUDE_CONFIG_DIR: makeClaudeLogin('max', ORG_A) });
    const second = await readClaude({ CLAUDE_CONFIG_DIR: makeClaudeLogin('pro', ORG_B) });
    expect(first).toBe(fingerprintAccount('organization', ORG_A));
    expect(second).toBe(fingerprintAccount('organization', ORG_B));
  });

  it('names none for a CLAUDE_CODE_OAUTH_TOKEN, which may be any login', async () => {
    const account = await readClaude({ CLAUDE_CONFIG_DIR: makeClaudeLogin('env', ORG_A), CLAUDE_CODE_OAUTH_TOKEN: 'some-setup-token' });
    expect(account).toBeNull();
  });
});
