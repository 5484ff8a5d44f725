// fetchQuota against the vendors' own "expired" answers: the login is called expired, with what refreshes it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/index.js';
import { fetchQuota } from './fetch-quota.js';

// The bodies as users quote them: anthropics/claude-code#6459 and openai/codex#18769.
const CLAUDE_EXPIRED =
  '{"type":"error","error":{"type":"authentication_error","message":"OAuth token has expired. Please obtain a new token or refresh your existing token."},"request_id":"req_011CSSdA5fqJCVm1m4XMjNks"}';
const CODEX_EXPIRED =
  '{\n  "error": {\n    "message": "Provided authentication token is expired. Please try signing in again.",\n    "type": null,\n    "code": "token_expired",\n    "param": null\n  },\n  "status": 401\n}';

let answer = { status: 401, body: '' };
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((_req, res) => void res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function read(kind: 'claude' | 'codex', status: number, body: string, from: string) {
  answer = { status, body };
  const got = await fetchQuota({ kind, url: `${base}/quota`, urlEnv: 'TEST_URL' }, { secret: 'sent-secret-1234', from });
  if (got.ok) throw new Error('expected a refusal');
  return got.error;
}

describe('fetchQuota, an expired login', () => {
  it("calls Claude's expired login expired, with what refreshes it", async () => {
    const error = await read('claude', 401, CLAUDE_EXPIRED, '/home/u/.claude/.credentials.json');
    expect(isAppError(error, 'quota-expired')).toBe(true);
    expect(error.code).not.toBe('IO');
    expect(error.toLine()).toContain(
      'the login from /home/u/.claude/.credentials.json has expired (HTTP 401): run `claude` once to refresh it (or /login)',
    );
    const token = await read('claude', 401, CLAUDE_EXPIRED, 'CLAUDE_CODE_OAUTH_TOKEN');
    expect(token.toLine()).toContain(
      'the login from CLAUDE_CODE_OAUTH_TOKEN has expired (HTTP 401): make a new one with `claude setup-token`',
    );
  });

  it("calls Codex's expired ChatGPT login expired", async () => {
    const error = await read('codex', 401, CODEX_EXPIRED, '/home/u/.codex/auth.json');
    expect(isAppError(error, 'quota-expired')).toBe(true);
    expect(error.toLine()).toContain('the login from /home/u/.codex/auth.json has expired (HTTP 401): run `codex` once to refresh it');
  });

  it('leaves another 401 a refusal, and a 500 that mentions expiry a failure of the endpoint', async () => {
    const other = await read('codex', 401, '{"error":{"code":"token_invalidated"}}', '/home/u/.codex/auth.json');
    expect(isAppError(other, 'quota-expired')).toBe(false);
    expect(other.toLine()).toContain('HTTP 401 (the credential from /home/u/.codex/auth.json was refused: log in again)');
    const down = await read('claude', 500, CLAUDE_EXPIRED, '/home/u/.claude/.credentials.json');
    expect(isAppError(down, 'quota-expired')).toBe(false);
  });
});
