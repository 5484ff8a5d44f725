// Steps of the quota specs: a quota endpoint of our own on loopback serving a given answer, and what tracker did with it.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { labOf } from './proxy-lab.js';
import { splitArgs } from './split-args.js';
import type { TrackerWorld } from './world.js';

interface QuotaStub {
  server: Server;
  url: string;
  seen: IncomingHttpHeaders[];
}

const stubs = new WeakMap<TrackerWorld, Map<string, QuotaStub>>();
const PATHS: Record<string, string> = {
  claude: '/api/oauth/usage',
  codex: '/backend-api/wham/usage',
  glm: '/api/monitor/usage/quota/limit',
};
/** Credentials the specs hand tracker; none may ever reach a file. */
const SECRETS: Record<string, string> = {
  claude: 'sk-ant-oat01-SPEC-claude-token-7f3a',
  codex: 'eyJSPEC.codex.access.token.91b2',
  glm: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.SpecGlmKey123456',
  gemini: 'ya29.SPEC-gemini-access-token-5c1e',
};

Given('the {word} quota endpoint answers:', async function (this: TrackerWorld, kind: string, body: string) {
  await startStub(this, kind, (res, path) => {
    res.writeHead(path === PATHS[kind] ? 200 : 404, { 'content-type': 'application/json' });
    res.end(body);
  });
});

/** The first answer's connection is reset halfway through its body; every later one is `body`. */
Given(
  'the {word} quota endpoint breaks off its first answer, then answers:',
  async function (this: TrackerWorld, kind: string, body: string) {
    let answered = 0;
    await startStub(this, kind, (res) => {
      answered += 1;
      if (answered > 1) return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.write(body.slice(0, 20));
      setTimeout(() => res.socket?.destroy(), 20);
    });
  },
);

/** An error page that quotes a token (100 characters of padding put it across a 160-character cut) and escape codes. */
Given('the {word} quota endpoint fails with a token and terminal escapes in its body', async function (this: TrackerWorld, kind: string) {
  await startStub(this, kind, (res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`\x1b[2J\x1b]0;owned\x07${'e'.repeat(100)} ${LEAKED_TOKEN} rest`);
  });
});

/** Shaped like a Claude OAuth token, but not the credential the spec sends: only redaction can hide it. */
const LEAKED_TOKEN = `sk-ant-oat01-${'Zz9Yy8Xx'.repeat(11)}QqRrSs`;

Then('stderr holds no piece of the leaked token and no raw escape code', function (this: TrackerWorld) {
  const stderr = this.last.stderr;
  assert.ok(!/[\x00-\x08\x0b-\x1f\x7f]/.test(stderr), `raw control characters on stderr: ${JSON.stringify(stderr)}`);
  for (let at = 0; at + 12 <= LEAKED_TOKEN.length; at += 4)
    assert.ok(!stderr.includes(LEAKED_TOKEN.slice(at, at + 12)), `a piece of the token reached stderr: ${stderr}`);
});

/** Serves `answer` as the `kind` quota endpoint for the rest of the scenario (bar-steps.ts builds answers of its own). */
export async function startStub(
  world: TrackerWorld,
  kind: string,
  answer: (res: import('node:http').ServerResponse, path: string | undefined) => void,
): Promise<void> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    if (req.method !== 'GET') return void res.writeHead(405).end();
    answer(res, req.url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let map = stubs.get(world);
  if (!map) {
    const made = new Map<string, QuotaStub>();
    world.addStop(async () => {
      for (const stub of made.values()) await new Promise((resolve) => stub.server.close(resolve));
    });
    map = made;
  }
  // A scenario may replace the Background's answer: the old server goes.
  const old = map.get(kind);
  if (old) await new Promise((resolve) => old.server.close(resolve));
  map.set(kind, { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATHS[kind]}`, seen });
  stubs.set(world, map);
}

When('I run {string} with credentials for the quota endpoints', async function (this: TrackerWorld, line: string) {
  await runWithQuotaCredentials(this, line, false);
});

/** No credential for any quota endpoint: a HOME and CODEX_HOME of the scenario's own, empty, and none in the environment. */
When('I run {string} with no quota credential', async function (this: TrackerWorld, line: string) {
  const env = {
    HOME: join(this.workDir, 'home'),
    CODEX_HOME: join(this.workDir, 'codex-home'),
    CLAUDE_CONFIG_DIR: join(this.workDir, 'claude-config'),
  };
  await this.runTracker(splitArgs(line), { env: { ...env, CLAUDE_CODE_OAUTH_TOKEN: '', ZAI_API_KEY: '', GEMINI_CLI_HOME: '' } });
});

/** The same, with Gemini CLI's Google login in HOME an hour old (its access token expired): the normal state of one. */
When(
  'I run {string} with credentials for the quota endpoints and an expired Gemini CLI Google login',
  async function (this: TrackerWorld, line: string) {
    await runWithQuotaCredentials(this, line, true);
  },
);

async function runWithQuotaCredentials(self: TrackerWorld, line: string, expiredGemini: boolean): Promise<void> {
  if (expiredGemini) {
    mkdirSync(join(self.workDir, 'home', '.gemini'), { recursive: true });
    const creds = { access_token: SECRETS.gemini, token_type: 'Bearer', expiry_date: Date.now() - 3_600_000 };
    writeFileSync(join(self.workDir, 'home', '.gemini', 'oauth_creds.json'), JSON.stringify(creds));
  }
  const env: Record<string, string> = {
    CLAUDE_CODE_OAUTH_TOKEN: SECRETS.claude as string,
    ZAI_API_KEY: SECRETS.glm as string,
    HOME: join(self.workDir, 'home'),
  };
  for (const [kind, stub] of stubs.get(self) ?? []) env[`TRACKER_QUOTA_URL_${kind.toUpperCase()}`] = stub.url;
  // Codex's credential lives in CODEX_HOME/auth.json, as the real CLI writes it after a ChatGPT login.
  const codexHome = join(self.workDir, 'codex-home');
  mkdirSync(codexHome, { recursive: true });
  writeFileSync(join(codexHome, 'auth.json'), JSON.stringify({ tokens: { access_token: SECRETS.codex, account_id: 'acct-spec-1' } }));
  env.CODEX_HOME = codexHome;
  await self.runTracker(splitArgs(line), { env });
}

/** `claude setup-token`'s token in CLAUDE_CODE_OAUTH_TOKEN against the scripted server's usage endpoint (its `setup-token:` mark). */
When(
  'I run {string} with a claude setup-token token against the scripted model server {string}',
  async function (this: TrackerWorld, line: string, name: string) {
    const env = {
      CLAUDE_CODE_OAUTH_TOKEN: `setup-token:${SECRETS.claude}`,
      HOME: join(this.workDir, 'home'),
      TRACKER_QUOTA_URL_CLAUDE: `${labOf(this).urlOf(name)}/api/oauth/usage`,
    };
    await this.runTracker(splitArgs(line), { env });
  },
);

/** Gemini CLI's Google login (google-auth-library's Credentials in ~/.gemini/oauth_creds.json), its expiry `ms` from now. */
async function runWithGeminiLogin(world: TrackerWorld, line: string, name: string, expiresInMs: number): Promise<void> {
  const home = join(world.workDir, 'gemini-home');
  mkdirSync(join(home, '.gemini'), { recursive: true });
  const creds = {
    access_token: SECRETS.gemini,
    refresh_token: '1//spec-refresh',
    token_type: 'Bearer',
    expiry_date: Date.now() + expiresInMs,
  };
  writeFileSync(join(home, '.gemini', 'oauth_creds.json'), JSON.stringify(creds));
  const env = { GEMINI_CLI_HOME: home, HOME: join(world.workDir, 'home'), CODE_ASSIST_ENDPOINT: labOf(world).urlOf(name) };
  await world.runTracker(splitArgs(line), { env });
}

When(
  'I run {string} with a Gemini CLI Google login against the scripted model server {string}',
  async function (this: TrackerWorld, line: string, name: string) {
    await runWithGeminiLogin(this, line, name, 3_600_000);
  },
);

When(
  'I run {string} with an expired Gemini CLI Google login against the scripted model server {string}',
  async function (this: TrackerWorld, line: string, name: string) {
    await runWithGeminiLogin(this, line, name, -60_000);
  },
);

Then('the {word} quota endpoint was asked with its own credential', function (this: TrackerWorld, kind: string) {
  const headers = stubs.get(this)?.get(kind)?.seen[0];
  assert.ok(headers, `the ${kind} endpoint was never asked`);
  const expected = kind === 'glm' ? SECRETS.glm : `Bearer ${SECRETS[kind]}`;
  assert.equal(headers.authorization, expected);
  if (kind === 'claude') assert.equal(headers['anthropic-beta'], 'oauth-2025-04-20');
  if (kind === 'codex') assert.equal(headers['chatgpt-account-id'], 'acct-spec-1');
});

Then('the {word} reading has {string} = {string}', function (this: TrackerWorld, provider: string, path: string, expected: string) {
  const out = JSON.parse(this.last.stdout) as { readings: { provider: string }[] };
  const reading = out.readings.find((entry) => entry.provider === provider);
  assert.ok(reading, `no reading of ${provider} in ${this.last.stdout}`);
  let value: unknown = reading;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  assert.equal(JSON.stringify(value), expected);
});

Then('no file in the data dir holds a quota credential', function (this: TrackerWorld) {
  for (const file of listFiles(this.dataDir)) {
    const text = readFileSync(file, 'latin1');
    for (const secret of Object.values(SECRETS)) assert.ok(!text.includes(secret), `${file} holds a credential`);
  }
});

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
