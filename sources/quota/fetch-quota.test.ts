// fetchQuota against hostile endpoints on loopback: a token across the message's cut, a body that breaks off or
// drips, terminal escapes. Each is one provider's failure with one clean line, never a crash or a leak.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchQuota } from './fetch-quota.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Shaped like a Claude OAuth token (108 characters) and a Z.ai key; neither is the credential sent.
const OAUTH = `sk-ant-oat01-${'A1b2C3d4'.repeat(11)}aBcDeFgHi`;
const GLM_KEY = `${'0123456789abcdef'.repeat(2)}.AbCdEfGh12345678`;
const credential = { secret: 'the-credential-sent-1234', from: 'TEST_TOKEN' };

async function read(kind: 'claude' | 'glm', respond: Handler, timeoutMs = 5000, from = credential.from) {
  handler = respond;
  return fetchQuota({ kind, url: `${base}/quota`, urlEnv: 'TEST_URL' }, { ...credential, from }, { timeoutMs });
}

describe('fetchQuota, hostile answers', () => {
  it.each([
    ['a Claude OAuth token', OAUTH],
    ['a GLM key', GLM_KEY],
  ])('redacts %s that crosses the 160-character cut of an error body', async (_name, secret) => {
    for (const pad of [120, 140, 150, 159]) {
      const got = await read('claude', (_req, res) => {
        res.writeHead(500).end(`${'x'.repeat(pad)}${secret} trailing`);
      });
      expect(got.ok).toBe(false);
      const line = got.ok ? '' : got.error.toLine();
      for (let cut = 8; cut <= secret.length; cut += 1) expect(line).not.toContain(secret.slice(0, cut).slice(-8));
    }
  });

  it('a body that breaks off is this provider failing, one line, nothing recorded', async () => {
    const got = await read('claude', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      res.write('{"five_hour": {"utiliz');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(got.ok).toBe(false);
    expect(got.ok ? '' : got.error.toLine()).toMatch(/the answer broke off \(.+\) \(nothing was recorded\)/);
  });

  it('a body that drips past the timeout is this provider failing', async () => {
    let timer: NodeJS.Timeout | undefined;
    const got = await read(
      'claude',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      },
      400,
    );
    clearInterval(timer);
    expect(got.ok).toBe(false);
    expect(got.ok ? '' : got.error.toLine()).toMatch(/did not finish in time|broke off/);
  });

  it('escapes terminal sequences an endpoint sends (clear screen, title, a forged line)', async () => {
    const got = await read('glm', (_req, res) => {
      res.writeHead(502).end('\x1b[2J\x1b]0;owned\x07bad gateway\nnote: all bars reset');
    });
    const line = got.ok ? '' : got.error.toLine();
    expect(line).not.toMatch(/[\x00-\x08\x0a-\x1f\x7f]/);
    expect(line).toContain('\\x1b[2J');
    expect(line).toContain('\\x0anote: all bars reset');
  });

  it('refuses a utilization of 1e308, naming the field', async () => {
    const got = await read('claude', (_req, res) => {
      res.writeHead(200).end('{"five_hour": {"utilization": 1e308, "resets_at": null}, "seven_day": null}');
    });
    expect(got.ok ? '' : got.error.toLine()).toMatch(/at five_hour\.utilization/);
    expect(got.ok ? null : got.raw).toContain('1e308'); // kept for rejects/ by the caller
  });
});

// The real refusal of a token without user:profile (anthropics/claude-code#12529, with its request id), and the
// later edge 429 with no request-id that answers such a token as it answers none (alp82/curia#162).
const SCOPE_REFUSAL =
  '{"type":"error","error":{"type":"permission_error","message":"OAuth token does not meet scope requirement user:profile","details":{"error_visibility":"user_facing"}},"request_id":"req_011CVXwrX9AJ4Y6HQvw7kcGX"}';

describe('fetchQuota, a Claude token without the usage scope', () => {
  const refuse = (status: number, headers: Record<string, string>, body: string) => (_req: IncomingMessage, res: ServerResponse) =>
    void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
  const lineOf = (got: Awaited<ReturnType<typeof read>>) => (got.ok ? '' : got.error.toLine());

  it('names the missing scope and, for CLAUDE_CODE_OAUTH_TOKEN, what to do instead of "log in again"', async () => {
    const fromEnv = lineOf(await read('claude', refuse(403, { 'request-id': 'req_1' }, SCOPE_REFUSAL), 5000, 'CLAUDE_CODE_OAUTH_TOKEN'));
    expect(fromEnv).toContain('HTTP 403 (the token from CLAUDE_CODE_OAUTH_TOKEN lacks the user:profile scope');
    expect(fromEnv).toContain(
      'tracker quota and watch read your interactive login (~/.claude/.credentials.json) when CLAUDE_CODE_OAUTH_TOKEN is unset',
    );
    expect(fromEnv).not.toContain('was refused: log in again');
    const fromFile = lineOf(
      await read('claude', refuse(403, { 'request-id': 'req_2' }, SCOPE_REFUSAL), 5000, '/home/u/.claude/.credentials.json'),
    );
    expect(fromFile).toContain('lacks the user:profile scope this endpoint needs; log in with `claude` again (/login)');
  });

  it("reads the edge's 429 with no request-id as the same refusal, and a real rate limit as a rate limit", async () => {
    const edge = lineOf(await read('claude', refuse(429, {}, '{"error":"rate_limited"}'), 5000, 'CLAUDE_CODE_OAUTH_TOKEN'));
    expect(edge).toMatch(
      /^.*HTTP 429 \(refused before the API, with no request-id: .*claude setup-token.*when CLAUDE_CODE_OAUTH_TOKEN is unset/,
    );
    const limited = lineOf(
      await read(
        'claude',
        refuse(429, { 'request-id': 'req_3' }, '{"type":"error","error":{"type":"rate_limit_error"}}'),
        5000,
        'CLAUDE_CODE_OAUTH_TOKEN',
      ),
    );
    expect(limited).toMatch(/HTTP 429: \{"type":"error"/);
    // A file's login that is refused so is not a setup token: the generic 401/403 advice stays for others.
    const other = lineOf(await read('claude', refuse(401, {}, '{"type":"error"}'), 5000, '/home/u/.claude/.credentials.json'));
    expect(other).toContain('HTTP 401 (the credential from /home/u/.claude/.credentials.json was refused: log in again)');
  });
});
